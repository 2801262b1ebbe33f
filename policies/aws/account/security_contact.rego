# METADATA
# title: The account has a security contact
# description: >-
#   A SECURITY alternate contact (Account Management) is registered with an email address and a
#   phone number, so that AWS security notifications reach the team that acts on them. Only which
#   fields are set is read, never their values.
# scope: package
# custom:
#   id: aws-account-security-contact
#   severity: medium
#   area: compliance-governance
#   resource_type: aws_account
#   service_model: saas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["2.2"]
#   remediation: >-
#     In the console open Account > Alternate contacts > Edit and fill in the Security contact, or
#     run aws account put-alternate-contact --alternate-contact-type SECURITY --name NAME --title TITLE
#     --email-address ADDRESS --phone-number NUMBER. Use a monitored team address, not a person's.
#   rationale: >-
#     AWS sends security notices (exposed credentials, abuse reports, compromised resources) to the
#     security contact when one is registered, and to the account's root email otherwise, which is
#     often nobody's inbox. Naming who must hear about a security issue is the customer's part of
#     incident response; AWS cannot choose it.
#   depends_on: [security_contact]
package incloud.aws.account.security_contact

deny contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	a.security_contact.registered == false
	msg := sprintf("account %s has no security contact registered", [a.name])
}

deny contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	c := a.security_contact
	c.registered == true
	m := [field | some field, attr in {"email address": "has_email_address", "phone number": "has_phone_number"}; c[attr] != true]
	count(m) > 0
	msg := sprintf("account %s's security contact has no %s", [a.name, concat(", ", sort(m))])
}

unknown contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	not is_object(a.security_contact)
	msg := sprintf("account %s's security contact was not read", [a.name])
}

pass contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	c := a.security_contact
	c.registered == true
	c.has_email_address == true
	c.has_phone_number == true
	msg := sprintf("account %s has a security contact with an email address and a phone number", [a.name])
}
