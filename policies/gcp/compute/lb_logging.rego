# METADATA
# title: HTTP(S) load balancers log requests
# description: Every backend service of an HTTP(S) load balancer (protocol HTTP, HTTPS or HTTP2) has logging enabled. Backend services of other protocols pass.
# scope: package
# custom:
#   id: gcp-compute-lb-logging
#   severity: low
#   area: compliance-governance
#   resource_type: gcp_compute_backend_service
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["2.16"]
#   remediation: '`gcloud compute backend-services update NAME --global --enable-logging --logging-sample-rate=1` (use --region=REGION for regional backend services).'
#   rationale: 'Google records and stores the logs, but which logs are written, where they are kept and who is alerted is configured by the customer: Google runs the load balancers, but it records the requests they serve only when the customer enables logging on the backend service. Request logs are how the customer sees attacks on its applications, which is its own monitoring duty.'
#   pass_message: backend service {name} logs requests, or does not serve HTTP(S)
#   depends_on: [protocol, logging_enabled]
package incloud.gcp.compute.lb_logging

deny contains {"resource_id": b.id, "message": msg} if {
	some b in input.resources.gcp_compute_backend_service
	b.protocol in {"HTTP", "HTTPS", "HTTP2"}
	not b.logging_enabled
	msg := sprintf("backend service %s (%s) does not log requests", [b.name, b.protocol])
}
