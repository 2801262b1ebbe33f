package azure

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/incloud/incloud/collectors"
	"github.com/incloud/incloud/collectors/azure/azurefake"
	"github.com/incloud/incloud/pkg/snapshot"
)

// The fake tenant of the fleet tests: management groups contoso > {platform, landing-zones >
// corp}, and six subscriptions, each with its own data: prod (Enabled, corp), shared (Warned,
// platform), locked (corp; listed, but every read answers 403 AuthorizationFailed), retired
// (Disabled, landing-zones), sandbox (Enabled, in no group the fake serves) and gone (Deleted).
const (
	subProd    = "11111111-1111-4111-8111-111111111111"
	subShared  = "22222222-2222-4222-8222-222222222222"
	subLocked  = "33333333-3333-4333-8333-333333333333"
	subRetired = "44444444-4444-4444-8444-444444444444"
	subSandbox = "55555555-5555-4555-8555-555555555555"
	subGone    = "66666666-6666-4666-8666-666666666666"
	subUnseen  = "77777777-7777-4777-8777-777777777777"
)

// memberSeed is the secure demo as subscription id's (named name), with its first drop storage
// accounts removed: each subscription has its own data, the tenant's Entra ID data is the same.
func memberSeed(t *testing.T, id, name string, drop int) *snapshot.Snapshot {
	t.Helper()
	base := fixture(t, "azure-demo-secure")
	data, err := snapshot.Marshal(base)
	if err != nil {
		t.Fatal(err)
	}
	s, err := snapshot.Parse([]byte(strings.ReplaceAll(string(data), base.Account, id)))
	if err != nil {
		t.Fatal(err)
	}
	s.Resources["azure_subscription"][0]["name"] = name
	if s.Resources["azure_storage_account"] = s.Resources["azure_storage_account"][drop:]; len(s.Resources["azure_storage_account"]) == 0 {
		delete(s.Resources, "azure_storage_account")
	}
	return s
}

type testFleet struct {
	*azurefake.Fleet
	seeds map[string]*snapshot.Snapshot
	// alone are the subscriptions' own servers: collecting one of them is collecting it alone.
	alone map[string]*azurefake.Server
}

func newTestFleet(t *testing.T) *testFleet {
	t.Helper()
	tf := &testFleet{seeds: map[string]*snapshot.Snapshot{}, alone: map[string]*azurefake.Server{}}
	sub := func(id, name, state, group string, drop int) azurefake.FleetSubscription {
		s := azurefake.FleetSubscription{ID: id, Name: name, State: state, Group: group}
		if drop >= 0 {
			tf.seeds[id] = memberSeed(t, id, name, drop)
			s.Server = azurefake.New(tf.seeds[id])
			tf.alone[id] = s.Server
		}
		return s
	}
	tf.Fleet = azurefake.NewFleet(azurefake.New(fixture(t, "azure-demo-secure")), []azurefake.ManagementGroup{
		{ID: "contoso", Name: "Contoso"},
		{ID: "platform", Name: "Platform", Parent: "contoso"},
		{ID: "landing-zones", Name: "Landing zones", Parent: "contoso"},
		{ID: "corp", Name: "Corp", Parent: "landing-zones"},
		{ID: "empty", Name: "Empty", Parent: "contoso"},
	}, []azurefake.FleetSubscription{
		sub(subSandbox, "sandbox", "Enabled", "", 2),
		sub(subProd, "prod", "Enabled", "corp", 0),
		sub(subShared, "shared", "Warned", "platform", 1),
		sub(subLocked, "locked", "Enabled", "corp", -1),
		sub(subRetired, "retired", "Disabled", "landing-zones", 2),
		sub(subGone, "gone", "Deleted", "", -1),
	})
	t.Cleanup(tf.Close)
	return tf
}

// members returns "id name skip" for each member.
func memberList(ms []collectors.Member) []string {
	var out []string
	for _, m := range ms {
		out = append(out, strings.TrimSpace(m.ID+" "+m.Name+" "+m.Skip))
	}
	return out
}

func listMembers(t *testing.T, f collectors.Fleet) []string {
	t.Helper()
	ms, err := f.Members(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return memberList(ms)
}

func azureFleet(t *testing.T, req collectors.FleetRequest) collectors.Fleet {
	t.Helper()
	p, ok := collectors.Lookup("azure")
	if !ok || p.Fleet == nil {
		t.Fatal("the azure provider has no fleet mode")
	}
	f, err := p.Fleet(context.Background(), req)
	if err != nil || f == nil {
		t.Fatalf("Fleet(%+v): %v, %v", req, f, err)
	}
	return f
}

// TestFleetMembers: by default every subscription the credential sees (the listing read over
// its pages), below a management group those at any depth, and plain ids an explicit list;
// Disabled and Deleted subscriptions are skipped with their state, Warned ones collected.
func TestFleetMembers(t *testing.T) {
	tf := newTestFleet(t)
	opts := testOptions(tf.URL)
	req := func(flags map[string]string, accounts ...string) collectors.FleetRequest {
		return collectors.FleetRequest{Flags: flags, Accounts: accounts, Options: opts}
	}
	for _, c := range []struct {
		name string
		req  collectors.FleetRequest
		want []string
	}{
		{"every subscription", req(nil), []string{subProd + " prod", subShared + " shared", subLocked + " locked",
			subRetired + " retired Disabled", subSandbox + " sandbox", subGone + " gone Deleted"}},
		{"management group, nested", req(map[string]string{"management-group": "landing-zones"}),
			[]string{subProd + " prod", subLocked + " locked", subRetired + " retired Disabled"}},
		{"root management group", req(map[string]string{"management-group": "contoso"}),
			[]string{subProd + " prod", subShared + " shared", subLocked + " locked", subRetired + " retired Disabled"}},
		// An explicit id the credential does not see stays a member: its collection fails and
		// is reported, never dropped.
		{"explicit ids", req(nil, subUnseen, subShared, subRetired, subShared), []string{subShared + " shared", subRetired + " retired Disabled", subUnseen}},
		// Globs select from the listing (the CLI narrows it): the provider lists everything.
		{"globs", req(nil, "1*", subShared), []string{subProd + " prod", subShared + " shared", subLocked + " locked",
			subRetired + " retired Disabled", subSandbox + " sandbox", subGone + " gone Deleted"}},
		{"management group with ids", req(map[string]string{"management-group": "corp"}, subProd),
			[]string{subProd + " prod", subLocked + " locked"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			tf.ResetRequests()
			got := listMembers(t, azureFleet(t, c.req))
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("members:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			if n := tf.Requests()[opSubscriptionsRead.Name()]; n != 3 {
				t.Errorf("%d subscription list requests, want 3 (six subscriptions in pages of two)", n)
			}
			if c.req.Flags["management-group"] == "contoso" {
				if n := tf.Requests()[opManagementGroupDescendants.Name()]; n < 2 {
					t.Errorf("%d descendants requests, want the pages followed", n)
				}
			}
			assertFleetPermissionsCover(t, tf.Fleet)
		})
	}
}

// TestFleetErrors: a management group the credential cannot read (or that does not exist)
// fails the listing with Azure's answer and what to do; so does nothing to audit (a group
// without subscriptions, a credential that sees none), never an empty run that looks clean.
func TestFleetErrors(t *testing.T) {
	tf := newTestFleet(t)
	members := func(url, group string) error {
		f := azureFleet(t, collectors.FleetRequest{Flags: map[string]string{"management-group": group}, Options: testOptions(url)})
		_, err := f.Members(context.Background())
		return err
	}
	err := members(tf.URL, "Contoso Ltd")
	if err == nil || !strings.Contains(err.Error(), "AuthorizationFailed") || !strings.Contains(err.Error(), opManagementGroupDescendants.Permission) ||
		!strings.Contains(err.Error(), "display name") {
		t.Errorf("unreadable management group: %v", err)
	}
	if err := members(tf.URL, "empty"); err == nil || !strings.Contains(err.Error(), "no subscription below") {
		t.Errorf("empty management group: %v", err)
	}
	none := azurefake.NewFleet(azurefake.New(fixture(t, "azure-demo-secure")), nil, nil)
	defer none.Close()
	if err := members(none.URL, ""); err == nil || !strings.Contains(err.Error(), "sees no subscription") {
		t.Errorf("no subscription: %v", err)
	}
}

// TestFleetUsage: the flag combinations that make no sense are errors before anything is
// sent; --subscription alone is the single-subscription path (no fleet).
func TestFleetUsage(t *testing.T) {
	tf := newTestFleet(t)
	p, _ := collectors.Lookup("azure")
	if len(p.FleetFlags) != 1 || p.FleetFlags[0].Name != "management-group" || p.FleetFlags[0].Bool {
		t.Errorf("fleet flags %+v, want --management-group ID", p.FleetFlags)
	}
	opts := testOptions(tf.URL)
	f, err := p.Fleet(context.Background(), collectors.FleetRequest{Flags: map[string]string{"subscription": subProd}, Options: opts})
	if f != nil || err != nil {
		t.Errorf("--subscription: fleet %v, %v, want the single path (nil, nil)", f, err)
	}
	for _, c := range []struct {
		name     string
		flags    map[string]string
		accounts []string
		regions  []string
		want     string
	}{
		{"subscription and management group", map[string]string{"subscription": subProd, "management-group": "corp"}, nil, nil, "--management-group"},
		{"subscription and accounts", map[string]string{"subscription": subProd}, []string{subShared}, nil, "--accounts"},
		{"not a subscription id", nil, []string{subProd, "prod"}, nil, `"prod" is not a subscription id`},
		{"uppercase id", nil, []string{"0B7E6D5C-4A3B-4C2D-9E1F-8A7B6C5D4E3F"}, nil, "not a subscription id"},
		{"regions", nil, nil, []string{"westeurope"}, "--regions"},
	} {
		o := opts
		o.Regions = c.regions
		f, err := p.Fleet(context.Background(), collectors.FleetRequest{Flags: c.flags, Accounts: c.accounts, Options: o})
		if f != nil || err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: fleet %v, error %v, want an error about %s", c.name, f, err, c.want)
		}
	}
	if n := tf.TotalRequests(); n != 0 {
		t.Errorf("building fleets sent %d requests, want none", n)
	}
}

// TestFleetCollect: each member collected through the fleet gives the snapshot of collecting
// that subscription alone (its own server, --subscription), which is its seed; the member whose
// reads are all denied fails its collection with Azure's answer.
func TestFleetCollect(t *testing.T) {
	tf := newTestFleet(t)
	ctx := context.Background()
	f := azureFleet(t, collectors.FleetRequest{Options: testOptions(tf.URL)})
	members, err := f.Members(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The members are collected at once, as --account-concurrency does, sharing the tenant's
	// Graph answers.
	collected := map[string]*snapshot.Snapshot{}
	failed := map[string]error{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, m := range members {
		if m.Skip != "" {
			continue
		}
		c, err := f.Collector(ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			snap, err := c.Collect(ctx)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				failed[m.ID] = err
				return
			}
			collected[m.ID] = snap
		}()
	}
	wg.Wait()
	if err := failed[subLocked]; err == nil || !strings.Contains(err.Error(), "AuthorizationFailed") || !strings.Contains(err.Error(), subLocked) {
		t.Errorf("denied subscription: %v, want AuthorizationFailed naming it", err)
	}
	delete(failed, subLocked)
	for id, err := range failed {
		t.Fatalf("%s: %v", id, err)
	}
	for id, snap := range collected {
		alone := collect(t, tf.alone[id], id, testOptions(tf.alone[id].URL))
		if g, w := canonical(t, snap), canonical(t, alone); g != w {
			t.Errorf("%s through the fleet differs from collecting it alone:\n%s", id, diffLines(g, w))
		}
		if g, w := canonical(t, snap), canonical(t, tf.seeds[id]); g != w {
			t.Errorf("%s differs from its seed:\n%s", id, diffLines(g, w))
		}
	}
	if want := []string{subProd, subShared, subSandbox}; len(collected) != len(want) {
		t.Fatalf("collected %d subscriptions, want %v", len(collected), want)
	}
	if a, b := len(collected[subProd].Resources["azure_storage_account"]), len(collected[subShared].Resources["azure_storage_account"]); a == b {
		t.Errorf("prod and shared have %d storage accounts each: the members' data is not their own", a)
	}
	// The tenant's Graph data was read once for the fleet: as many Graph requests as one
	// subscription collected alone.
	graph := 0
	for op, n := range tf.Tenant().Requests() {
		if alone := tf.alone[subProd].Requests()[op]; strings.HasPrefix(op, graphService+":") {
			graph++
			if n != alone {
				t.Errorf("%s: %d requests for the fleet, %d for one subscription alone", op, n, alone)
			}
		}
	}
	if graph == 0 {
		t.Error("the fleet sent no Microsoft Graph request")
	}
	for _, s := range tf.alone {
		assertPermissionsCover(t, s)
	}
	assertFleetPermissionsCover(t, tf.Fleet)
}

// TestFleetRole: the management group listing is a registered read that only the organization
// role grants, and the organization role is assignable and assigned on the management group.
func TestFleetRole(t *testing.T) {
	if !IsReadOnly(*opManagementGroupDescendants) || opManagementGroupDescendants.Permission != "Microsoft.Management/managementGroups/descendants/read" {
		t.Errorf("descendants operation %+v", *opManagementGroupDescendants)
	}
	single, org := MinimalRole(), OrganizationRole("incloud-audit", "0000aaaa-11bb-22cc-33dd-444444eeeeee")
	if slices.Contains(single.RoleDefinition.Actions, opManagementGroupDescendants.Permission) {
		t.Errorf("the single-subscription role grants %s", opManagementGroupDescendants.Permission)
	}
	if !slices.Contains(org.RoleDefinition.Actions, opManagementGroupDescendants.Permission) {
		t.Errorf("the organization role lacks %s", opManagementGroupDescendants.Permission)
	}
	if len(org.RoleDefinition.Actions) != len(single.RoleDefinition.Actions)+1 || !slices.Equal(org.RoleDefinition.DataActions, single.RoleDefinition.DataActions) {
		t.Errorf("the organization role is not the single role plus the listing:\n%v\n%v", org.RoleDefinition.Actions, single.RoleDefinition.Actions)
	}
	const mg = "/providers/Microsoft.Management/managementGroups/{management-group-id}"
	if org.RoleDefinition.Name != "incloud-audit" || !slices.Equal(org.RoleDefinition.AssignableScopes, []string{mg}) || org.Assignment.Scope != mg ||
		!strings.Contains(strings.Join(org.Assignment.Commands, "\n"), `--assignee 0000aaaa-11bb-22cc-33dd-444444eeeeee --role "incloud-audit" --scope `+mg) {
		t.Errorf("organization role: %+v %+v", org.RoleDefinition, org.Assignment)
	}
	if single.Assignment.Scope != "/subscriptions/{subscription-id}" || !strings.Contains(strings.Join(single.Assignment.Notes, " "), "--organization") {
		t.Errorf("single role assignment %+v, want the subscription and a pointer to --organization", single.Assignment)
	}
	var out bytes.Buffer
	if err := WriteOrganizationRole(&out, "incloud-audit", ""); err != nil {
		t.Fatal(err)
	}
	var back Role
	if err := json.Unmarshal(out.Bytes(), &back); err != nil || !slices.Equal(back.RoleDefinition.Actions, OrganizationRole("", "").RoleDefinition.Actions) {
		t.Errorf("permissions azure --organization: %v\n%s", err, out.String())
	}
}

// assertFleetPermissionsCover checks the tenant-level calls the fake fleet saw.
func assertFleetPermissionsCover(t *testing.T, f *azurefake.Fleet) {
	t.Helper()
	granted := map[string]bool{}
	for _, a := range OrganizationRole("", "").RoleDefinition.Actions {
		granted[a] = true
	}
	for name := range f.Requests() {
		op, ok := ops.Lookup(name)
		if !ok || !granted[op.Permission] {
			t.Errorf("the fleet served %s, which is not registered or not granted", name)
		}
	}
}

// TestSharedResponses: collectors asking for the same tenant-wide answer at once wait for one
// request; a failed answer is not kept, the next collector asks again.
func TestSharedResponses(t *testing.T) {
	s := newSharedResponses()
	var calls atomic.Int32
	release := make(chan struct{})
	fetch := func() ([]byte, error) {
		calls.Add(1)
		<-release
		return []byte(`{"value":[]}`), nil
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if body, err := s.get(context.Background(), "u", fetch); err != nil || string(body) != `{"value":[]}` {
				t.Errorf("get: %q, %v", body, err)
			}
		}()
	}
	for calls.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	close(release)
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("%d requests for one answer, want 1", n)
	}
	failed := errors.New("TooManyRequests")
	if _, err := s.get(context.Background(), "v", func() ([]byte, error) { return nil, failed }); err != failed {
		t.Errorf("failed fetch: %v", err)
	}
	body, err := s.get(context.Background(), "v", func() ([]byte, error) { return []byte("ok"), nil })
	if err != nil || string(body) != "ok" {
		t.Errorf("after a failure: %q, %v, want a new request", body, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	block := make(chan struct{})
	go func() { _, _ = s.get(context.Background(), "w", func() ([]byte, error) { <-block; return nil, nil }) }()
	for {
		s.mu.Lock()
		_, inFlight := s.answers["w"]
		s.mu.Unlock()
		if inFlight {
			break
		}
		time.Sleep(time.Millisecond)
	}
	if _, err := s.get(ctx, "w", fetch); !errors.Is(err, context.Canceled) {
		t.Errorf("waiting with a canceled context: %v", err)
	}
	close(block)
}
