# METADATA
# title: The account's contact details are registered
# description: >-
#   The account's primary contact information (Account Management) is registered with a full name,
#   a phone number and an address, so that AWS can reach the account's owner about abuse or a
#   compromise. Only which fields are set is read, never their values; whether they are current
#   stays for a person to confirm.
# scope: package
# custom:
#   id: aws-account-contact-details
#   severity: low
#   area: compliance-governance
#   resource_type: aws_account
#   service_model: saas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["2.1"]
#   remediation: >-
#     In the console open Account > Contact information > Edit and fill in the full name, phone
#     number and address of a team that answers, or run aws account put-contact-information
#     --contact-information FullName=...,PhoneNumber=...,AddressLine1=...,City=...,CountryCode=...,PostalCode=...
#     Review the details whenever the team changes.
#   rationale: >-
#     AWS contacts the account's owner through these details when it sees abuse from or a
#     compromise of the account. AWS cannot know who should answer: keeping a reachable contact
#     registered and current is the customer's part of incident response.
#   depends_on: [contact_information]
package incloud.aws.account.contact_details

missing(c) := [field |
	some field, attr in {"full name": "has_full_name", "phone number": "has_phone_number", "address": "has_address"}
	c[attr] != true
]

deny contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	a.contact_information.registered == false
	msg := sprintf("account %s has no contact information registered", [a.name])
}

deny contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	a.contact_information.registered == true
	m := missing(a.contact_information)
	count(m) > 0
	msg := sprintf("account %s's contact information has no %s", [a.name, concat(", ", sort(m))])
}

unknown contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	not is_object(a.contact_information)
	msg := sprintf("account %s's contact information was not read", [a.name])
}

pass contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	a.contact_information.registered == true
	count(missing(a.contact_information)) == 0
	msg := sprintf("account %s has contact information with a full name, phone number and address (confirm it is current)", [a.name])
}
