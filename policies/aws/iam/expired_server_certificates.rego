# METADATA
# title: No expired SSL/TLS certificates are stored in IAM
# description: No IAM server certificate has an expiration before the time the snapshot was collected.
# scope: package
# custom:
#   id: aws-iam-expired-server-certificates
#   severity: medium
#   area: application-security
#   resource_type: aws_iam_server_certificate
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["2.18"]
#   remediation: Make sure no load balancer or CloudFront distribution still references the certificate (replace it with a valid one, preferably issued by AWS Certificate Manager), then delete it with `aws iam delete-server-certificate --server-certificate-name NAME`. IAM server certificates cannot be managed in the console.
#   rationale: AWS stores the certificates the customer uploads, but never renews or removes them; their validity is the customer's business. An expired certificate that is accidentally deployed to an ELB or CloudFront breaks TLS for the customer's application and damages its credibility. Keeping the certificate store current is part of securing the customer's own applications.
#   pass_message: IAM server certificate {name} has not expired
#   depends_on: [expiration]
package incloud.aws.iam.expired_server_certificates

import data.incloud.lib.time

deny contains {"resource_id": c.id, "message": msg} if {
	some c in input.resources.aws_iam_server_certificate
	is_string(c.expiration)
	time.before_now(c.expiration)
	msg := sprintf("IAM server certificate %s expired on %s (%d days before collection)", [c.name, c.expiration, time.days_since(c.expiration)])
}
