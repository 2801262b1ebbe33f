package aws

import (
	"fmt"

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
