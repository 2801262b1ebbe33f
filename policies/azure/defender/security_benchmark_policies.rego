# METADATA
# title: Microsoft cloud security benchmark policies are not disabled
# description: >-
#   The Microsoft cloud security benchmark initiative is assigned to the subscription and none of
#   its policy parameters is set to Disabled.
# scope: package
# custom:
#   id: azure-defender-security-benchmark-policies
#   severity: medium
#   area: compliance-governance
#   resource_type: azure_subscription
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["3.1.11"]
#   remediation: >-
#     Defender for Cloud > Environment settings > subscription > Security policies: assign the
#     Microsoft cloud security benchmark and set disabled policies back to AuditIfNotExists/Audit.
#   rationale: >-
#     Microsoft operates Defender for Cloud, but its plans and settings stay off until the customer
#     turns them on for the subscription; Microsoft does not enable or pay for protection on the
#     customer's behalf. Which recommendations the customer sees depends on the policies the customer
#     keeps enabled.
#   pass_message: >-
#     subscription {name}: the Microsoft cloud security benchmark is assigned with no policy disabled
#   depends_on: [security_benchmark_assignment]
package incloud.azure.defender.security_benchmark_policies

deny contains {"resource_id": s.id, "message": benchmark_msg(s.security_benchmark_assignment)} if {
	some s in input.resources.azure_subscription
	not benchmark_ok(s.security_benchmark_assignment)
}

benchmark_ok(a) if {
	not is_null(a)
	count(a.disabled_policies) == 0
}

benchmark_msg(a) := "the Microsoft cloud security benchmark is not assigned" if is_null(a)

benchmark_msg(a) := sprintf("Microsoft cloud security benchmark policies set to Disabled: %s", [concat(", ", sort(a.disabled_policies))]) if not is_null(a)
