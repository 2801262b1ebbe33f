# METADATA
# title: EC2 instances use an IAM instance profile
# description: Every EC2 instance has an IAM instance profile (role) associated, so that software on it gets temporary credentials from the instance metadata service instead of stored access keys.
# scope: package
# custom:
#   id: aws-ec2-instance-profile
#   severity: medium
#   area: user-access-management
#   resource_type: aws_ec2_instance
#   service_model: iaas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["2.17"]
#   remediation: Create a role for the workload with only the permissions it needs and an instance profile for it (`aws iam create-role`, `aws iam create-instance-profile`, `aws iam add-role-to-instance-profile`), associate it with `aws ec2 associate-iam-instance-profile --instance-id ID --iam-instance-profile Name=PROFILE` (console Actions > Security > Modify IAM role), then remove any access keys stored on the instance.
#   rationale: With EC2 (IaaS) the customer owns the operating system and everything that runs on it, including how that software authenticates to AWS. AWS provides instance profiles that deliver short-lived, automatically rotated credentials, but only the customer can attach one; without it, applications tend to rely on long-lived access keys copied onto the disk, where any compromise of the instance exposes them. Giving workloads role credentials is the customer's responsibility.
#   pass_message: instance {name} has an IAM instance profile
#   depends_on: [iam_instance_profile_arn]
package incloud.aws.ec2.instance_profile

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.aws_ec2_instance
	is_null(i.iam_instance_profile_arn)
	msg := sprintf("EC2 instance %s in %s has no IAM instance profile", [i.name, i.region])
}
