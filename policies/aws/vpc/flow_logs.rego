# METADATA
# title: VPC flow logging is enabled
# description: Every VPC has at least one active flow log capturing its IP traffic.
# scope: package
# custom:
#   id: aws-vpc-flow-logs
#   severity: medium
#   area: compliance-governance
#   resource_type: aws_ec2_vpc
#   service_model: iaas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["4.7"]
#   remediation: Run `aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc-id> --traffic-type REJECT --log-destination-type cloud-watch-logs --log-group-name <group> --deliver-logs-permission-arn <role-arn>` (or `--traffic-type ALL`, or an S3 destination with `--log-destination arn:aws:s3:::<bucket>`).
#   rationale: AWS operates the network fabric, but records the traffic in a customer's VPC only when the customer creates a flow log for it. With IaaS networking the customer owns the traffic flowing between its instances and the internet, so keeping the records needed to detect anomalous traffic and investigate incidents is the customer's responsibility.
#   pass_message: VPC {name} has an active flow log
#   depends_on: [flow_logs]
package incloud.aws.vpc.flow_logs

active(v) if {
	some f in v.flow_logs
	f.status == "ACTIVE"
}

vpc_text(v) := v.vpc_id if v.name == v.vpc_id

else := sprintf("%s (%s)", [v.vpc_id, v.name])

deny contains {"resource_id": v.id, "message": msg} if {
	some v in input.resources.aws_ec2_vpc
	not active(v)
	count([f | some f in v.flow_logs]) == 0
	msg := sprintf("VPC %s has no flow log", [vpc_text(v)])
}

deny contains {"resource_id": v.id, "message": msg} if {
	some v in input.resources.aws_ec2_vpc
	not active(v)
	logs := [sprintf("%s is %s", [f.flow_log_id, f.status]) | some f in v.flow_logs]
	count(logs) > 0
	msg := sprintf("VPC %s has no active flow log: %s", [vpc_text(v), concat(", ", sort(logs))])
}
