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
	"github.com/incloud/incloud/pkg/snapshot"
	"github.com/incloud/incloud/policies"
)

func TestOperationsReadOnly(t *testing.T) {
	ops := Operations()
	if len(ops) < 40 {
		t.Fatalf("only %d registered operations", len(ops))
	}
	for _, op := range ops {
		if !op.ReadOnly || !isReadOnly(op) {
			t.Errorf("%s (permission %s) is not read-only", op.Name(), op.Permission)
		}
		if !strings.HasPrefix(op.Action, "List") && !strings.HasPrefix(op.Action, "Get") && !strings.HasPrefix(op.Action, "Describe") &&
			op.Name() != "iam:GenerateCredentialReport" {
			t.Errorf("%s is not List*/Get*/Describe*", op.Name())
		}
	}
	// IsReadOnly must reject writes, in the action or in the permission.
	for _, op := range []collection.Operation{
		{Service: "iam", Action: "DeleteUser", Permission: "iam:DeleteUser"},
		{Service: "s3", Action: "GetBucketAcl", Permission: "s3:PutBucketAcl"},
		{Service: "iam", Action: "CreateAccessKey", Permission: "iam:CreateAccessKey"},
	} {
		if isReadOnly(op) {
			t.Errorf("%s / %s counted as read-only", op.Name(), op.Permission)
		}
	}
}

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

// TestPermissionsCoverCalls collects the demo account with every service and checks that each
// operation the fake saw is registered and granted by the minimal policy.
func TestPermissionsCoverCalls(t *testing.T) {
	demo, err := snapshot.ReadFile("../../testdata/snapshots/aws-demo.json")
	if err != nil {
		t.Fatal(err)
	}
	srv := awsfake.New(demo)
	defer srv.Close()
	collect(t, srv, testOptions(srv.URL))
	granted := map[string]bool{}
	for _, a := range MinimalPolicy().Statement[0].Action {
		granted[a] = true
	}
	calls := srv.Requests()
	if len(calls) < 20 {
		t.Fatalf("only %d operations called: %v", len(calls), calls)
	}
	for name := range calls {
		op, ok := LookupOperation(name)
		if !ok {
			t.Errorf("the collector called %s, which is not registered", name)
			continue
		}
		if !granted[op.Permission] {
			t.Errorf("%s needs %s, which the minimal policy does not grant", name, op.Permission)
		}
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

func TestCollectedSnapshotValidates(t *testing.T) {
	v, err := snapshot.NewValidator(policies.FS, "schemas")
	if err != nil {
		t.Fatal(err)
	}
	want := testSnapshot("iam", "s3")
	srv := awsfake.New(want)
	defer srv.Close()
	got := collect(t, srv, testOptions(srv.URL, "iam", "s3"))
	for _, e := range v.Validate(got) {
		t.Error(e)
	}
	// Round-trip through JSON: what is written is what is read.
	data := marshal(t, got)
	back, err := snapshot.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range v.Validate(back) {
		t.Error(e)
	}
}
