package aws

import (
	"fmt"
	"slices"
	"sort"

	"github.com/incloud/incloud/pkg/snapshot"
)

// regionalServices are the per-region services (everything but IAM and S3).
var regionalServices = []string{"accessanalyzer", "cloudtrail", "cloudwatch", "config", "ec2", "efs", "kms", "logs", "rds", "securityhub"}

// regionalSnapshot is the expected snapshot of the test account when services (regional ones,
// and optionally iam) are collected: the regions, the aws_account (nothing read without iam),
// and each service's resources, with several pages of every list.
func regionalSnapshot(services ...string) *snapshot.Snapshot {
	s := snapshot.New("aws", testAccount, testCollectedAt)
	s.Collector = snapshot.Collector{Name: CollectorName, Version: "test"}
	services = append([]string(nil), services...)
	sort.Strings(services)
	s.Scope = snapshot.Scope{Regions: []string{"eu-west-1", "us-east-1"}, Services: services}
	regionFixture(s)
	if slices.Contains(services, "iam") {
		iamFixture(s)
	} else {
		// Nothing of the account is read without IAM.
		s.Add("aws_account", snapshot.Resource{
			"id": "arn:aws:iam::" + testAccount + ":root", "name": testAccount, "region": "global", "tags": map[string]any{},
			"account_id": testAccount, "aliases": nil, "root": nil, "password_policy": nil,
			"support_access_entities": nil, "cloudshell_full_access_entities": nil, "s3_public_access_block": nil,
			"contact_information": nil, "security_contact": nil,
		})
	}
	for _, svc := range services {
		if f := regionalFixtures[svc]; f != nil {
			f(s)
		}
	}
	return s
}

// regionRes returns the test snapshot's aws_region resource of reg.
func regionRes(s *snapshot.Snapshot, reg string) snapshot.Resource {
	return findResource(s, "aws_region", "arn:aws:ec2:"+reg+":"+testAccount+":region/"+reg)
}

func arnOf(service, reg, resource string) string {
	return "arn:aws:" + service + ":" + reg + ":" + testAccount + ":" + resource
}

var regionalFixtures = map[string]func(s *snapshot.Snapshot){
	"ec2":            ec2Fixture,
	"kms":            kmsFixture,
	"cloudtrail":     cloudtrailFixture,
	"config":         configFixture,
	"accessanalyzer": accessAnalyzerFixture,
	"securityhub":    securityHubFixture,
	"logs":           logsFixture,
	"cloudwatch":     cloudwatchFixture,
	"rds":            rdsFixture,
	"efs":            efsFixture,
}

func sgRule(proto string, from, to any, v4, v6, pls, sgs []any) map[string]any {
	return map[string]any{"ip_protocol": proto, "from_port": from, "to_port": to,
		"ipv4_ranges": v4, "ipv6_ranges": v6, "prefix_list_ids": pls, "source_group_ids": sgs}
}

func ec2Fixture(s *snapshot.Snapshot) {
	us, eu := regionRes(s, "us-east-1"), regionRes(s, "eu-west-1")
	us["ebs_encryption_by_default"], us["ebs_default_kms_key_id"] = true, arnOf("kms", "us-east-1", "key/1111")
	eu["ebs_encryption_by_default"], eu["ebs_default_kms_key_id"] = false, "alias/aws/ebs"
	none := []any{}
	allOut := sgRule("-1", nil, nil, []any{"0.0.0.0/0"}, none, none, none)
	for i := 0; i < 5; i++ {
		id := fmt.Sprintf("sg-%017d", i)
		name := []string{"default", "web", "bastion", "db", "icmp"}[i]
		ingress := []any{}
		switch name {
		case "default":
			ingress = append(ingress, sgRule("-1", nil, nil, none, none, none, []any{id}))
		case "web":
			ingress = append(ingress, sgRule("tcp", 443, 443, []any{"0.0.0.0/0"}, []any{"::/0"}, none, none),
				sgRule("tcp", 80, 80, []any{"10.0.0.0/8", "192.168.0.0/16"}, none, []any{"pl-0123456789abcdef0"}, none))
		case "bastion":
			ingress = append(ingress, sgRule("tcp", 22, 22, []any{"0.0.0.0/0"}, none, none, none))
		case "db":
			ingress = append(ingress, sgRule("tcp", 5432, 5432, none, none, none, []any{"sg-00000000000000001"}))
		case "icmp":
			ingress = append(ingress, sgRule("icmp", -1, -1, []any{"0.0.0.0/0"}, none, none, none), sgRule("50", nil, nil, []any{"10.0.0.0/8"}, none, none, none))
		}
		s.Add("aws_ec2_security_group", snapshot.Resource{
			"id": arnOf("ec2", "us-east-1", "security-group/"+id), "name": name, "region": "us-east-1",
			"tags": map[string]any{"tier": name}, "group_id": id, "vpc_id": "vpc-00000000000000001",
			"description": "the " + name + " group", "is_default": name == "default",
			"ingress_rules": ingress, "egress_rules": []any{allOut},
		})
	}
	s.Add("aws_ec2_security_group", snapshot.Resource{
		"id": arnOf("ec2", "eu-west-1", "security-group/sg-eu0000000000000001"), "name": "default", "region": "eu-west-1",
		"tags": map[string]any{}, "group_id": "sg-eu0000000000000001", "vpc_id": "vpc-eu000000000000001",
		"description": "default VPC security group", "is_default": true, "ingress_rules": []any{}, "egress_rules": []any{},
	})
	for i := 0; i < 3; i++ {
		id := fmt.Sprintf("acl-%017d", i)
		tags := map[string]any{}
		name := id
		if i == 1 {
			tags["Name"], name = "public-subnets", "public-subnets"
		}
		s.Add("aws_ec2_network_acl", snapshot.Resource{
			"id": arnOf("ec2", "us-east-1", "network-acl/"+id), "name": name, "region": "us-east-1", "tags": tags,
			"network_acl_id": id, "vpc_id": "vpc-00000000000000001", "is_default": i == 0,
			"entries": []any{
				map[string]any{"rule_number": 100, "protocol": "6", "rule_action": "allow", "egress": false,
					"cidr_block": "0.0.0.0/0", "ipv6_cidr_block": nil, "from_port": 22, "to_port": 22 + i},
				map[string]any{"rule_number": 101, "protocol": "-1", "rule_action": "allow", "egress": false,
					"cidr_block": nil, "ipv6_cidr_block": "::/0", "from_port": nil, "to_port": nil},
				map[string]any{"rule_number": 32767, "protocol": "-1", "rule_action": "deny", "egress": true,
					"cidr_block": "0.0.0.0/0", "ipv6_cidr_block": nil, "from_port": nil, "to_port": nil},
			},
		})
	}
	for i, st := range []string{"running", "stopped", "pending"} {
		id := fmt.Sprintf("i-%017d", i)
		tags := map[string]any{"Name": "app-" + fmt.Sprint(i)}
		var profile, ip any
		if i != 1 {
			profile = "arn:aws:iam::" + testAccount + ":instance-profile/app"
		}
		if i == 0 {
			ip = "203.0.113.7"
		}
		s.Add("aws_ec2_instance", snapshot.Resource{
			"id": arnOf("ec2", "us-east-1", "instance/"+id), "name": "app-" + fmt.Sprint(i), "region": "us-east-1", "tags": tags,
			"instance_id": id, "image_id": "ami-0123456789abcdef0", "state": st, "vpc_id": "vpc-00000000000000001",
			"public_ip_address": ip, "iam_instance_profile_arn": profile,
			"metadata_options": map[string]any{"http_tokens": []string{"required", "optional", "optional"}[i],
				"http_endpoint": []string{"enabled", "enabled", "disabled"}[i], "http_put_response_hop_limit": i + 1},
		})
	}
	flowLogs := [][]any{
		{map[string]any{"flow_log_id": "fl-00000000000000001", "status": "ACTIVE", "traffic_type": "ALL", "log_destination_type": "cloud-watch-logs"},
			map[string]any{"flow_log_id": "fl-00000000000000002", "status": "ACTIVE", "traffic_type": "REJECT", "log_destination_type": "s3"}},
		{},
		{map[string]any{"flow_log_id": "fl-00000000000000003", "status": "ACTIVE", "traffic_type": "ACCEPT", "log_destination_type": "s3"}},
	}
	for i := 0; i < 3; i++ {
		id := fmt.Sprintf("vpc-%017d", i+1)
		s.Add("aws_ec2_vpc", snapshot.Resource{
			"id": arnOf("ec2", "us-east-1", "vpc/"+id), "name": id, "region": "us-east-1", "tags": map[string]any{},
			"vpc_id": id, "cidr_block": fmt.Sprintf("10.%d.0.0/16", i), "is_default": i == 2, "flow_logs": flowLogs[i],
		})
	}
	for i := 0; i < 3; i++ {
		id := fmt.Sprintf("rtb-%017d", i)
		routes := []any{map[string]any{"destination_cidr_block": "10.0.0.0/16", "destination_ipv6_cidr_block": nil,
			"gateway_id": "local", "vpc_peering_connection_id": nil, "state": "active"}}
		if i == 1 {
			routes = append(routes, map[string]any{"destination_cidr_block": "0.0.0.0/0", "destination_ipv6_cidr_block": nil,
				"gateway_id": nil, "vpc_peering_connection_id": "pcx-0123456789abcdef0", "state": "active"},
				map[string]any{"destination_cidr_block": nil, "destination_ipv6_cidr_block": "::/0",
					"gateway_id": "igw-0123456789abcdef0", "vpc_peering_connection_id": nil, "state": "blackhole"})
		}
		s.Add("aws_ec2_route_table", snapshot.Resource{
			"id": arnOf("ec2", "us-east-1", "route-table/"+id), "name": id, "region": "us-east-1", "tags": map[string]any{},
			"route_table_id": id, "vpc_id": "vpc-00000000000000001", "routes": routes,
		})
	}
	for i := 0; i < 3; i++ {
		id := fmt.Sprintf("snap-%017d", i)
		s.Add("aws_ec2_snapshot", snapshot.Resource{
			"id": "arn:aws:ec2:us-east-1::snapshot/" + id, "name": id, "region": "us-east-1", "tags": map[string]any{},
			"snapshot_id": id, "volume_id": fmt.Sprintf("vol-%017d", i), "encrypted": i != 2, "public": i == 2,
		})
	}
}

func kmsKey(reg, id, name, manager, spec, usage, state, origin string, rotation any, tags map[string]any) snapshot.Resource {
	return snapshot.Resource{
		"id": arnOf("kms", reg, "key/"+id), "name": name, "region": reg, "tags": tags,
		"key_id": id, "key_manager": manager, "key_spec": spec, "key_usage": usage, "key_state": state, "origin": origin,
		"rotation_enabled": rotation,
	}
}

func kmsFixture(s *snapshot.Snapshot) {
	none := map[string]any{}
	s.Add("aws_kms_key",
		kmsKey("us-east-1", "00000000-0000-4000-8000-000000000001", "alias/app", "CUSTOMER", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "Enabled", "AWS_KMS", true, map[string]any{"team": "platform"}),
		kmsKey("us-east-1", "00000000-0000-4000-8000-000000000002", "00000000-0000-4000-8000-000000000002", "CUSTOMER", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "Disabled", "AWS_KMS", false, none),
		kmsKey("us-east-1", "00000000-0000-4000-8000-000000000003", "alias/aws/s3", "AWS", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "Enabled", "AWS_KMS", nil, none),
		kmsKey("us-east-1", "00000000-0000-4000-8000-000000000004", "alias/signing", "CUSTOMER", "ECC_NIST_P256", "SIGN_VERIFY", "Enabled", "AWS_KMS", nil, none),
		kmsKey("us-east-1", "00000000-0000-4000-8000-000000000005", "alias/byok", "CUSTOMER", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "PendingImport", "EXTERNAL", nil, none),
		kmsKey("eu-west-1", "00000000-0000-4000-8000-000000000006", "alias/eu", "CUSTOMER", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "PendingDeletion", "AWS_KMS", false, none),
	)
}

func fieldSelector(field string, equals, startsWith []any) map[string]any {
	return map[string]any{"field": field, "equals": equals, "not_equals": []any{}, "starts_with": startsWith,
		"not_starts_with": []any{}, "ends_with": []any{}, "not_ends_with": []any{}}
}

func cloudtrailFixture(s *snapshot.Snapshot) {
	trail := func(reg, name string, multi bool) snapshot.Resource {
		return snapshot.Resource{
			"id": arnOf("cloudtrail", reg, "trail/"+name), "name": name, "region": reg, "tags": map[string]any{},
			"home_region": reg, "is_multi_region": multi, "is_organization_trail": false,
			"include_global_service_events": multi, "log_file_validation_enabled": multi,
			"kms_key_id": nil, "s3_bucket_name": name + "-logs", "cloudwatch_logs_log_group_arn": nil,
			"is_logging": true, "event_selectors": nil, "advanced_event_selectors": nil,
		}
	}
	org := trail("us-east-1", "org-trail", true)
	org["tags"] = map[string]any{"purpose": "audit", "owner": "security"}
	org["kms_key_id"] = arnOf("kms", "us-east-1", "key/00000000-0000-4000-8000-000000000001")
	org["cloudwatch_logs_log_group_arn"] = arnOf("logs", "us-east-1", "log-group:org-trail:*")
	org["event_selectors"] = []any{
		map[string]any{"read_write_type": "All", "include_management_events": true, "data_resources": []any{
			map[string]any{"type": "AWS::S3::Object", "values": []any{"arn:aws:s3"}}}},
		map[string]any{"read_write_type": "WriteOnly", "include_management_events": false, "data_resources": []any{}},
	}
	old := trail("us-east-1", "old-trail", false)
	old["is_logging"] = false
	old["s3_bucket_name"] = nil
	old["event_selectors"] = []any{map[string]any{"read_write_type": "ReadOnly", "include_management_events": true, "data_resources": []any{}}}
	eu := trail("eu-west-1", "eu-data", false)
	eu["advanced_event_selectors"] = []any{
		map[string]any{"name": "Management events", "field_selectors": []any{fieldSelector("eventCategory", []any{"Management"}, []any{})}},
		map[string]any{"name": nil, "field_selectors": []any{
			fieldSelector("eventCategory", []any{"Data"}, []any{}), fieldSelector("resources.type", []any{"AWS::S3::Object"}, []any{}),
			fieldSelector("resources.ARN", []any{}, []any{"arn:aws:s3:::eu-bucket/", "arn:aws:s3:::other/"})}},
	}
	s.Add("aws_cloudtrail_trail", org, old, eu)
}

func configFixture(s *snapshot.Snapshot) {
	regionRes(s, "us-east-1")["config"] = map[string]any{
		"recorders": []any{map[string]any{"name": "default", "recording": true, "all_supported": true,
			"include_global_resource_types": true, "last_status": "Success"}},
		"delivery_channels": []any{map[string]any{"name": "default", "s3_bucket_name": "config-bucket",
			"sns_topic_arn": arnOf("sns", "us-east-1", "config-topic")}},
	}
	regionRes(s, "eu-west-1")["config"] = map[string]any{
		"recorders": []any{map[string]any{"name": "eu", "recording": false, "all_supported": false,
			"include_global_resource_types": false, "last_status": nil}},
		"delivery_channels": []any{},
	}
}

func accessAnalyzerFixture(s *snapshot.Snapshot) {
	var as []any
	for i, typ := range []string{"ACCOUNT", "ACCOUNT_UNUSED_ACCESS", "ORGANIZATION"} {
		name := fmt.Sprintf("analyzer-%d", i)
		as = append(as, map[string]any{"arn": arnOf("access-analyzer", "us-east-1", "analyzer/"+name), "name": name,
			"type": typ, "status": []string{"ACTIVE", "FAILED", "CREATING"}[i]})
	}
	regionRes(s, "us-east-1")["access_analyzers"] = as
	regionRes(s, "eu-west-1")["access_analyzers"] = []any{}
}

func securityHubFixture(s *snapshot.Snapshot) {
	regionRes(s, "us-east-1")["security_hub"] = map[string]any{"enabled": true,
		"hub_arn": arnOf("securityhub", "us-east-1", "hub/default"), "subscribed_at": "2025-02-11T09:30:12Z"}
	regionRes(s, "eu-west-1")["security_hub"] = map[string]any{"enabled": false, "hub_arn": nil, "subscribed_at": nil}
}

func logsFixture(s *snapshot.Snapshot) {
	for i := 0; i < 5; i++ {
		name, group := fmt.Sprintf("filter-%d", i), []string{"trail-a", "trail-b"}[i%2]
		s.Add("aws_logs_metric_filter", snapshot.Resource{
			"id":   arnOf("logs", "us-east-1", "log-group:"+group+":metric-filter/"+name),
			"name": name, "region": "us-east-1", "tags": map[string]any{},
			"log_group_name": group, "filter_pattern": fmt.Sprintf(`{ ($.eventName = "Op%d") }`, i),
			"metric_transformations": []any{map[string]any{"metric_name": fmt.Sprintf("Metric%d", i), "metric_namespace": "CIS"}},
		})
	}
}

func cloudwatchFixture(s *snapshot.Snapshot) {
	for i := 0; i < 5; i++ {
		name := fmt.Sprintf("alarm-%d", i)
		var metric, ns any = fmt.Sprintf("Metric%d", i), "CIS"
		if i == 4 {
			metric, ns = nil, nil // a metric-math alarm
		}
		actions := []any{arnOf("sns", "us-east-1", "alerts")}
		if i == 1 {
			actions = []any{}
		}
		s.Add("aws_cloudwatch_alarm", snapshot.Resource{
			"id": arnOf("cloudwatch", "us-east-1", "alarm:"+name), "name": name, "region": "us-east-1", "tags": map[string]any{},
			"metric_name": metric, "namespace": ns, "actions_enabled": i != 2, "alarm_actions": actions,
			"state_value": []string{"OK", "ALARM", "INSUFFICIENT_DATA", "OK", "OK"}[i],
		})
	}
}

func rdsFixture(s *snapshot.Snapshot) {
	for i := 0; i < 3; i++ {
		name := fmt.Sprintf("db-%d", i)
		var key any
		if i != 1 {
			key = arnOf("kms", "us-east-1", "key/00000000-0000-4000-8000-000000000001")
		}
		s.Add("aws_rds_db_instance", snapshot.Resource{
			"id": arnOf("rds", "us-east-1", "db:"+name), "name": name, "region": "us-east-1",
			"tags":   map[string]any{"env": []string{"prod", "dev", "prod"}[i]},
			"engine": "postgres", "engine_version": "16.4", "storage_encrypted": i != 1, "publicly_accessible": i == 1,
			"multi_az": i == 0, "auto_minor_version_upgrade": i != 2, "deletion_protection": i == 0,
			"iam_database_authentication_enabled": i == 0, "backup_retention_period": []int{14, 0, 7}[i], "kms_key_id": key,
		})
		snap := name + "-manual"
		s.Add("aws_rds_db_snapshot", snapshot.Resource{
			"id": arnOf("rds", "us-east-1", "snapshot:"+snap), "name": snap, "region": "us-east-1", "tags": map[string]any{},
			"db_instance_identifier": name, "encrypted": i != 1, "public": i == 1,
		})
	}
}

func efsFixture(s *snapshot.Snapshot) {
	for i := 0; i < 3; i++ {
		id := fmt.Sprintf("fs-%017d", i)
		tags, name := map[string]any{}, id
		var key any
		if i == 0 {
			tags["Name"], name = "shared-home", "shared-home"
		}
		if i != 2 {
			key = arnOf("kms", "us-east-1", "key/00000000-0000-4000-8000-000000000001")
		}
		s.Add("aws_efs_file_system", snapshot.Resource{
			"id": arnOf("elasticfilesystem", "us-east-1", "file-system/"+id), "name": name, "region": "us-east-1", "tags": tags,
			"file_system_id": id, "encrypted": i != 2, "kms_key_id": key,
		})
	}
}
