package azure

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/incloud/incloud/collectors"
	"github.com/incloud/incloud/collectors/azure/azurefake"
	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/collectors/fakecloud"
	"github.com/incloud/incloud/pkg/snapshot"
	"github.com/incloud/incloud/policies"
)

// staticCredential hands out a fixed token, as a credential would after signing in.
type staticCredential struct{ err error }

func (c staticCredential) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	if c.err != nil {
		return azcore.AccessToken{}, c.err
	}
	return azcore.AccessToken{Token: "fake-token", ExpiresOn: time.Now().Add(time.Hour)}, nil
}

var testNow = time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC)

func testOptions(url string) collectors.Options {
	return collectors.Options{EndpointURL: url, Concurrency: 8, RetryMaxAttempts: 3, RetryMaxBackoff: 20 * time.Millisecond,
		RequestTimeout: 10 * time.Second, Now: func() time.Time { return testNow }, Version: "test"}
}

// implemented are the resource types the collector writes today.
var implemented = map[string]bool{"azure_entra_user": true, "azure_storage_account": true, "azure_authorization_role_definition": true,
	"azure_monitor_activity_log_alert": true, "azure_cosmosdb_account": true, "azure_compute_disk": true,
	"azure_postgresql_flexible_server": true, "azure_postgresql_server": true, "azure_mysql_flexible_server": true, "azure_sql_server": true, "azure_sql_database": true,
	"azure_appservice_web_app": true, "azure_network_security_group": true, "azure_region": true,
	"azure_compute_virtual_machine": true, "azure_subscription": true, "azure_tenant": true,
	"azure_entra_directory_role": true, "azure_keyvault_vault": true}

// fixture is a demo snapshot cut down to the implemented types and their errors, with the
// envelope a collection of the implemented services writes.
func fixture(t *testing.T, name string) *snapshot.Snapshot {
	t.Helper()
	s, err := snapshot.ReadFile("../../testdata/snapshots/" + name + ".json")
	if err != nil {
		t.Fatal(err)
	}
	out := snapshot.New("azure", s.Account, testNow)
	out.Collector = snapshot.Collector{Name: CollectorName, Version: "test"}
	for typ, rs := range s.Resources {
		if implemented[typ] {
			out.Add(typ, rs...)
		}
	}
	for _, e := range s.Errors {
		if implemented[e.ResourceType] {
			out.AddError(e)
		}
	}
	if s.Resources["azure_subscription"] != nil {
		// The fake answers GET /subscriptions/{id} from it.
		out.Resources["azure_subscription"] = s.Resources["azure_subscription"]
	}
	return out
}

// collect runs the collector against a fake of seed and returns the snapshot.
func collect(t *testing.T, fake *azurefake.Server, subscription string, opts collectors.Options) *snapshot.Snapshot {
	t.Helper()
	c, err := New(staticCredential{}, subscription, opts)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := c.Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// canonical marshals a snapshot without the seed-only azure_subscription and the scope.
func canonical(t *testing.T, s *snapshot.Snapshot) string {
	t.Helper()
	c := *s
	c.Resources = map[string][]snapshot.Resource{}
	for typ, rs := range s.Resources {
		if implemented[typ] {
			c.Resources[typ] = rs
		}
	}
	c.Scope = snapshot.Scope{}
	data, err := snapshot.Marshal(&c)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestRoundTrip(t *testing.T) {
	v, err := snapshot.NewValidator(policies.FS, "schemas")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"azure-demo", "azure-demo-secure"} {
		t.Run(name, func(t *testing.T) {
			seed := fixture(t, name)
			fake := azurefake.New(seed)
			defer fake.Close()
			got := collect(t, fake, seed.Account, testOptions(fake.URL))
			if g, w := canonical(t, got), canonical(t, seed); g != w {
				t.Errorf("collect(fake(%s)) differs from the seed:\n%s", name, diffLines(g, w))
			}
			for _, e := range v.Validate(got) {
				t.Error(e)
			}
			// Small pages: every list was paged.
			for op, typ := range map[string]string{opStorageAccountsList.Name(): "azure_storage_account", opGraphUsers.Name(): "azure_entra_user"} {
				if n := fake.Requests()[op]; len(seed.Resources[typ]) > fakecloud.DefaultPageSize && n < 2 {
					t.Errorf("%s: %d requests for %d resources, want the list paged (page size %d)", op, n, len(seed.Resources[typ]), fakecloud.DefaultPageSize)
				}
			}
			assertPermissionsCover(t, fake)
		})
	}
}

// TestKeyVaultChallenge: the data plane is reached the way Key Vault asks, through its 401
// challenge (the token's scope comes from it; the keys and secrets requests start together, so
// at most both are challenged, later requests reuse the scope), and the keys are read after it.
func TestKeyVaultChallenge(t *testing.T) {
	seed := fixture(t, "azure-demo-secure")
	fake := azurefake.New(seed)
	defer fake.Close()
	got := collect(t, fake, seed.Account, testOptions(fake.URL))
	vaults := got.Resources["azure_keyvault_vault"]
	if len(vaults) == 0 || vaults[0]["keys"] == nil {
		t.Fatalf("no vault keys collected: %+v", got.Errors)
	}
	if n := fake.Challenges(); n < 1 || n > 2 {
		t.Errorf("%d challenges, want 1 or 2 (the first requests only)", n)
	}
}

// TestSubscriptionChoice: a collector needs a subscription (without one, fleet mode lists them:
// here the fake's only one); a wrong one, or a failing credential, is a clear error.
func TestSubscriptionChoice(t *testing.T) {
	seed := fixture(t, "azure-demo-secure")
	fake := azurefake.New(seed)
	defer fake.Close()
	if _, err := New(staticCredential{}, "", testOptions(fake.URL)); err == nil || !strings.Contains(err.Error(), "--subscription") {
		t.Errorf("no subscription: %v, want an error naming --subscription", err)
	}
	f, err := NewFleet(staticCredential{}, "", nil, testOptions(fake.URL))
	if err != nil {
		t.Fatal(err)
	}
	if got := listMembers(t, f); strings.Join(got, ",") != seed.Account+" contoso-platform" {
		t.Errorf("members %v, want the fake's subscription %s", got, seed.Account)
	}
	c, err := New(staticCredential{}, "00000000-0000-0000-0000-000000000000", testOptions(fake.URL))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Collect(context.Background()); err == nil || !strings.Contains(err.Error(), "SubscriptionNotFound") {
		t.Errorf("unknown subscription: %v, want SubscriptionNotFound", err)
	}
	c, err = New(staticCredential{err: errTest}, seed.Account, testOptions(fake.URL))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Collect(context.Background()); err == nil || !strings.Contains(err.Error(), errTest.Error()) {
		t.Errorf("failing credential: %v, want its error", err)
	}
}

var errTest = &testError{"no credential in this environment"}

type testError struct{ s string }

func (e *testError) Error() string { return e.s }

// TestForbiddenOnOneResource: a 403 on one account's blob service leaves exactly those
// attributes unknown, on that account only.
func TestForbiddenOnOneResource(t *testing.T) {
	seed := fixture(t, "azure-demo-secure")
	target := seed.Resources["azure_storage_account"][1]
	target["blob_soft_delete"], target["container_soft_delete"] = nil, nil
	seed.AddError(snapshot.CollectionError{ResourceType: "azure_storage_account", ResourceID: target.ID(), Region: target.Region(),
		Operation: opBlobServicesRead.Name(), Code: "AuthorizationFailed",
		Message:    "The client 'x' does not have authorization to perform action 'Microsoft.Storage/storageAccounts/blobServices/read'.",
		Attributes: []string{"blob_soft_delete", "container_soft_delete"}})
	fake := azurefake.New(seed)
	defer fake.Close()
	got := collect(t, fake, seed.Account, testOptions(fake.URL))
	if g, w := canonical(t, got), canonical(t, seed); g != w {
		t.Errorf("differs from the seed:\n%s", diffLines(g, w))
	}
	if len(got.Errors) != 1 || got.Errors[0].ResourceID != target.ID() || got.Errors[0].Code != "AuthorizationFailed" {
		t.Errorf("errors %+v, want one AuthorizationFailed on %s", got.Errors, target.ID())
	}
}

// TestUnregisteredProvider: MissingSubscriptionRegistration is recorded for the type, and the
// collector never tries to register the provider (azcore's ARM pipeline would: a write).
func TestUnregisteredProvider(t *testing.T) {
	seed := fixture(t, "azure-demo-secure")
	delete(seed.Resources, "azure_storage_account")
	seed.AddError(snapshot.CollectionError{ResourceType: "azure_storage_account", Operation: opStorageAccountsList.Name(),
		Code: "MissingSubscriptionRegistration", Message: "The subscription is not registered to use namespace 'Microsoft.Storage'."})
	fake := azurefake.New(seed)
	defer fake.Close()
	got := collect(t, fake, seed.Account, testOptions(fake.URL))
	if g, w := canonical(t, got), canonical(t, seed); g != w {
		t.Errorf("differs from the seed:\n%s", diffLines(g, w))
	}
	if n := fake.Requests()[opStorageAccountsList.Name()]; n != 1 {
		t.Errorf("%d storage list requests, want 1 (no retry, no registration)", n)
	}
}

// TestThrottling: 429 answers with Retry-After are retried; past the attempts they become an
// error entry.
func TestThrottling(t *testing.T) {
	seed := fixture(t, "azure-demo-secure")
	fake := azurefake.New(seed, fakecloud.WithThrottle(opStorageAccountsList.Name(), 2))
	got := collect(t, fake, seed.Account, testOptions(fake.URL))
	fake.Close()
	if g, w := canonical(t, got), canonical(t, seed); g != w {
		t.Errorf("throttled twice: differs from the seed:\n%s", diffLines(g, w))
	}
	fake = azurefake.New(seed, fakecloud.WithThrottle(opStorageAccountsList.Name(), 10))
	defer fake.Close()
	got = collect(t, fake, seed.Account, testOptions(fake.URL))
	found := false
	for _, e := range got.Errors {
		found = found || (e.Operation == opStorageAccountsList.Name() && e.Code == "TooManyRequests")
	}
	if !found || len(got.Resources["azure_storage_account"]) != 0 {
		t.Errorf("throttled past the retries: errors %+v, want a TooManyRequests entry and no accounts", got.Errors)
	}
	if n := fake.Requests()[opStorageAccountsList.Name()]; n != 3 {
		t.Errorf("%d attempts, want 3 (RetryMaxAttempts)", n)
	}
}

// TestGuard: nothing leaves the collector but a GET for a registered operation inside a call
// made for it.
func TestGuard(t *testing.T) {
	seed := fixture(t, "azure-demo-secure")
	fake := azurefake.New(seed)
	defer fake.Close()
	g := guard{next: &http.Client{}}
	send := func(ctx context.Context, method, path string) error {
		req, err := http.NewRequestWithContext(ctx, method, fake.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer x")
		resp, err := g.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		return err
	}
	accounts := "/subscriptions/" + seed.Account + "/providers/Microsoft.Storage/storageAccounts"
	if err := send(context.Background(), http.MethodGet, accounts); err == nil {
		t.Error("a request outside a call was sent")
	}
	ctx := collection.WithOperation(context.Background(), opStorageAccountsList)
	if err := send(ctx, http.MethodGet, accounts); err != nil {
		t.Errorf("the call's own request was refused: %v", err)
	}
	if err := send(ctx, http.MethodPost, accounts+"/x/listKeys"); err == nil {
		t.Error("a POST was sent")
	}
	if err := send(ctx, http.MethodGet, "/subscriptions/"+seed.Account+"/providers/Microsoft.Storage"); err == nil {
		t.Error("an unregistered GET was sent")
	}
	if err := send(ctx, http.MethodGet, "/v1.0/users"); err == nil {
		t.Error("a request for another operation was sent inside the call")
	}
}

func TestOperationsReadOnly(t *testing.T) {
	if len(Operations()) == 0 {
		t.Fatal("no operations registered")
	}
	for _, op := range Operations() {
		if !IsReadOnly(op) {
			t.Errorf("%s (%s) is not read-only", op.Name(), op.Permission)
		}
	}
	for _, w := range []collection.Operation{
		{Service: "Microsoft.Storage", Action: "storageAccounts/listKeys/action", Permission: "Microsoft.Storage/storageAccounts/listKeys/action"},
		{Service: "Microsoft.Storage", Action: "register/action", Permission: "Microsoft.Storage/register/action"},
		{Service: "Microsoft.Web", Action: "sites/config/list/action", Permission: "Microsoft.Web/sites/config/list/action"},
		{Service: "Microsoft.Storage", Action: "storageAccounts/write", Permission: "Microsoft.Storage/storageAccounts/write"},
		{Service: graphService, Action: "policies", Permission: "Policy.ReadWrite.ConditionalAccess"},
	} {
		if IsReadOnly(w) {
			t.Errorf("the read-only rule accepts %s", w.Permission)
		}
	}
}

// TestMinimalRole: the single-subscription role grants every registered operation's permission
// but fleet mode's listing, the organization role every one; nothing else, no wildcard.
func TestMinimalRole(t *testing.T) {
	for _, fleet := range []bool{false, true} {
		role := MinimalRole()
		if fleet {
			role = OrganizationRole("incloud-audit", "")
		}
		checkRole(t, role, fleet)
	}
}

func checkRole(t *testing.T, role Role, fleet bool) {
	t.Helper()
	data, err := json.Marshal(role.RoleDefinition)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(data, &back); err != nil || back["IsCustom"] != true {
		t.Fatalf("role definition JSON: %s (%v)", data, err)
	}
	want := map[string]bool{}
	for _, op := range Operations() {
		if fleet || !isFleetPermission(op.Permission) {
			want[op.Permission] = true
		}
	}
	for _, a := range append(append(role.RoleDefinition.Actions, role.RoleDefinition.DataActions...), role.GraphPermissions...) {
		if !want[a] {
			t.Errorf("the role grants %s, which no operation needs", a)
		}
		delete(want, a)
		if strings.Contains(a, "*") {
			t.Errorf("wildcard permission %s", a)
		}
	}
	for p := range want {
		t.Errorf("the role lacks %s", p)
	}
}

// assertPermissionsCover checks that every operation the fake saw is registered and granted.
func assertPermissionsCover(t *testing.T, fake *azurefake.Server) {
	t.Helper()
	role := MinimalRole()
	granted := map[string]bool{}
	for _, a := range append(append(role.RoleDefinition.Actions, role.RoleDefinition.DataActions...), role.GraphPermissions...) {
		granted[a] = true
	}
	for name := range fake.Requests() {
		op, ok := ops.Lookup(name)
		if !ok {
			t.Errorf("the fake served %s, which is not registered", name)
			continue
		}
		if !granted[op.Permission] {
			t.Errorf("%s needs %s, which the role does not grant", name, op.Permission)
		}
	}
}

// latencySeed is the secure demo's subscription with 60 storage accounts and nothing else (one
// list call, four calls per account), for the conformance suite's latency property: collected
// with --services storage, the subscription's other attributes are not collected (null).
func latencySeed(t *testing.T) *snapshot.Snapshot {
	secure := fixture(t, "azure-demo-secure")
	seed := snapshot.New("azure", secure.Account, testNow)
	seed.Collector = snapshot.Collector{Name: CollectorName, Version: "test"}
	seed.Scope = snapshot.Scope{Regions: []string{}, Services: []string{"storage"}}
	sub := snapshot.Resource{}
	for k, v := range secure.Resources["azure_subscription"][0] {
		sub[k] = v
	}
	for _, a := range subscriptionAttrs {
		sub[a] = nil
	}
	seed.Add("azure_subscription", sub)
	base := secure.Resources["azure_storage_account"][0]
	for i := 0; i < 60; i++ {
		r := snapshot.Resource{}
		for k, v := range base {
			r[k] = v
		}
		name := fmt.Sprintf("account%02d", i)
		r["id"] = strings.TrimSuffix(base.ID(), base["name"].(string)) + name
		r["name"] = name
		seed.Add("azure_storage_account", r)
	}
	return seed
}

// diffLines shows the first lines where two texts differ.
func diffLines(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var b bytes.Buffer
	n := 0
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			fmt.Fprintf(&b, "line %d:\n  got:  %s\n  want: %s\n", i+1, gl, wl)
			if n++; n == 5 {
				break
			}
		}
	}
	return b.String()
}
