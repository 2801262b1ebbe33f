package aws

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/incloud/incloud/collectors"
	"github.com/incloud/incloud/collectors/aws/awsfake"
	"github.com/incloud/incloud/collectors/collectortest"
	"github.com/incloud/incloud/pkg/snapshot"
)

const testAccount = "123456789012"

var testCollectedAt = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// testConfig is an SDK configuration with test credentials.
func testConfig() aws.Config {
	return aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("AKIDINCLOUDTEST", "test-secret-not-real", ""),
	}
}

// testOptions are collector options for the fake at url.
func testOptions(url string, services ...string) collectors.Options {
	return collectors.Options{
		EndpointURL:      url,
		Services:         services,
		Concurrency:      8,
		RetryMaxAttempts: 3,
		RetryMaxBackoff:  2 * time.Millisecond,
		RequestTimeout:   10 * time.Second,
		Now:              func() time.Time { return testCollectedAt },
		Version:          "test",
	}
}

// collect runs the collector against srv.
func collect(t *testing.T, srv *awsfake.Server, opts collectors.Options) *snapshot.Snapshot {
	t.Helper()
	s, err := New(testConfig(), opts).Collect(context.Background())
	if err != nil {
		t.Fatalf("Collect: %v", err)
	}
	return s
}

// marshal encodes a snapshot, failing the test on error.
func marshal(t *testing.T, s *snapshot.Snapshot) []byte {
	t.Helper()
	b, err := snapshot.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// restrict keeps the resources of the given types and the errors about them.
func restrict(s *snapshot.Snapshot, types ...string) *snapshot.Snapshot {
	keep := map[string]bool{}
	for _, t := range types {
		keep[t] = true
	}
	out := *s
	out.Resources = map[string][]snapshot.Resource{}
	for t, rs := range s.Resources {
		if keep[t] {
			out.Resources[t] = rs
		}
	}
	out.Errors = []snapshot.CollectionError{}
	for _, e := range s.Errors {
		if keep[e.ResourceType] {
			out.Errors = append(out.Errors, e)
		}
	}
	out.Complete = len(out.Errors) == 0
	return &out
}

// assertSameSnapshot compares two snapshots byte for byte (the conformance suite's comparison,
// which drops the NotCollected entries of services a test left out).
var assertSameSnapshot = collectortest.AssertSame

func policyDoc(action, resource string) map[string]any {
	return map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{"Effect": "Allow", "Action": action, "Resource": resource}}}
}

// iamFixture adds the IAM part of the test account: enough users, groups, roles and policies
// for several pages of every list.
func iamFixture(s *snapshot.Snapshot) {
	acct := "arn:aws:iam::" + testAccount
	s.Add("aws_account", snapshot.Resource{
		"id": acct + ":root", "name": "demo-prod", "region": "global", "tags": map[string]any{},
		"account_id": testAccount, "aliases": []any{"demo-prod"},
		"root": map[string]any{
			"mfa_active": true, "hardware_mfa_active": false, "access_keys_present": true,
			"password_last_used": "2026-05-30T08:00:00Z", "access_key_1_last_used": "2026-04-01T00:00:00Z", "access_key_2_last_used": nil,
		},
		"password_policy": map[string]any{
			"minimum_password_length": 14, "require_symbols": true, "require_numbers": true,
			"require_uppercase_characters": true, "require_lowercase_characters": false,
			"allow_users_to_change_password": true, "expire_passwords": false, "hard_expiry": false,
			"max_password_age": nil, "password_reuse_prevention": 24,
		},
		"support_access_entities":         map[string]any{"users": []any{}, "groups": []any{acct + ":group/support"}, "roles": []any{acct + ":role/support-role"}},
		"cloudshell_full_access_entities": map[string]any{"users": []any{acct + ":user/alice"}, "groups": []any{}, "roles": []any{}},
		"s3_public_access_block":          nil,
		"contact_information":             nil, "security_contact": nil,
	})
	for i, name := range []string{"alice", "bob", "carol", "dave", "erin"} {
		keys := []any{}
		for k := 0; k < i%3; k++ {
			var used, svc any
			if k == 0 {
				used, svc = "2026-05-01T10:00:00Z", "s3"
			}
			keys = append(keys, map[string]any{
				"access_key_id": fmt.Sprintf("AKIA%016d", i*10+k), "status": []string{"Active", "Inactive"}[k%2],
				"create_date": "2025-01-0" + fmt.Sprint(k+1) + "T00:00:00Z", "last_used_date": used, "last_used_service": svc,
			})
		}
		mfa := []any{}
		if i%2 == 0 {
			mfa = append(mfa, map[string]any{"serial_number": acct + ":mfa/" + name, "type": "virtual"})
		}
		if i == 4 {
			mfa = append(mfa, map[string]any{"serial_number": "GAHT12345678", "type": "hardware"})
		}
		var pwUsed, pwChanged any
		if i != 1 {
			pwUsed, pwChanged = "2026-05-2"+fmt.Sprint(i)+"T09:00:00Z", "2026-01-1"+fmt.Sprint(i)+"T09:00:00Z"
		}
		inline := []any{}
		if i == 3 {
			inline = append(inline, map[string]any{"policy_name": "admin-inline", "document": policyDoc("*", "*")},
				map[string]any{"policy_name": "read-s3", "document": map[string]any{"Version": "2012-10-17", "Statement": []any{
					map[string]any{"Sid": "ReadOnly", "Effect": "Allow", "Action": []any{"s3:GetObject", "s3:ListBucket"}, "Resource": "*",
						"Condition": map[string]any{"NumericLessThan": map[string]any{"s3:max-keys": 10}}}}}})
		}
		userTags := map[string]any{}
		if i < 3 {
			userTags = map[string]any{"team": "platform", "owner": name, "cost-center": "42"}
		}
		s.Add("aws_iam_user", snapshot.Resource{
			"id": acct + ":user/" + name, "name": name, "region": "global", "tags": userTags,
			"user_id": fmt.Sprintf("AIDA%017d", i), "path": "/", "create_date": "2024-03-0" + fmt.Sprint(i+1) + "T10:00:00Z",
			"password_enabled": pwUsed != nil, "password_last_used": pwUsed, "password_last_changed": pwChanged,
			"mfa_active": len(mfa) > 0, "mfa_devices": mfa, "access_keys": keys,
			"groups":            []any{"admins", "developers", "support"}[:i%4],
			"attached_policies": []any{map[string]any{"policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess", "policy_name": "ReadOnlyAccess"}}[:i%2],
			"inline_policies":   inline,
		})
	}
	for i, name := range []string{"admins", "developers", "support"} {
		s.Add("aws_iam_group", snapshot.Resource{
			"id": acct + ":group/" + name, "name": name, "region": "global", "tags": map[string]any{},
			"path": "/", "create_date": "2024-01-01T00:00:00Z",
			"users":             []any{"bob", "carol", "dave"}[i:],
			"attached_policies": []any{map[string]any{"policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess", "policy_name": "AdministratorAccess"}, map[string]any{"policy_arn": acct + ":policy/deploy", "policy_name": "deploy"}, map[string]any{"policy_arn": "arn:aws:iam::aws:policy/AWSSupportAccess", "policy_name": "AWSSupportAccess"}}[:3-i],
			"inline_policies":   []any{map[string]any{"policy_name": "g-inline", "document": policyDoc("ec2:Describe*", "*")}}[:i%2],
		})
	}
	for i, name := range []string{"AWSServiceRoleForSupport", "deployer", "support-role"} {
		path := "/"
		if i == 0 {
			path = "/aws-service-role/support.amazonaws.com/"
		}
		var last any
		if i > 0 {
			last = "2026-05-3" + fmt.Sprint(i-1) + "T00:00:00Z"
		}
		s.Add("aws_iam_role", snapshot.Resource{
			"id": acct + ":role" + path + name, "name": name, "region": "global", "tags": map[string]any{"env": "prod"},
			"path": path, "create_date": "2023-07-01T00:00:00Z",
			"assume_role_policy": map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{"Effect": "Allow",
				"Principal": map[string]any{"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}}},
			"is_service_linked": i == 0, "last_used_date": last,
			"attached_policies": []any{}, "inline_policies": []any{map[string]any{"policy_name": "r", "document": policyDoc("s3:*", "*")}}[:i%2],
		})
	}
	for i, name := range []string{"deploy", "full-admin", "unused"} {
		s.Add("aws_iam_policy", snapshot.Resource{
			"id": acct + ":policy/" + name, "name": name, "region": "global", "tags": map[string]any{"n": fmt.Sprint(i)},
			"path": "/", "attachment_count": 2 - i, "is_attachable": true, "default_version_id": "v" + fmt.Sprint(i+1),
			"document": policyDoc([]string{"ec2:*", "*", "s3:GetObject"}[i], "*"),
		})
	}
	s.Add("aws_iam_server_certificate", snapshot.Resource{
		"id": acct + ":server-certificate/old-cert", "name": "old-cert", "region": "global", "tags": map[string]any{},
		"server_certificate_id": "ASCA0000000000000001", "path": "/", "upload_date": "2020-01-01T00:00:00Z", "expiration": "2021-01-01T00:00:00Z",
	})
}

// regionFixture adds the account's regions: two enabled, one not opted in.
func regionFixture(s *snapshot.Snapshot) {
	for reg, st := range map[string]string{"us-east-1": "opt-in-not-required", "eu-west-1": "opt-in-not-required", "ap-east-1": "not-opted-in"} {
		s.Add("aws_region", snapshot.Resource{
			"id": "arn:aws:ec2:" + reg + ":" + testAccount + ":region/" + reg, "name": reg, "region": reg, "tags": map[string]any{},
			"opt_in_status": st, "ebs_encryption_by_default": nil, "ebs_default_kms_key_id": nil,
			"access_analyzers": nil, "security_hub": nil, "config": nil,
		})
	}
}

// testSnapshot is the expected snapshot of the test account for services.
func testSnapshot(services ...string) *snapshot.Snapshot {
	s := snapshot.New("aws", testAccount, testCollectedAt)
	s.Collector = snapshot.Collector{Name: CollectorName, Version: "test"}
	sort.Strings(services)
	s.Scope = snapshot.Scope{Regions: []string{"eu-west-1", "us-east-1"}, Services: services}
	regionFixture(s)
	iamFixture(s)
	for _, svc := range services {
		if svc == "s3" {
			s3Fixture(s)
		}
	}
	return s
}
