# METADATA
# title: VMs do not accept interactive serial port connections
# description: No VM has serial-port-enable true, set on the VM or inherited from the project-wide metadata.
# scope: package
# custom:
#   id: gcp-compute-instance-serial-port
#   severity: medium
#   area: application-security
#   resource_type: gcp_compute_instance
#   service_model: iaas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["4.5"]
#   remediation: '`gcloud compute instances add-metadata VM --zone=ZONE --metadata=serial-port-enable=FALSE` (and remove serial-port-enable from the project metadata).'
#   rationale: 'With Compute Engine (IaaS) Google runs the hosts and hypervisor, while the customer owns the guest OS, the VM''s configuration and the identity it runs as: the interactive serial console accepts connections from any IP address, bypassing the customer''s firewall rules. Which access paths into the OS are open is the customer''s configuration under IaaS.'
#   pass_message: VM {name} does not accept interactive serial port connections
#   depends_on: [metadata, gcp_project.compute_metadata]
package incloud.gcp.compute.instance_serial_port

import data.incloud.lib.gcp.compute

project_metadata := md if {
	some p in input.resources.gcp_project
	md := p.compute_metadata
} else := {}

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_compute_instance
	compute.effective_true(i.metadata, project_metadata, "serial-port-enable")
	msg := sprintf("VM %s in %s accepts interactive serial port connections", [i.name, i.zone])
}
