# METADATA
# title: VPC flow logs are on for every subnet
# description: 'Every ordinary (PRIVATE) subnet has VPC flow logs enabled with the CIS settings: 5-second aggregation, sampling 1 (all flows), all metadata included, no filter. Proxy-only and other special-purpose subnets carry no VM flows and pass.'
# scope: package
# custom:
#   id: gcp-compute-subnet-flow-logs
#   severity: low
#   area: compliance-governance
#   resource_type: gcp_compute_subnetwork
#   service_model: iaas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["3.8"]
#   remediation: '`gcloud compute networks subnets update SUBNET --region=REGION --enable-flow-logs --logging-aggregation-interval=interval-5-sec --logging-flow-sampling=1 --logging-metadata=include-all`.'
#   rationale: 'Google runs the VPC fabric, but the customer defines its networks, subnets and firewall rules, whoever supplies the firewall: flow logs of the customer''s subnets are produced only when the customer turns them on. They show which workloads talked to which addresses, which network forensics and anomaly detection need; monitoring its own network is the customer''s duty under IaaS.'
#   pass_message: subnet {name} has VPC flow logs with the CIS settings, or carries no VM traffic
#   depends_on: [purpose, flow_logs]
package incloud.gcp.compute.subnet_flow_logs

deny contains {"resource_id": s.id, "message": msg} if {
	some s in input.resources.gcp_compute_subnetwork
	s.purpose == "PRIVATE"
	why := problem(s.flow_logs)
	msg := sprintf("subnet %s in %s: %s", [s.name, s.region, why])
}

problem(f) := "flow logs are off" if {
	not f.enable
} else := sprintf("flow logs aggregate every %s, not every 5 seconds", [f.aggregation_interval]) if {
	f.aggregation_interval != "INTERVAL_5_SEC"
} else := sprintf("flow logs sample %v of flows, not all", [f.flow_sampling]) if {
	f.flow_sampling < 1
} else := sprintf("flow logs metadata is %s, not INCLUDE_ALL_METADATA", [f.metadata]) if {
	f.metadata != "INCLUDE_ALL_METADATA"
} else := sprintf("flow logs are filtered (%s)", [f.filter_expr]) if {
	not f.filter_expr in {"", "true"}
}
