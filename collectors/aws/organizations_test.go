package aws

import (
	"context"
	"strings"
	"testing"

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

// Organization mode end to end against the fake organization: the accounts are listed over
// pages, the suspended one is skipped with a note, each member collected through its role
// gives the same snapshot as collecting that account directly, the caller's own account uses
// its own credentials, and the member that refuses the role is an error, not a snapshot.
func TestOrganizationCollection(t *testing.T) {
	f := newTestFleet(t)
	ctx := context.Background()
	c := New(testConfig(), testOptions(f.URL, "iam"))
	orgID, members, err := c.OrganizationAccounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range members {
		ids = append(ids, m.ID)
	}
	if orgID != "o-fake12345" || strings.Join(ids, ",") != strings.Join([]string{testAccount, memberOK, memberDenied, memberSuspended}, ",") {
		t.Fatalf("organization %q accounts %v", orgID, ids)
	}
	selected, skipped, err := SelectMembers(members, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(selected) != 3 || len(skipped) != 1 || skipped[0].Account != memberSuspended || !strings.Contains(skipped[0].Reason, "SUSPENDED") {
		t.Fatalf("selected %v, skipped %v", selected, skipped)
	}
	caller, err := c.Caller(ctx)
	if err != nil || caller != testAccount {
		t.Fatalf("caller %q, %v", caller, err)
	}
	for _, m := range selected {
		coll := c
		if m.ID != caller {
			coll = c.AssumeRole("aws", m.ID, "incloud-audit", "")
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

func TestSelectMembers(t *testing.T) {
	members := []Member{{ID: "111111111111", Status: "ACTIVE"}, {ID: "111122223333", Status: "ACTIVE"}, {ID: "222222222222", Status: "PENDING_CLOSURE"}, {ID: "999999999999", Status: "ACTIVE"}}
	got, skipped, err := SelectMembers(members, []string{"1111*", "2*"}, []string{"111111111111"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != "111122223333" || len(skipped) != 1 || !strings.Contains(skipped[0].Reason, "PENDING_CLOSURE") {
		t.Errorf("selected %v skipped %v", got, skipped)
	}
	if _, _, err := SelectMembers(members, []string{"[1"}, nil); err == nil {
		t.Error("a malformed glob was accepted")
	}
	ex, err := ExplicitMembers([]string{"999999999999", "111111111111", "999999999999"})
	if err != nil || len(ex) != 2 || ex[0].ID != "111111111111" {
		t.Errorf("ExplicitMembers = %v, %v", ex, err)
	}
	if _, err := ExplicitMembers([]string{"1111*"}); err == nil || !strings.Contains(err.Error(), "--organization") {
		t.Errorf("a glob without --organization: %v", err)
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
	want := "*=organizations:DescribeOrganization,organizations:ListAccounts;arn:aws:iam::*:role/incloud-audit=sts:AssumeRole"
	if strings.Join(got, ";") != want {
		t.Errorf("organization policy %v, want %s", got, want)
	}
}
