package aws

import (
	"fmt"
	"testing"

	"github.com/incloud/incloud/collectors/aws/awsfake"
	"github.com/incloud/incloud/pkg/snapshot"
)

const testOwner = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"

// s3Fixture adds five buckets in two regions, each configured differently, and the account's
// public access block.
func s3Fixture(s *snapshot.Snapshot) {
	s.Resources["aws_account"][0]["s3_public_access_block"] = map[string]any{
		"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": false, "restrict_public_buckets": true,
	}
	owner := map[string]any{"grantee_type": "CanonicalUser", "grantee_id": testOwner, "grantee_uri": nil, "permission": "FULL_CONTROL"}
	for i, name := range []string{"audit-logs", "public-site", "secure-data", "legacy-eu", "shared-eu"} {
		region := "us-east-1"
		if i >= 3 {
			region = "eu-west-1"
		}
		b := snapshot.Resource{
			"id": "arn:aws:s3:::" + name, "name": name, "region": region, "tags": map[string]any{},
			"creation_date": fmt.Sprintf("2025-0%d-01T00:00:00Z", i+1),
			"acl":           map[string]any{"owner_id": testOwner, "grants": []any{owner}},
			"policy":        nil, "policy_is_public": nil, "public_access_block": nil, "encryption": nil,
			"versioning":       map[string]any{"status": "", "mfa_delete": ""},
			"logging":          nil,
			"object_ownership": "BucketOwnerEnforced",
		}
		switch name {
		case "audit-logs":
			b["tags"] = map[string]any{"purpose": "audit", "retention": "7y"}
			b["encryption"] = map[string]any{"rules": []any{map[string]any{"sse_algorithm": "AES256", "kms_master_key_id": nil, "bucket_key_enabled": false}}}
			b["versioning"] = map[string]any{"status": "Enabled", "mfa_delete": "Enabled"}
			b["policy"] = map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
				"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
				"Resource":  []any{"arn:aws:s3:::audit-logs", "arn:aws:s3:::audit-logs/*"},
				"Condition": map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}}}}}
			b["policy_is_public"] = false
			b["public_access_block"] = map[string]any{"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true}
		case "public-site":
			b["acl"] = map[string]any{"owner_id": testOwner, "grants": []any{owner,
				map[string]any{"grantee_type": "Group", "grantee_id": nil, "grantee_uri": "http://acs.amazonaws.com/groups/global/AllUsers", "permission": "READ"},
				map[string]any{"grantee_type": "AmazonCustomerByEmail", "grantee_id": "someone@example.com", "grantee_uri": nil, "permission": "READ_ACP"}}}
			b["policy"] = map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
				"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::public-site/*"}}}
			b["policy_is_public"] = true
			b["object_ownership"] = "ObjectWriter"
			b["logging"] = map[string]any{"target_bucket": "audit-logs", "target_prefix": "public-site/"}
		case "secure-data":
			b["encryption"] = map[string]any{"rules": []any{map[string]any{"sse_algorithm": "aws:kms", "kms_master_key_id": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "bucket_key_enabled": true}}}
			b["versioning"] = map[string]any{"status": "Suspended", "mfa_delete": "Disabled"}
			b["public_access_block"] = map[string]any{"block_public_acls": true, "ignore_public_acls": false, "block_public_policy": true, "restrict_public_buckets": false}
		case "legacy-eu":
			b["object_ownership"] = nil
		}
		s.Add("aws_s3_bucket", b)
	}
}

func TestS3RoundTrip(t *testing.T) {
	want := testSnapshot("iam", "s3")
	srv := awsfake.New(want)
	defer srv.Close()
	got := collect(t, srv, testOptions(srv.URL, "s3", "iam"))
	assertSameSnapshot(t, want, got)
	if n := srv.Requests()["s3:ListBuckets"]; n != 3 {
		t.Errorf("s3:ListBuckets requests = %d, want 3 pages of 2", n)
	}
	if n := srv.Requests()["s3:GetBucketLocation"]; n != 0 {
		t.Errorf("s3:GetBucketLocation requests = %d, want 0 (ListBuckets names the regions)", n)
	}
}

func TestS3BucketLocation(t *testing.T) {
	want := testSnapshot("s3", "iam")
	srv := awsfake.New(want, awsfake.WithoutBucketRegion())
	defer srv.Close()
	got := collect(t, srv, testOptions(srv.URL, "s3", "iam"))
	assertSameSnapshot(t, want, got)
	if n := srv.Requests()["s3:GetBucketLocation"]; n != 5 {
		t.Errorf("s3:GetBucketLocation requests = %d, want one per bucket", n)
	}
}

func TestS3AccessDenied(t *testing.T) {
	want := testSnapshot("s3", "iam")
	site := findResource(want, "aws_s3_bucket", "arn:aws:s3:::public-site")
	site["policy"], site["policy_is_public"] = nil, nil
	want.AddError(snapshot.CollectionError{ResourceType: "aws_s3_bucket", ResourceID: site.ID(), Region: "us-east-1",
		Operation: "s3:GetBucketPolicy", Code: "AccessDenied", Message: "Access Denied", Attributes: []string{"policy", "policy_is_public"}})
	eu := findResource(want, "aws_s3_bucket", "arn:aws:s3:::shared-eu")
	eu["acl"], eu["tags"] = nil, nil
	want.AddError(snapshot.CollectionError{ResourceType: "aws_s3_bucket", ResourceID: eu.ID(), Region: "eu-west-1",
		Operation: "s3:GetBucketAcl", Code: "AccessDenied", Message: "Access Denied", Attributes: []string{"acl"}})
	want.AddError(snapshot.CollectionError{ResourceType: "aws_s3_bucket", ResourceID: eu.ID(), Region: "eu-west-1",
		Operation: "s3:GetBucketTagging", Code: "AccessDenied", Message: "Access Denied", Attributes: []string{"tags"}})
	want.Resources["aws_account"][0]["s3_public_access_block"] = nil
	want.AddError(snapshot.CollectionError{ResourceType: "aws_account", ResourceID: "arn:aws:iam::123456789012:root", Region: "global",
		Operation: "s3control:GetPublicAccessBlock", Code: "AccessDenied", Message: "Access Denied", Attributes: []string{"s3_public_access_block"}})
	srv := awsfake.New(want)
	defer srv.Close()
	got := collect(t, srv, testOptions(srv.URL, "s3", "iam"))
	assertSameSnapshot(t, want, got)
}

func TestS3ListDenied(t *testing.T) {
	want := testSnapshot("s3", "iam")
	delete(want.Resources, "aws_s3_bucket")
	want.AddError(snapshot.CollectionError{ResourceType: "aws_s3_bucket", Region: "global",
		Operation: "s3:ListBuckets", Code: "AccessDenied", Message: "Access Denied"})
	srv := awsfake.New(want)
	defer srv.Close()
	got := collect(t, srv, testOptions(srv.URL, "s3", "iam"))
	assertSameSnapshot(t, want, got)
}

func TestS3Throttling(t *testing.T) {
	want := testSnapshot("s3", "iam")
	secure := findResource(want, "aws_s3_bucket", "arn:aws:s3:::secure-data")
	secure["encryption"] = nil
	want.AddError(snapshot.CollectionError{ResourceType: "aws_s3_bucket", ResourceID: secure.ID(), Region: "us-east-1",
		Operation: "s3:GetBucketEncryption", Code: "SlowDown", Message: "Please reduce your request rate.", Attributes: []string{"encryption"}})
	srv := awsfake.New(want, awsfake.WithThrottle("s3:GetBucketAcl", 2), awsfake.WithThrottle("s3control:GetPublicAccessBlock", 1))
	defer srv.Close()
	opts := testOptions(srv.URL, "s3", "iam")
	got := collect(t, srv, opts)
	assertSameSnapshot(t, want, got)
	req := srv.Requests()
	// Two throttled attempts, fewer than the attempts of one request: whichever buckets they
	// hit, every ACL is read in the end.
	if n := req["s3:GetBucketAcl"]; n != 5+2 {
		t.Errorf("s3:GetBucketAcl requests = %d, want 5 buckets + 2 throttled attempts", n)
	}
	if n := req["s3:GetBucketEncryption"]; n != 4+opts.RetryMaxAttempts {
		t.Errorf("s3:GetBucketEncryption requests = %d, want 4 + %d attempts for the throttled bucket", n, opts.RetryMaxAttempts)
	}
}
