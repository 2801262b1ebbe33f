# METADATA
# title: AWSCloudShellFullAccess is not attached to anyone
# description: No IAM user, group or role has the AWS managed policy AWSCloudShellFullAccess attached.
# scope: package
# custom:
#   id: aws-iam-cloudshell-full-access
#   severity: medium
#   area: user-access-management
#   resource_type: aws_account
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["2.21"]
#   remediation: List the holders with `aws iam list-entities-for-policy --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess`, detach it (`aws iam detach-user-policy`, `detach-group-policy` or `detach-role-policy` with that ARN), and where CloudShell is needed grant a customer-managed policy that allows starting sessions but denies cloudshell:GetFileDownloadUrls and cloudshell:GetFileUploadUrls.
#   rationale: AWS runs the CloudShell environment, but who may use it, and with which permissions, is the customer's grant. AWSCloudShellFullAccess allows file upload and download and unrestricted outbound network access from a shell that holds the user's credentials, an easy path to move data or tools in and out of the account. Restricting it is the customer's part of controlling access to its own account.
#   pass_message: account {name} has AWSCloudShellFullAccess attached to no user, group or role
#   depends_on: [cloudshell_full_access_entities]
package incloud.aws.iam.cloudshell_full_access

import data.incloud.lib.aws.iam

deny contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	holders := iam.entity_arns(a.cloudshell_full_access_entities)
	count(holders) > 0
	msg := sprintf("account %s has AWSCloudShellFullAccess attached to %s", [a.name, concat(", ", holders)])
}

unknown contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	not iam.entity_lists_known(a.cloudshell_full_access_entities)
	count(iam.entity_arns(a.cloudshell_full_access_entities)) == 0
	msg := sprintf("account %s: cloudshell_full_access_entities was not read completely (null lists), with no collection error recorded for it", [a.name])
}
