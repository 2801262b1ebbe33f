# METADATA
# title: RDS DB instances are not publicly accessible
# description: >-
#   No RDS DB instance is publicly accessible, i.e. none has a DNS name that resolves to a public
#   IP address reachable from outside its VPC.
# scope: package
# custom:
#   id: aws-rds-public-access
#   severity: critical
#   area: network-controls
#   resource_type: aws_rds_db_instance
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["3.2.3"]
#   remediation: >-
#     RDS console > Databases > instance > Modify > Connectivity > Additional configuration >
#     "Not publicly accessible", or aws rds modify-db-instance --db-instance-identifier NAME
#     --no-publicly-accessible --apply-immediately. Reach the database through the VPC (VPN,
#     bastion, AWS Systems Manager port forwarding) and restrict its security group to the
#     application's subnets or security groups.
#   rationale: >-
#     AWS runs the RDS hosts and network (PaaS), but whether a database gets a public address is
#     the customer's network decision, and the security groups in front of it are firewall rules,
#     which are always the customer's to configure whoever supplies the firewall. A public database
#     endpoint exposes the customer's data to password guessing and engine exploits from the internet.
#   pass_message: DB instance {name} is not publicly accessible
#   depends_on: [publicly_accessible, engine]
package incloud.aws.rds.public_access

deny contains {"resource_id": db.id, "message": msg} if {
	some db in input.resources.aws_rds_db_instance
	db.publicly_accessible == true
	msg := sprintf("DB instance %s (%s) is publicly accessible: its endpoint resolves to a public IP address", [db.name, db.engine])
}
