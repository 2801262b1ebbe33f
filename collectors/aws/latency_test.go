package aws

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/incloud/incloud/collectors"
	"github.com/incloud/incloud/collectors/aws/awsfake"
	"github.com/incloud/incloud/pkg/snapshot"
)

// latencySnapshot is a two-region account with 100 buckets, 50 security groups and 20 users.
func latencySnapshot() *snapshot.Snapshot {
	s := snapshot.New("aws", testAccount, testCollectedAt)
	s.Collector = snapshot.Collector{Name: CollectorName, Version: "test"}
	s.Scope = snapshot.Scope{Regions: []string{"eu-west-1", "us-east-1"}, Services: []string{"ec2", "iam", "s3"}}
	for _, reg := range []string{"us-east-1", "eu-west-1"} {
		s.Add("aws_region", snapshot.Resource{
			"id": "arn:aws:ec2:" + reg + ":" + testAccount + ":region/" + reg, "name": reg, "region": reg, "tags": map[string]any{},
			"opt_in_status": "opt-in-not-required", "ebs_encryption_by_default": reg == "us-east-1", "ebs_default_kms_key_id": "alias/aws/ebs",
			"access_analyzers": nil, "security_hub": nil, "config": nil,
		})
	}
	for i := 0; i < 50; i++ {
		reg, id := []string{"us-east-1", "eu-west-1"}[i%2], fmt.Sprintf("sg-%017d", i)
		s.Add("aws_ec2_security_group", snapshot.Resource{
			"id": "arn:aws:ec2:" + reg + ":" + testAccount + ":security-group/" + id, "name": fmt.Sprintf("group-%02d", i),
			"region": reg, "tags": map[string]any{}, "group_id": id, "vpc_id": "vpc-00000000000000001", "description": "test group",
			"is_default": false, "egress_rules": []any{},
			"ingress_rules": []any{map[string]any{"ip_protocol": "tcp", "from_port": 22, "to_port": 22,
				"ipv4_ranges": []any{"10.0.0.0/8"}, "ipv6_ranges": []any{}, "prefix_list_ids": []any{}, "source_group_ids": []any{}}},
		})
	}
	iamFixture(s)
	s.Resources["aws_iam_user"] = nil
	for i := 0; i < 20; i++ {
		name := fmt.Sprintf("user-%02d", i)
		s.Add("aws_iam_user", snapshot.Resource{
			"id": "arn:aws:iam::" + testAccount + ":user/" + name, "name": name, "region": "global", "tags": map[string]any{},
			"user_id": fmt.Sprintf("AIDA%017d", i), "path": "/", "create_date": "2024-03-01T10:00:00Z",
			"password_enabled": true, "password_last_used": nil, "password_last_changed": nil,
			"mfa_active": false, "mfa_devices": []any{},
			"access_keys": []any{map[string]any{"access_key_id": fmt.Sprintf("AKIA%016d", i), "status": "Active",
				"create_date": "2025-01-01T00:00:00Z", "last_used_date": nil, "last_used_service": nil}},
			"groups": []any{}, "attached_policies": []any{}, "inline_policies": []any{},
		})
	}
	for i := 0; i < 100; i++ {
		reg := []string{"us-east-1", "eu-west-1"}[i%2]
		s.Add("aws_s3_bucket", snapshot.Resource{
			"id": fmt.Sprintf("arn:aws:s3:::bucket-%03d", i), "name": fmt.Sprintf("bucket-%03d", i), "region": reg,
			"tags": map[string]any{"n": fmt.Sprint(i)}, "creation_date": "2025-01-01T00:00:00Z",
			"acl":    map[string]any{"owner_id": testOwner, "grants": []any{}},
			"policy": map[string]any{"Version": "2012-10-17", "Statement": []any{}}, "policy_is_public": false,
			"public_access_block": nil, "encryption": nil, "versioning": map[string]any{"status": "Enabled", "mfa_delete": "Disabled"},
			"logging": nil, "object_ownership": "BucketOwnerEnforced",
		})
	}
	return s
}

// TestLatencyConcurrency measures a collection with 20 ms per request at concurrency 1 and at
// the default concurrency: the pool must make it at least 5 times faster.
func TestLatencyConcurrency(t *testing.T) {
	if testing.Short() {
		t.Skip("takes about 30 s")
	}
	want := latencySnapshot()
	srv := awsfake.New(want, awsfake.WithLatency(20*time.Millisecond), awsfake.WithPageSize(100))
	defer srv.Close()
	run := func(workers int) (time.Duration, *snapshot.Snapshot) {
		srv.ResetRequests()
		opts := testOptions(srv.URL, "ec2", "iam", "s3")
		opts.Concurrency = workers
		start := time.Now()
		s, err := New(testConfig(), opts).Collect(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return time.Since(start), s
	}
	par, got := run(0)
	parRequests := srv.Requests()
	assertSameSnapshot(t, want, got)
	seq, got := run(1)
	assertSameSnapshot(t, want, got)
	ratio := float64(seq) / float64(par)
	total := 0
	var perOp []string
	for op, n := range parRequests {
		total += n
		perOp = append(perOp, fmt.Sprintf("%s=%d", op, n))
	}
	sort.Strings(perOp)
	resources := 0
	for _, rs := range want.Resources {
		resources += len(rs)
	}
	t.Logf("20 ms per request, 2 regions, 100 buckets, 50 security groups, 20 users: concurrency 1: %v; concurrency %d: %v; speed-up %.1fx",
		seq.Round(time.Millisecond), collectors.DefaultConcurrency, par.Round(time.Millisecond), ratio)
	t.Logf("%d requests for %d resources (%.1f per resource; %.1f per bucket, %.1f per user)", total, resources,
		float64(total)/float64(resources), float64(countPrefix(parRequests, "s3:")-parRequests["s3:ListBuckets"])/100,
		float64(countUser(parRequests))/20)
	t.Logf("requests per operation: %s", strings.Join(perOp, " "))
	if ratio < 5 {
		t.Errorf("speed-up %.1fx, want at least 5x", ratio)
	}
}

func countPrefix(m map[string]int, prefix string) int {
	n := 0
	for k, v := range m {
		if strings.HasPrefix(k, prefix) {
			n += v
		}
	}
	return n
}

// countUser counts the per-user IAM requests.
func countUser(m map[string]int) int {
	n := 0
	for _, op := range []string{"ListUserTags", "ListMFADevices", "ListAccessKeys", "GetAccessKeyLastUsed", "ListGroupsForUser",
		"ListAttachedUserPolicies", "ListUserPolicies", "GetUserPolicy"} {
		n += m["iam:"+op]
	}
	return n
}

// TestInterrupted cancels a slow collection: the snapshot comes back incomplete, readable,
// with an error entry saying so.
func TestInterrupted(t *testing.T) {
	want := latencySnapshot()
	srv := awsfake.New(want, awsfake.WithLatency(30*time.Millisecond))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	got, err := New(testConfig(), testOptions(srv.URL, "iam", "s3")).Collect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("interrupted collection took %v", d)
	}
	if got.Complete {
		t.Error("complete = true after the deadline")
	}
	// Every type the collection was reading is covered, whole (no resource id, no region).
	covered := map[string]bool{}
	for _, e := range got.Errors {
		if e.Operation == "incloud:Collect" && e.Code == "DeadlineExceeded" && e.ResourceID == "" && e.Region == "" {
			covered[e.ResourceType] = true
		}
	}
	for _, typ := range []string{"aws_account", "aws_region", "aws_s3_bucket", "aws_iam_user", "aws_iam_role"} {
		if !covered[typ] {
			t.Errorf("the interruption does not cover %s: %+v", typ, got.Errors)
		}
	}
	if covered["aws_ec2_instance"] {
		t.Error("the interruption covers a type of a service that was not being collected")
	}
	if _, err := snapshot.Parse(marshal(t, got)); err != nil {
		t.Errorf("interrupted snapshot does not read back: %v", err)
	}
}
