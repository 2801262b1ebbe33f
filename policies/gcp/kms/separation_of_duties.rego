# METADATA
# title: No one both administers and uses Cloud KMS keys
# description: No member of the project's IAM policy holds roles/cloudkms.admin together with a role that encrypts or decrypts (cryptoKeyEncrypterDecrypter, cryptoKeyEncrypter, cryptoKeyDecrypter).
# scope: package
# custom:
#   id: gcp-kms-separation-of-duties
#   severity: medium
#   area: user-access-management
#   resource_type: gcp_project
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["1.11"]
#   remediation: Keep Cloud KMS Admin with the key administrators and the encrypt/decrypt roles with the workloads and people that use the keys; remove one of the two from every member that has both (`gcloud projects remove-iam-policy-binding`).
#   rationale: 'Google operates Cloud KMS and its hardware, but the keys'' IAM policies, rotation schedules and who may use them are configured by the customer: someone who can both manage keys (change their IAM policies, destroy versions) and decrypt with them can read protected data and cover the traces. Separating those duties is a governance decision only the customer can make.'
#   pass_message: no member of project {name} holds Cloud KMS Admin and an encrypt/decrypt role
#   depends_on: [iam_policy]
package incloud.gcp.kms.separation_of_duties

import data.incloud.lib.gcp.iam

use_roles := {"roles/cloudkms.cryptoKeyEncrypterDecrypter", "roles/cloudkms.cryptoKeyEncrypter", "roles/cloudkms.cryptoKeyDecrypter"}

deny contains {"resource_id": p.id, "message": msg} if {
	some p in input.resources.gcp_project
	both := {m |
		some m, roles in iam.roles_of(p.iam_policy)
		"roles/cloudkms.admin" in roles
		count(roles & use_roles) > 0
	}
	count(both) > 0
	msg := sprintf("project %s: %s hold Cloud KMS Admin and an encrypt/decrypt role", [p.project_id, concat(", ", sort(both))])
}
