package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestPermissionsAWSOrganization(t *testing.T) {
	code, stdout, stderr := runCLI(t, "permissions", "aws", "--organization", "--role", "fleet-audit", "--audit-principal", "arn:aws:iam::123456789012:role/auditor")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Policies []struct {
			Statement []struct {
				Action   []string
				Resource string
			}
		} `json:"auditing_principal_policies"`
		Template struct {
			Resources map[string]struct {
				Properties struct{ RoleName string }
			}
			Parameters map[string]map[string]any
		} `json:"member_role_template"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if len(doc.Policies) != 2 || len(doc.Policies[0].Statement) != 2 {
		t.Fatalf("policies: %+v", doc.Policies)
	}
	assume := doc.Policies[0].Statement[1]
	if strings.Join(assume.Action, ",") != "sts:AssumeRole" || assume.Resource != "arn:aws:iam::*:role/fleet-audit" {
		t.Errorf("assume-role statement %+v", assume)
	}
	if strings.Join(doc.Policies[0].Statement[0].Action, ",") != "organizations:DescribeOrganization,organizations:ListAccounts,organizations:ListAccountsForParent,organizations:ListOrganizationalUnitsForParent" {
		t.Errorf("organization statement %+v", doc.Policies[0].Statement[0])
	}
	if doc.Template.Resources["IncloudAuditRole"].Properties.RoleName != "fleet-audit" ||
		doc.Template.Parameters["AuditPrincipalArn"]["Default"] != "arn:aws:iam::123456789012:role/auditor" {
		t.Errorf("member role template %+v", doc.Template)
	}
	if code, _, stderr := runCLI(t, "permissions", "aws", "--role", "x"); code != 2 || !strings.Contains(stderr, "--organization") {
		t.Errorf("--role without --organization: exit %d, %q", code, stderr)
	}
}
