# METADATA
# title: The root user uses a hardware MFA device
# description: The account's root user has MFA enabled and none of its MFA devices is a virtual (software) device.
# scope: package
# custom:
#   id: aws-iam-root-hardware-mfa
#   severity: high
#   area: user-access-management
#   resource_type: aws_account
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["2.5"]
#   remediation: Sign in as the root user, open Security credentials, choose Assign MFA device and register a FIDO security key or hardware TOTP token; then remove the virtual MFA device (`aws iam list-virtual-mfa-devices` shows it with the root ARN as user). Keep the device in a safe with a documented break-glass procedure.
#   rationale: AWS offers both virtual and hardware MFA, but which kind guards the root user is decided by the customer. A virtual MFA lives on a phone or laptop that can be lost, cloned, backed up to the cloud or compromised together with the password; a dedicated hardware device cannot. Choosing and safekeeping the root user's second factor is the customer's responsibility, not AWS's.
#   pass_message: the root user of account {name} uses a hardware MFA device
#   depends_on: [root]
package incloud.aws.iam.root_hardware_mfa

deny contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	a.root.hardware_mfa_active == false
	msg := sprintf("root user of account %s %s", [a.name, problem(a.root)])
}

problem(root) := "uses a virtual MFA device instead of a hardware one" if root.mfa_active == true

else := "has no MFA device at all (a hardware one is required)"
