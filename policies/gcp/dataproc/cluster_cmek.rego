# METADATA
# title: Dataproc clusters are encrypted with customer-managed keys
# description: Every Dataproc cluster encrypts its persistent disks with a Cloud KMS key (encryptionConfig.gcePdKmsKeyName).
# scope: package
# custom:
#   id: gcp-dataproc-cluster-cmek
#   severity: low
#   area: data-protection
#   resource_type: gcp_dataproc_cluster
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["8.1"]
#   remediation: 'The key is set at creation: recreate the cluster with `gcloud dataproc clusters create CLUSTER --region=REGION --gce-pd-kms-key=projects/P/locations/L/keyRings/R/cryptoKeys/K`.'
#   rationale: Google runs Dataproc's cluster management, but the clusters' disks hold the customer's data and are encrypted with the customer's key only when the customer configures one. Controlling the keys for its data is the customer's data-protection duty.
#   pass_message: Dataproc cluster {name} is encrypted with a customer-managed key
#   depends_on: [gce_pd_kms_key_name]
package incloud.gcp.dataproc.cluster_cmek

deny contains {"resource_id": c.id, "message": msg} if {
	some c in input.resources.gcp_dataproc_cluster
	is_null(c.gce_pd_kms_key_name)
	msg := sprintf("Dataproc cluster %s in %s is not encrypted with a customer-managed key", [c.name, c.region])
}
