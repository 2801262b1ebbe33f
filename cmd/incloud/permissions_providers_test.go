package main

import (
	"strings"
	"testing"

	"github.com/incloud/incloud/collectors"
)

// Every provider with an organization mode words the flags of permissions <p> --organization
// itself: its help shows the provider's own usage of --organization, --role and
// --audit-principal (an ARN is AWS's, not GCP's IAM member or Azure's object id).
func TestPermissionsOrganizationHelpPerProvider(t *testing.T) {
	n := 0
	for _, p := range collectors.Providers() {
		if p.OrganizationPermissions == nil {
			continue
		}
		n++
		h := p.OrganizationHelp
		if h.Organization == "" || h.Role == "" || h.Principal == "" {
			t.Errorf("%s: the organization flags are not worded for the provider: %+v", p.Name, h)
			continue
		}
		code, out, stderr := runCLI(t, "permissions", p.Name, "--help")
		if code != 0 {
			t.Fatalf("%s --help: exit %d: %s", p.Name, code, stderr)
		}
		for _, usage := range []string{h.Organization, h.Role, h.Principal} {
			if !strings.Contains(strings.Join(strings.Fields(out), " "), usage) {
				t.Errorf("permissions %s --help lacks %q:\n%s", p.Name, usage, out)
			}
		}
		if p.Name != "aws" && strings.Contains(h.Principal, "ARN") {
			t.Errorf("permissions %s: --audit-principal is described as an ARN: %s", p.Name, h.Principal)
		}
		if code, _, stderr := runCLI(t, "permissions", p.Name, "--audit-principal", "x"); code != 2 || !strings.Contains(stderr, "--organization") {
			t.Errorf("permissions %s --audit-principal without --organization: exit %d, %q", p.Name, code, stderr)
		}
	}
	if n < 3 {
		t.Errorf("%d providers with an organization mode, want aws, gcp and azure", n)
	}
}

// permissions gcp|azure --organization --role --audit-principal put the role and the principal
// where each provider needs them: the gcloud binding's member and role id, the az assignment's
// assignee and role name.
func TestPermissionsOrganizationGCPAzure(t *testing.T) {
	for _, tc := range []struct {
		provider, principal string
		want                []string
	}{
		{"gcp", "serviceAccount:auditor@sec.iam.gserviceaccount.com", []string{
			"--member=serviceAccount:auditor@sec.iam.gserviceaccount.com --role=organizations/ORG_ID/roles/fleetAudit",
			"- resourcemanager.projects.list\n"}},
		{"azure", "0000aaaa-11bb-22cc-33dd-444444eeeeee", []string{
			`--assignee 0000aaaa-11bb-22cc-33dd-444444eeeeee --role \"fleet-audit\"`,
			`"Microsoft.Management/managementGroups/descendants/read"`}},
	} {
		code, out, stderr := runCLI(t, "permissions", tc.provider, "--organization", "--role", "fleet-audit", "--audit-principal", tc.principal)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", tc.provider, code, stderr)
		}
		for _, s := range tc.want {
			if !strings.Contains(out, s) {
				t.Errorf("permissions %s --organization lacks %q:\n%s", tc.provider, s, out)
			}
		}
		// Without --organization: the single role, without the listing of the fleet.
		code, single, stderr := runCLI(t, "permissions", tc.provider)
		if code != 0 || strings.Contains(single, tc.want[1]) {
			t.Errorf("permissions %s: exit %d (%s); the single role grants the fleet's listing: %v", tc.provider, code, stderr, strings.Contains(single, tc.want[1]))
		}
	}
}
