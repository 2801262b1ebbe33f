package aws

import (
	"context"
	"strings"
	"testing"

	"github.com/incloud/incloud/collectors"
	"github.com/incloud/incloud/collectors/aws/awsfake"
	"github.com/incloud/incloud/pkg/snapshot"
)

const (
	memberOK        = "222222222222"
	memberDenied    = "333333333333"
	memberSuspended = "444444444444"
)

// memberSnapshot is the IAM fixture as another account's, with one user fewer (its own data).
func memberSnapshot(account string) *snapshot.Snapshot {
	s := testSnapshot("iam")
	s.Account = account
	if users := s.Resources["aws_iam_user"]; len(users) > 1 {
		s.Resources["aws_iam_user"] = users[1:]
	}
	return s
}

func newTestFleet(t *testing.T) *awsfake.Fleet {
	t.Helper()
	org := awsfake.Organization{ID: "o-fake12345", ManagementAccount: testAccount, Accounts: []awsfake.OrgAccount{
		{ID: memberSuspended, Name: "old", Status: "SUSPENDED"},
		{ID: testAccount, Name: "management", Status: "ACTIVE"},
		{ID: memberDenied, Name: "locked", Status: "ACTIVE"},
		{ID: memberOK, Name: "workloads", Status: "ACTIVE"},
	}}
	f := awsfake.NewFleet(awsfake.New(testSnapshot("iam"), awsfake.WithOrganization(org)), map[string]*awsfake.Server{
		memberOK:     awsfake.New(memberSnapshot(memberOK)),
		memberDenied: awsfake.New(memberSnapshot(memberDenied)),
	}, "incloud-audit")
	f.Denied[memberDenied] = true
	t.Cleanup(f.Close)
	return f
}

// Organization mode end to end against the fake organization, through the provider's fleet:
// the accounts are listed over pages, the suspended one is skipped with a note, each member
// collected through its role gives the same snapshot as collecting that account directly, the
// caller's own account uses its own credentials, and the member that refuses the role is an
// error, not a snapshot.
func TestOrganizationCollection(t *testing.T) {
	f := newTestFleet(t)
	ctx := context.Background()
	c := New(testConfig(), testOptions(f.URL, "iam"))
	orgID, _, err := c.OrganizationAccounts(ctx)
	if err != nil || orgID != "o-fake12345" {
		t.Fatalf("organization %q, %v", orgID, err)
	}
	fl := &fleet{base: c, role: "incloud-audit"}
	members, err := fl.Members(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range members {
		ids = append(ids, m.ID)
		if (m.ID == memberSuspended) != strings.Contains(m.Skip, "SUSPENDED") {
			t.Errorf("member %s: skip %q", m.ID, m.Skip)
		}
	}
	if strings.Join(ids, ",") != strings.Join([]string{testAccount, memberOK, memberDenied, memberSuspended}, ",") {
		t.Fatalf("accounts %v", ids)
	}
	for _, m := range members {
		if m.Skip != "" {
			continue
		}
		coll, err := fl.Collector(ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		if (m.ID == testAccount) != (coll == collectors.Collector(c)) {
			t.Errorf("member %s: own credentials %v", m.ID, coll == collectors.Collector(c))
		}
		got, err := coll.Collect(ctx)
		if m.ID == memberDenied {
			if err == nil || !strings.Contains(err.Error(), "AccessDenied") || !strings.Contains(err.Error(), "sts:AssumeRole") {
				t.Errorf("denied member: err %v, want AccessDenied from sts:AssumeRole", err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("collect %s: %v", m.ID, err)
		}
		if got.Account != m.ID {
			t.Errorf("collected account %s, want %s", got.Account, m.ID)
		}
		// The same account collected alone, with its own credentials.
		alone := f.Member(m.ID)
		want, err := New(testConfig(), testOptions(alone.URL, "iam")).Collect(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := string(marshal(t, want)), string(marshal(t, got)); a != b {
			t.Errorf("account %s collected through the organization differs from collecting it alone", m.ID)
		}
	}
	if n := f.AssumeRoleCount(testAccount); n != 0 {
		t.Errorf("AssumeRole called %d time(s) for the caller's own account", n)
	}
	if n := f.AssumeRoleCount(memberOK); n != 1 {
		t.Errorf("AssumeRole called %d time(s) for %s, want 1 (credentials cached)", n, memberOK)
	}
}

// The fleet flags: one account without them, an explicit list with --accounts and --role,
// usage errors for the combinations that cannot work (before any configuration is loaded).
func TestFleetRequest(t *testing.T) {
	ctx := context.Background()
	req := func(flags map[string]string, accounts ...string) collectors.FleetRequest {
		return collectors.FleetRequest{Flags: flags, Accounts: accounts}
	}
	if f, err := newFleet(ctx, req(map[string]string{"profile": ""})); f != nil || err != nil {
		t.Errorf("no fleet flags: %v, %v; want one account", f, err)
	}
	for _, tc := range []struct {
		flags    map[string]string
		accounts []string
		want     string
	}{
		{map[string]string{"organization": "true"}, nil, "--organization needs --role"},
		{map[string]string{"external-id": "x"}, nil, "--external-id needs --role"},
		{map[string]string{"role": "audit"}, nil, "--role needs --organization"},
		{map[string]string{"role": "audit"}, []string{"1234*"}, "globs need --organization"},
	} {
		if _, err := newFleet(ctx, req(tc.flags, tc.accounts...)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v %v: error %v, want %q", tc.flags, tc.accounts, err, tc.want)
		}
	}
}

func TestExplicitMembers(t *testing.T) {
	ex, err := ExplicitMembers([]string{"999999999999", "111111111111", "999999999999"})
	if err != nil || len(ex) != 2 || ex[0].ID != "111111111111" {
		t.Errorf("ExplicitMembers = %v, %v", ex, err)
	}
	if _, err := ExplicitMembers([]string{"1111*"}); err == nil || !strings.Contains(err.Error(), "--organization") {
		t.Errorf("a glob without --organization: %v", err)
	}
}

// With an explicit list, the members are the ids given, the caller's among them collected
// with its own credentials.
func TestExplicitFleet(t *testing.T) {
	f := newTestFleet(t)
	ctx := context.Background()
	ex, err := ExplicitMembers([]string{memberOK, testAccount})
	if err != nil {
		t.Fatal(err)
	}
	fl := &fleet{base: New(testConfig(), testOptions(f.URL, "iam")), role: "incloud-audit"}
	for _, m := range ex {
		fl.explicit = append(fl.explicit, collectors.Member{ID: m.ID})
	}
	members, err := fl.Members(ctx)
	if err != nil || len(members) != 2 {
		t.Fatalf("members %v, %v", members, err)
	}
	for _, m := range members {
		coll, err := fl.Collector(ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		snap, err := coll.Collect(ctx)
		if err != nil || snap.Account != m.ID {
			t.Errorf("member %s: %v, %v", m.ID, snap, err)
		}
	}
	if f.AssumeRoleCount(memberOK) != 1 || f.AssumeRoleCount(testAccount) != 0 {
		t.Errorf("AssumeRole counts: %d for %s, %d for the caller", f.AssumeRoleCount(memberOK), memberOK, f.AssumeRoleCount(testAccount))
	}
}

func TestOrganizationNotInUse(t *testing.T) {
	srv := awsfake.New(testSnapshot("iam"))
	defer srv.Close()
	_, _, err := New(testConfig(), testOptions(srv.URL, "iam")).OrganizationAccounts(context.Background())
	if err == nil || !strings.Contains(err.Error(), "AWSOrganizationsNotInUseException") || !strings.Contains(err.Error(), "--accounts with --role") {
		t.Errorf("err %v", err)
	}
}

// The member role's policy never lets it assume other roles or read the organization; the
// management-side policy grants exactly organization mode's calls.
func TestOrganizationPolicies(t *testing.T) {
	for _, a := range MinimalPolicy().Statement[0].Action {
		if a == "sts:AssumeRole" || strings.HasPrefix(a, "organizations:") {
			t.Errorf("the per-account policy grants %s", a)
		}
	}
	p := OrganizationPolicy("incloud-audit")
	var got []string
	for _, st := range p.Statement {
		got = append(got, st.Resource+"="+strings.Join(st.Action, ","))
	}
	want := "*=organizations:DescribeOrganization,organizations:ListAccounts,organizations:ListAccountsForParent,organizations:ListOrganizationalUnitsForParent;arn:aws:iam::*:role/incloud-audit=sts:AssumeRole"
	if strings.Join(got, ";") != want {
		t.Errorf("organization policy %v, want %s", got, want)
	}
}
