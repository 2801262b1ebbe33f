# METADATA
# title: Cloud SQL instances have no public IP address
# description: No primary Cloud SQL instance has a public IPv4 address; clients connect over private IP.
# scope: package
# custom:
#   id: gcp-sql-no-public-ip
#   severity: medium
#   area: network-controls
#   resource_type: gcp_sql_instance
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["6.6"]
#   remediation: Configure private IP (`gcloud sql instances patch INSTANCE --network=VPC --no-assign-ip`) after setting up private services access for the VPC.
#   rationale: 'With Cloud SQL (PaaS) Google patches and runs the database engine, while the customer owns its configuration, network exposure and data: a public address puts the database''s login on the internet, protected only by authorized networks and passwords. Whether its database is exposed is the customer''s network decision.'
#   pass_message: Cloud SQL instance {name} has no public IP address, or is a read replica
#   depends_on: [instance_type, ip_configuration]
package incloud.gcp.sql.no_public_ip

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	i.instance_type != "READ_REPLICA_INSTANCE"
	i.ip_configuration.ipv4_enabled
	msg := sprintf("Cloud SQL instance %s has a public IP address", [i.name])
}
