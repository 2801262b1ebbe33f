# METADATA
# title: A support role exists for managing incidents with AWS Support
# description: At least one IAM user, group or role has the AWS managed policy AWSSupportAccess attached.
# scope: package
# custom:
#   id: aws-iam-support-role
#   severity: low
#   area: compliance-governance
#   resource_type: aws_account
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["2.16"]
#   remediation: Create a role that your incident responders can assume (`aws iam create-role --role-name aws-support --assume-role-policy-document file://trust.json`, trusting your account or identity provider) and attach the managed policy with `aws iam attach-role-policy --role-name aws-support --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess`.
#   rationale: AWS Support is provided by AWS, but who in the customer's organisation may open and manage support cases is an access decision only the customer can make. Without a designated, least-privileged support role, people either cannot reach AWS during an incident or use over-privileged or root credentials to do so. Defining that access is part of the customer's incident-response governance.
#   depends_on: [support_access_entities]
package incloud.aws.iam.support_role

import data.incloud.lib.aws.iam

deny contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	iam.entity_lists_known(a.support_access_entities)
	count(iam.entity_arns(a.support_access_entities)) == 0
	msg := sprintf("account %s has no IAM user, group or role with the AWSSupportAccess policy attached", [a.name])
}

unknown contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	not iam.entity_lists_known(a.support_access_entities)
	msg := sprintf("account %s: support_access_entities was not read completely (null lists), with no collection error recorded for it", [a.name])
}

pass contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	holders := iam.entity_arns(a.support_access_entities)
	count(holders) > 0
	msg := sprintf("account %s has AWSSupportAccess attached to %s", [a.name, concat(", ", holders)])
}
