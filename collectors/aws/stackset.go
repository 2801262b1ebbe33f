package aws

import "encoding/json"

// maxInlinePolicies is IAM's limit on the total size of a role's inline policies (characters,
// whitespace not counted).
const maxInlinePolicies = 10240

// MemberRoleTemplate is a CloudFormation template (JSON, ready for a StackSet over the
// organization's members) creating role in a member account: trusted by the auditing principal
// (a role or user ARN in the management or delegated administrator account), with the
// external id condition when the ExternalId parameter is not empty, and MinimalPolicy as its
// only permissions.
func MemberRoleTemplate(role, auditPrincipalARN string) ([]byte, error) {
	if role == "" {
		role = "incloud-audit"
	}
	principal := map[string]any{"Type": "String", "Description": "ARN of the role or user that runs incloud in the management (or delegated administrator) account"}
	if auditPrincipalARN != "" {
		principal["Default"] = auditPrincipalARN
	}
	tmpl := map[string]any{
		"AWSTemplateFormatVersion": "2010-09-09",
		"Description":              "incloud read-only audit role for organization mode (deploy with a StackSet to every member account)",
		"Parameters": map[string]any{
			"AuditPrincipalArn": principal,
			"ExternalId":        map[string]any{"Type": "String", "Default": "", "NoEcho": true, "Description": "optional: the --external-id incloud passes to sts:AssumeRole"},
		},
		"Conditions": map[string]any{
			"HasExternalId": map[string]any{"Fn::Not": []any{map[string]any{"Fn::Equals": []any{map[string]any{"Ref": "ExternalId"}, ""}}}},
		},
		"Resources": map[string]any{
			"IncloudAuditRole": map[string]any{
				"Type": "AWS::IAM::Role",
				"Properties": map[string]any{
					"RoleName":           role,
					"MaxSessionDuration": 3600,
					"AssumeRolePolicyDocument": map[string]any{
						"Version": "2012-10-17",
						"Statement": []any{map[string]any{
							"Effect":    "Allow",
							"Principal": map[string]any{"AWS": map[string]any{"Ref": "AuditPrincipalArn"}},
							"Action":    "sts:AssumeRole",
							"Condition": map[string]any{"Fn::If": []any{"HasExternalId",
								map[string]any{"StringEquals": map[string]any{"sts:ExternalId": map[string]any{"Ref": "ExternalId"}}},
								map[string]any{"Ref": "AWS::NoValue"}}},
						}},
					},
					"Policies": []any{map[string]any{"PolicyName": "incloud-read-only-audit", "PolicyDocument": MinimalPolicy()}},
				},
			},
		},
		"Outputs": map[string]any{
			"RoleArn": map[string]any{"Value": map[string]any{"Fn::GetAtt": []any{"IncloudAuditRole", "Arn"}}},
		},
	}
	return json.MarshalIndent(tmpl, "", "  ")
}
