# METADATA
# title: Security Hub is enabled in every region
# description: AWS Security Hub is enabled in every region the account has enabled. A region the account has not opted in to passes with a result saying that it is not enabled for the account.
# scope: package
# custom:
#   id: aws-securityhub-enabled
#   severity: medium
#   area: compliance-governance
#   resource_type: aws_region
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["5.16"]
#   remediation: Run `aws securityhub enable-security-hub --enable-default-standards --region <region>` in each region (AWS Config must be recording there), or enable it organisation-wide from the Security Hub delegated administrator with central configuration.
#   rationale: AWS runs Security Hub, but it aggregates and evaluates nothing until the customer enables it in each region. Continuously checking the account against security standards and acting on the findings is part of the customer's monitoring and governance responsibility, not the provider's.
#   depends_on: [opt_in_status, security_hub]
package incloud.aws.securityhub.enabled

import data.incloud.lib.aws.regions

deny contains {"resource_id": r.id, "message": msg} if {
	some r in input.resources.aws_region
	regions.enabled(r)
	r.security_hub.enabled == false
	msg := sprintf("Security Hub is not enabled in region %s", [r.name])
}

unknown contains {"resource_id": r.id, "message": msg} if {
	some r in input.resources.aws_region
	msg := regions.unread(r, "security_hub")
}

pass contains p if some p in regions.not_enabled_passes

pass contains {"resource_id": r.id, "message": msg} if {
	some r in input.resources.aws_region
	regions.enabled(r)
	r.security_hub.enabled == true
	msg := sprintf("Security Hub is enabled in region %s%s", [r.name, since(r.security_hub.subscribed_at)])
}

since(t) := sprintf(" (since %s)", [t]) if is_string(t)

else := ""
