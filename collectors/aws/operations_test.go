package aws

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/incloud/incloud/collectors/aws/awsfake"
	"github.com/incloud/incloud/collectors/collection"
)

func TestMinimalPolicy(t *testing.T) {
	p := MinimalPolicy()
	if len(p.Statement) != 1 || p.Statement[0].Effect != "Allow" || p.Statement[0].Resource != "*" {
		t.Fatalf("policy = %+v", p)
	}
	acts := p.Statement[0].Action
	for i := 1; i < len(acts); i++ {
		if acts[i-1] >= acts[i] {
			t.Errorf("actions not sorted and distinct: %q before %q", acts[i-1], acts[i])
		}
	}
	for _, want := range []string{"s3:ListAllMyBuckets", "s3:GetEncryptionConfiguration", "s3:GetAccountPublicAccessBlock",
		"s3:GetBucketPublicAccessBlock", "iam:GenerateCredentialReport", "iam:GetCredentialReport", "ec2:DescribeRegions", "sts:GetCallerIdentity"} {
		found := false
		for _, a := range acts {
			found = found || a == want
		}
		if !found {
			t.Errorf("policy lacks %s", want)
		}
	}
	if _, err := json.Marshal(p); err != nil {
		t.Fatal(err)
	}
}

func TestRegistryGuard(t *testing.T) {
	srv := awsfake.New(testSnapshot("iam"))
	defer srv.Close()
	c := New(testConfig(), testOptions(srv.URL))
	cli := iam.NewFromConfig(c.cfg, func(o *iam.Options) { o.BaseEndpoint = aws.String(srv.URL) })
	// Not registered at all.
	_, err := cli.DeleteUser(context.Background(), &iam.DeleteUserInput{UserName: aws.String("alice")})
	if err == nil || !strings.Contains(err.Error(), "not a registered operation") {
		t.Errorf("DeleteUser: err = %v, want a registry refusal", err)
	}
	// Registered, but made outside a call for it.
	_, err = cli.ListUsers(context.Background(), &iam.ListUsersInput{})
	if err == nil || !strings.Contains(err.Error(), "outside a call") {
		t.Errorf("ListUsers without run.call: err = %v, want a refusal", err)
	}
	// Registered, inside a call for another operation.
	_, err = cli.ListUsers(collection.WithOperation(context.Background(), opIAMListGroups), &iam.ListUsersInput{})
	if err == nil {
		t.Error("ListUsers inside a ListGroups call was let through")
	}
	if n := srv.TotalRequests(); n != 0 {
		t.Errorf("%d requests reached the fake", n)
	}
	// And the right call goes through.
	if _, err := cli.ListUsers(collection.WithOperation(context.Background(), opIAMListUsers), &iam.ListUsersInput{}); err != nil {
		t.Errorf("ListUsers in its own call: %v", err)
	}
}
