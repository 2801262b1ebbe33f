# METADATA
# title: Storage SAS expiration policy is one hour or less
# description: >-
#   A SAS expiration policy is set with a period of at most one hour.
# scope: package
# custom:
#   id: azure-storage-sas-expiry
#   severity: low
#   area: user-access-management
#   resource_type: azure_storage_account
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["4.5"]
#   remediation: >-
#     `az storage account update --name ACCOUNT --sas-exp 0.01:00:00` (and issue short-lived,
#     preferably user-delegation SAS tokens).
#   rationale: >-
#     Azure runs the storage service and its hardware (PaaS), but who can reach a storage account,
#     over which protocols, and how its data is kept are account settings the customer chooses for its
#     data. SAS tokens are bearer credentials the customer issues; their lifetime is the customer's
#     policy.
#   pass_message: >-
#     storage account {name} limits SAS tokens to one hour
#   depends_on: [sas_expiration_period]
package incloud.azure.storage.sas_expiry

deny contains {"resource_id": a.id, "message": sprintf("storage account %s %s", [a.name, sas_desc(a.sas_expiration_period)])} if {
	some a in input.resources.azure_storage_account
	not short_sas(a.sas_expiration_period)
}

short_sas(p) if {
	is_string(p)
	seconds(p) <= 3600
}

# seconds parses a .NET TimeSpan "d.hh:mm:ss" or "hh:mm:ss".
seconds(p) := s if {
	parts := split(p, ":")
	count(parts) == 3
	head := split(parts[0], ".")
	days := day_part(head)
	hours := to_number(head[count(head) - 1])
	s := (((days * 24) + hours) * 3600 + to_number(parts[1]) * 60) + floor(to_number(parts[2]))
}

day_part(head) := to_number(head[0]) if count(head) == 2

day_part(head) := 0 if count(head) == 1

sas_desc(p) := "has no SAS expiration policy" if is_null(p)

sas_desc(p) := sprintf("lets SAS tokens live longer than one hour (policy %s)", [p]) if is_string(p)
