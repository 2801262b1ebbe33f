# METADATA
# title: EBS snapshots are not public
# description: No EBS snapshot owned by the account can be used by every AWS account to create volumes.
# scope: package
# custom:
#   id: aws-ec2-public-ebs-snapshot
#   severity: critical
#   area: data-protection
#   resource_type: aws_ec2_snapshot
#   service_model: iaas
#   frameworks: {}
#   remediation: >-
#     EC2 console > Snapshots > snapshot > Actions > Snapshot settings > Modify permissions >
#     "Private", or aws ec2 modify-snapshot-attribute --snapshot-id SNAPSHOT_ID
#     --attribute createVolumePermission --operation-type remove --group-names all. Share with
#     named accounts instead (--user-ids ACCOUNT_ID) where sharing is needed, and consider
#     aws ec2 enable-snapshot-block-public-access --state block-all-sharing in every region.
#   rationale: >-
#     EBS volumes and their snapshots are the customer's disks (IaaS): AWS stores them privately
#     unless their owner shares them. A public snapshot lets any AWS account create a volume with a
#     full copy of the customer's data; who may read the customer's data is the customer's decision.
#   pass_message: EBS snapshot {name} is not public
#   depends_on: [public, snapshot_id, volume_id]
package incloud.aws.ec2.public_ebs_snapshot

deny contains {"resource_id": s.id, "message": msg} if {
	some s in input.resources.aws_ec2_snapshot
	s.public == true
	msg := sprintf("EBS snapshot %s of volume %s is public: any AWS account can create a volume from it", [label(s.snapshot_id, s.name), s.volume_id])
}

# label(id, name) names the resource in messages: "i-0abc (web)", or the id alone when the name is the id.
label(id, name) := id if id == name

label(id, name) := sprintf("%s (%s)", [id, name]) if id != name

unknown contains {"resource_id": s.id, "message": msg} if {
	some s in input.resources.aws_ec2_snapshot
	is_null(s.public)
	msg := sprintf("EBS snapshot %s: public is null (its createVolumePermission was not read), with no collection error recorded for it", [label(s.snapshot_id, s.name)])
}
