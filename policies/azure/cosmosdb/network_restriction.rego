# METADATA
# title: Cosmos DB is limited to selected networks
# description: >-
#   Public network access is Disabled, or the account accepts only selected virtual networks or IP
#   ranges.
# scope: package
# custom:
#   id: azure-cosmosdb-network-restriction
#   severity: high
#   area: network-controls
#   resource_type: azure_cosmosdb_account
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["5.4.1"]
#   remediation: >-
#     `az cosmosdb update --name ACCOUNT --resource-group RG --enable-virtual-network true
#     --virtual-network-rules SUBNET_ID` (or `--public-network-access Disabled`).
#   rationale: >-
#     Azure operates the database engine, patches it and runs the hosts (PaaS), but network exposure,
#     authentication, auditing and server parameters are configured by the customer for its data.
#     Firewall rules are always the customer's to configure.
#   pass_message: >-
#     Cosmos DB account {name} is limited to selected networks or closed to public access
#   depends_on: [public_network_access, is_virtual_network_filter_enabled, ip_rules]
package incloud.azure.cosmosdb.network_restriction

deny contains {"resource_id": x.id, "message": sprintf("Cosmos DB account %s accepts connections from all networks", [x.name])} if {
	some x in input.resources.azure_cosmosdb_account
	x.public_network_access == "Enabled"
	x.is_virtual_network_filter_enabled == false
	count(x.ip_rules) == 0
}
