package incloud.aws.vpc.flow_logs_test

import data.incloud.aws.vpc.flow_logs

vpc(name, logs) := {
	"id": "arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-0abc", "name": name, "region": "eu-west-1", "tags": {},
	"vpc_id": "vpc-0abc", "cidr_block": "10.0.0.0/16", "is_default": false, "flow_logs": logs,
}

flow_log(id, status) := {"flow_log_id": id, "status": status, "traffic_type": "REJECT", "log_destination_type": "cloud-watch-logs"}

snapshot(vpcs) := {"collected_at": "2026-11-20T06:00:00Z", "resources": {"aws_ec2_vpc": vpcs}}

test_passes_with_active_flow_log if {
	count(flow_logs.deny) == 0 with input as snapshot([vpc("prod", [flow_log("fl-1", "FAILED"), flow_log("fl-2", "ACTIVE")])])
}

test_fails_without_flow_logs if {
	v := vpc("prod", [])
	flow_logs.deny == {{"resource_id": v.id, "message": "VPC vpc-0abc (prod) has no flow log"}} with input as snapshot([v])
}

test_fails_without_flow_logs_unnamed if {
	v := vpc("vpc-0abc", [])
	flow_logs.deny == {{"resource_id": v.id, "message": "VPC vpc-0abc has no flow log"}} with input as snapshot([v])
}

test_fails_with_inactive_flow_log if {
	v := vpc("prod", [flow_log("fl-1", "FAILED")])
	flow_logs.deny == {{"resource_id": v.id, "message": "VPC vpc-0abc (prod) has no active flow log: fl-1 is FAILED"}} with input as snapshot([v])
}
