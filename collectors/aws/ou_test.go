package aws

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/incloud/incloud/collectors"
	"github.com/incloud/incloud/collectors/aws/awsfake"
)

// The fake organization of the --organizational-unit tests: below the root r-ab12 the
// management account, prod (two child OUs: web, itself holding edge at depth 3, and data) and
// sandbox. Pages of one item, so every OU's accounts and children span several pages.
const (
	ouProd    = "ou-ab12-prod0001"
	ouWeb     = "ou-ab12-web00001"
	ouEdge    = "ou-ab12-edge0001"
	ouData    = "ou-ab12-data0001"
	ouSandbox = "ou-ab12-sand0001"
	ouRoot    = "r-ab12"
)

func ouOrganization() awsfake.Organization {
	return awsfake.Organization{ID: "o-fake12345", ManagementAccount: testAccount, Root: ouRoot,
		OUs: []awsfake.OrgUnit{
			{ID: ouProd, Name: "prod"},
			{ID: ouWeb, Name: "web", Parent: ouProd},
			{ID: ouEdge, Name: "edge", Parent: ouWeb},
			{ID: ouData, Name: "data", Parent: ouProd},
			{ID: ouSandbox, Name: "sandbox"},
		},
		Accounts: []awsfake.OrgAccount{
			{ID: testAccount, Name: "management", Status: "ACTIVE"},
			{ID: "100000000001", Name: "prod-shared", Status: "ACTIVE", Parent: ouProd},
			{ID: "100000000002", Name: "web-a", Status: "ACTIVE", Parent: ouWeb},
			{ID: "100000000003", Name: "web-old", Status: "SUSPENDED", Parent: ouWeb},
			{ID: "100000000004", Name: "edge-a", Status: "ACTIVE", Parent: ouEdge},
			{ID: "100000000005", Name: "edge-b", Status: "ACTIVE", Parent: ouEdge},
			{ID: "100000000006", Name: "edge-c", Status: "PENDING_CLOSURE", Parent: ouEdge},
			{ID: "100000000007", Name: "data-a", Status: "ACTIVE", Parent: ouData},
			{ID: "100000000008", Name: "sandbox-a", Status: "ACTIVE", Parent: ouSandbox},
			{ID: "100000000009", Name: "sandbox-b", Status: "ACTIVE", Parent: ouSandbox},
		}}
}

// --organizational-unit: the members are the accounts below the OUs given at any depth, over
// pages; overlapping OUs list an account once; a root id is the whole organization; accounts
// that are not ACTIVE are still skipped with their note; an unknown OU or root is a clear
// error naming it.
func TestOrganizationalUnitMembers(t *testing.T) {
	srv := awsfake.New(testSnapshot("iam"), awsfake.WithOrganization(ouOrganization()), awsfake.WithPageSize(1))
	defer srv.Close()
	ctx := context.Background()
	c := New(testConfig(), testOptions(srv.URL, "iam"))
	members := func(units ...string) ([]collectors.Member, error) {
		return (&fleet{base: c, role: "incloud-audit", units: units}).Members(ctx)
	}
	ids := func(ms []collectors.Member) string {
		var out []string
		for _, m := range ms {
			out = append(out, m.ID)
		}
		return strings.Join(out, ",")
	}
	prod := "100000000001,100000000002,100000000003,100000000004,100000000005,100000000006,100000000007"
	for _, tc := range []struct {
		units []string
		want  string
	}{
		{[]string{ouProd}, prod},
		{[]string{ouEdge}, "100000000004,100000000005,100000000006"},
		{[]string{ouSandbox, ouWeb}, "100000000002,100000000003,100000000004,100000000005,100000000006,100000000008,100000000009"},
		{[]string{ouWeb, ouProd}, prod}, // overlapping: each account once
	} {
		got, err := members(tc.units...)
		if err != nil {
			t.Fatalf("%v: %v", tc.units, err)
		}
		if ids(got) != tc.want {
			t.Errorf("%v: members %s, want %s", tc.units, ids(got), tc.want)
		}
		for _, m := range got {
			skipped := m.ID == "100000000003" || m.ID == "100000000006"
			if skipped != (m.Skip != "") || (skipped && !strings.Contains(m.Skip, "SUSPENDED") && !strings.Contains(m.Skip, "PENDING_CLOSURE")) {
				t.Errorf("%v: member %s (%s) skip %q", tc.units, m.ID, m.Name, m.Skip)
			}
		}
	}
	if n := srv.Requests()["organizations:ListAccountsForParent"]; n < 10 {
		t.Errorf("%d ListAccountsForParent requests: the pages of one account were not all read", n)
	}

	// The root: the whole organization, as ListAccounts gives it.
	all, err := (&fleet{base: c, role: "incloud-audit"}).Members(ctx)
	if err != nil {
		t.Fatal(err)
	}
	root, err := members(ouRoot)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(ouOrganization().Accounts) || ids(root) != ids(all) {
		t.Errorf("root %s, want the whole organization %s", ids(root), ids(all))
	}

	for _, unknown := range []string{"ou-ab12-nope0000", "r-zz99"} {
		_, err = members(ouProd, unknown)
		if err == nil || !strings.Contains(err.Error(), "ParentNotFoundException") || !strings.Contains(err.Error(), unknown) ||
			!strings.Contains(err.Error(), "no such organizational unit") {
			t.Errorf("unknown %s: err %v", unknown, err)
		}
	}

	// Every Organizations call made here is in the auditing principal's policy.
	var granted []string
	for _, st := range OrganizationPolicy("incloud-audit").Statement {
		granted = append(granted, st.Action...)
	}
	used := 0
	for op, n := range srv.Requests() {
		if !strings.HasPrefix(op, "organizations:") || n == 0 {
			continue
		}
		used++
		if !slices.Contains(granted, op) {
			t.Errorf("%s is called but not in OrganizationPolicy %v", op, granted)
		}
		if _, ok := LookupOperation(op); !ok {
			t.Errorf("%s is not a registered operation", op)
		}
	}
	if used != 4 {
		t.Errorf("%d Organizations operations called, want 4: %v", used, srv.Requests())
	}
}

// --organizational-unit's usage errors come before any configuration is loaded.
func TestOrganizationalUnitRequest(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		flags map[string]string
		want  string
	}{
		{map[string]string{"organizational-unit": ouProd, "role": "audit"}, "--organizational-unit needs --organization"},
		{map[string]string{"organizational-unit": ouProd}, "--organizational-unit needs --organization"},
		{map[string]string{"organization": "true", "role": "audit", "organizational-unit": "prod"}, `"prod" is not an organizational unit id`},
		{map[string]string{"organization": "true", "role": "audit", "organizational-unit": ouProd + ",ou-12"}, `"ou-12" is not`},
		{map[string]string{"organization": "true", "role": "audit", "organizational-unit": ouProd + ","}, `"" is not`},
		{map[string]string{"organization": "true", "role": "audit", "organizational-unit": "o-fake12345"}, `"o-fake12345" is not`},
	} {
		if _, err := newFleet(ctx, collectors.FleetRequest{Flags: tc.flags}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want %q", tc.flags, err, tc.want)
		}
	}
	got, err := ParseOrganizationalUnits(" " + ouWeb + "," + ouRoot + "," + ouWeb)
	if err != nil || strings.Join(got, ",") != ouWeb+","+ouRoot {
		t.Errorf("ParseOrganizationalUnits = %v, %v", got, err)
	}
}
