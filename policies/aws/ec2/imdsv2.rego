# METADATA
# title: EC2 instances require IMDSv2
# description: >-
#   Every instance whose instance metadata service is enabled requires session tokens
#   (http_tokens "required"), i.e. accepts IMDSv2 only.
# scope: package
# custom:
#   id: aws-ec2-imdsv2
#   severity: high
#   area: application-security
#   resource_type: aws_ec2_instance
#   service_model: iaas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["6.7"]
#   remediation: >-
#     Check that the software on the instance uses IMDSv2 (current AWS SDKs and CLIs do; the
#     CloudWatch metric MetadataNoToken shows remaining IMDSv1 calls), then EC2 console > Instances >
#     instance > Actions > Instance settings > Modify instance metadata options > IMDSv2
#     "Required", or aws ec2 modify-instance-metadata-options --instance-id INSTANCE_ID
#     --http-tokens required --http-endpoint enabled. For new instances set it in the launch
#     template or make it the account default (aws ec2 modify-instance-metadata-defaults).
#   rationale: >-
#     AWS runs the metadata service, but on an EC2 instance (IaaS) the operating system, the
#     applications and their configuration are the customer's, and so is the choice to accept
#     IMDSv1. IMDSv1 answers unauthenticated GET requests, so a server-side request forgery bug in
#     the customer's application can steal the instance role's credentials; requiring tokens closes
#     that path.
#   pass_message: instance {name} does not accept IMDSv1 (session tokens required, or the metadata service off)
#   depends_on: [metadata_options, instance_id]
package incloud.aws.ec2.imdsv2

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.aws_ec2_instance
	i.metadata_options.http_endpoint == "enabled"
	is_string(i.metadata_options.http_tokens)
	i.metadata_options.http_tokens != "required"
	msg := sprintf("instance %s accepts IMDSv1: its metadata service is enabled with session tokens %s, not required", [
		label(i.instance_id, i.name),
		i.metadata_options.http_tokens,
	])
}

# label(id, name) names the resource in messages: "i-0abc (web)", or the id alone when the name is the id.
label(id, name) := id if id == name

label(id, name) := sprintf("%s (%s)", [id, name]) if id != name
