package aws

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestMemberRoleTemplate(t *testing.T) {
	data, err := MemberRoleTemplate("incloud-audit", "arn:aws:iam::123456789012:role/incloud-auditor")
	if err != nil {
		t.Fatal(err)
	}
	var tmpl struct {
		Resources map[string]struct {
			Type       string
			Properties struct {
				RoleName                 string
				AssumeRolePolicyDocument struct {
					Statement []struct {
						Principal map[string]map[string]string
						Action    string
					}
				}
				Policies []struct {
					PolicyName     string
					PolicyDocument PolicyDocument
				}
			}
		}
		Parameters map[string]map[string]any
	}
	if err := json.Unmarshal(data, &tmpl); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	role := tmpl.Resources["IncloudAuditRole"]
	if role.Type != "AWS::IAM::Role" || role.Properties.RoleName != "incloud-audit" {
		t.Fatalf("role resource %+v", role)
	}
	st := role.Properties.AssumeRolePolicyDocument.Statement
	if len(st) != 1 || st[0].Action != "sts:AssumeRole" || st[0].Principal["AWS"]["Ref"] != "AuditPrincipalArn" {
		t.Errorf("trust policy %+v", st)
	}
	if tmpl.Parameters["AuditPrincipalArn"]["Default"] != "arn:aws:iam::123456789012:role/incloud-auditor" {
		t.Errorf("principal parameter %v", tmpl.Parameters["AuditPrincipalArn"])
	}
	if len(role.Properties.Policies) != 1 || !slices.Equal(role.Properties.Policies[0].PolicyDocument.Statement[0].Action, MinimalPolicy().Statement[0].Action) {
		t.Errorf("the role's policy is not the minimal read-only policy")
	}
	// IAM refuses a role whose inline policies exceed its limit: the StackSet would fail in
	// every member.
	compact, err := json.Marshal(MinimalPolicy())
	if err != nil {
		t.Fatal(err)
	}
	if len(compact) > maxInlinePolicies {
		t.Errorf("the read-only policy is %d characters, over IAM's inline limit of %d", len(compact), maxInlinePolicies)
	}
}
