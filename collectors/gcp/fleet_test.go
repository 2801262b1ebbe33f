package gcp

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/incloud/incloud/collectors"
	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/collectors/collectortest"
	"github.com/incloud/incloud/collectors/fakecloud"
	"github.com/incloud/incloud/collectors/gcp/gcpfake"
	"github.com/incloud/incloud/pkg/snapshot"
)

const testOrg = "123456789012"

// A fake organization:
//
//	organizations/123456789012
//	├── acme-sandbox
//	├── folders/987654321098 Production: acme-prod (the demo), acme-web-1..3, acme-retired (DELETE_REQUESTED)
//	├── folders/100000000001 Data: acme-denied (every call PERMISSION_DENIED)
//	│   └── folders/100000000002 Analytics: acme-data (the data demo)
//	│       └── folders/100000000003 Empty
//	└── folders/100000000004 Old (DELETE_REQUESTED)
//	organizations/999 (another organization): folders/200000000001: other-org-project
var testFolders = []gcpfake.Folder{
	{ID: "987654321098", DisplayName: "Production", Parent: "organizations/" + testOrg},
	{ID: "100000000001", DisplayName: "Data", Parent: "organizations/" + testOrg},
	{ID: "100000000002", DisplayName: "Analytics", Parent: "folders/100000000001"},
	{ID: "100000000003", DisplayName: "Empty", Parent: "folders/100000000002"},
	{ID: "100000000004", DisplayName: "Old", Parent: "organizations/" + testOrg, State: "DELETE_REQUESTED"},
	{ID: "200000000001", DisplayName: "Elsewhere", Parent: "organizations/999"},
}

// newTestFleet starts the fake organization; its projects have their own data.
func newTestFleet(t *testing.T) (*gcpfake.Fleet, *snapshot.Snapshot) {
	t.Helper()
	prod := readDemo(t, demos[0])
	data := readDemo(t, demos[1])
	// acme-data sits in the nested folder, and the organization's contacts are the
	// organization's, whichever project asks for them.
	p := data.Resources["gcp_project"][0]
	p["parent"] = map[string]any{"type": "folder", "id": "100000000002"}
	p["ancestry"] = []any{map[string]any{"type": "project", "id": "acme-data"}, map[string]any{"type": "folder", "id": "100000000002"},
		map[string]any{"type": "folder", "id": "100000000001"}, map[string]any{"type": "organization", "id": testOrg}}
	orgContacts := prod.Resources["gcp_project"][0]["essential_contacts"].([]any)
	contacts := slices.Clone(orgContacts)
	for _, c := range p["essential_contacts"].([]any) {
		if c.(map[string]any)["parent"] == "projects/acme-data" {
			contacts = append(contacts, c)
		}
	}
	p["essential_contacts"] = contacts
	small := func(id, number, folder string) *gcpfake.Server {
		return gcpfake.New(smallProject(id, number, folder, orgContacts))
	}
	projects := []gcpfake.Project{
		{ID: "acme-prod", Number: "412345678901", DisplayName: "ACME prod", Parent: "folders/987654321098", Server: gcpfake.New(prod)},
		{ID: "acme-data", Number: "512345678902", DisplayName: "ACME data", Parent: "folders/100000000002", Server: gcpfake.New(data)},
		{ID: "acme-sandbox", Number: "600000000001", DisplayName: "Sandbox", Parent: "organizations/" + testOrg, Server: small("acme-sandbox", "600000000001", "")},
		{ID: "acme-web-1", Number: "600000000002", DisplayName: "Web 1", Parent: "folders/987654321098", Server: small("acme-web-1", "600000000002", "987654321098")},
		{ID: "acme-web-2", Number: "600000000003", DisplayName: "Web 2", Parent: "folders/987654321098", Server: small("acme-web-2", "600000000003", "987654321098")},
		{ID: "acme-web-3", Number: "600000000004", DisplayName: "Web 3", Parent: "folders/987654321098", Server: small("acme-web-3", "600000000004", "987654321098")},
		{ID: "acme-retired", Number: "600000000005", DisplayName: "Retired", Parent: "folders/987654321098", State: "DELETE_REQUESTED"},
		{ID: "acme-denied", Number: "600000000006", DisplayName: "Denied", Parent: "folders/100000000001"},
		{ID: "other-org-project", Number: "600000000007", DisplayName: "Other", Parent: "folders/200000000001", Server: small("other-org-project", "600000000007", "")},
	}
	f := gcpfake.NewFleet([]string{testOrg, "999"}, testFolders, projects)
	t.Cleanup(f.Close)
	return f, prod
}

// smallProject is a project of its own: a bucket and a service account named after it, and
// the organization's contacts.
func smallProject(id, number, folder string, orgContacts []any) *snapshot.Snapshot {
	s := latencySnapshot()
	s.Account = id
	parent := map[string]any{"type": "organization", "id": testOrg}
	ancestry := []any{map[string]any{"type": "project", "id": id}}
	if folder != "" {
		parent = map[string]any{"type": "folder", "id": folder}
		ancestry = append(ancestry, parent)
	}
	ancestry = append(ancestry, map[string]any{"type": "organization", "id": testOrg})
	p := s.Resources["gcp_project"][0]
	p["id"], p["name"], p["project_id"], p["project_number"] = "//cloudresourcemanager.googleapis.com/projects/"+id, id, id, number
	p["parent"], p["ancestry"], p["essential_contacts"] = parent, ancestry, orgContacts
	b := s.Resources["gcp_storage_bucket"][0]
	b["id"], b["name"] = "//storage.googleapis.com/projects/_/buckets/"+id+"-assets", id+"-assets"
	a := s.Resources["gcp_iam_service_account"][0]
	email := "worker@" + id + ".iam.gserviceaccount.com"
	a["id"], a["name"], a["email"] = "//iam.googleapis.com/projects/"+id+"/serviceAccounts/"+email, email, email
	s.Resources["gcp_storage_bucket"] = s.Resources["gcp_storage_bucket"][:1]
	s.Resources["gcp_iam_service_account"] = s.Resources["gcp_iam_service_account"][:1]
	return s
}

func fleetFor(t *testing.T, url string, like *snapshot.Snapshot, flags map[string]string, accounts ...string) collectors.Fleet {
	t.Helper()
	fl, err := NewFleet(context.Background(), collectors.FleetRequest{Flags: flags, Accounts: accounts, Options: testOptions(url, like)})
	if err != nil {
		t.Fatal(err)
	}
	if fl == nil {
		t.Fatalf("%v %v: no fleet", flags, accounts)
	}
	return fl
}

// TestFleetMembersOrganization: every project below the organization, through nested folders
// and small pages, sorted by id, named by display name; DELETE_REQUESTED skipped with its
// state; nothing of another organization; two calls per container plus one per extra page.
func TestFleetMembersOrganization(t *testing.T) {
	f, like := newTestFleet(t)
	got, err := fleetFor(t, f.URL, like, map[string]string{"organization": testOrg}).Members(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []collectors.Member{
		{ID: "acme-data", Name: "ACME data"}, {ID: "acme-denied", Name: "Denied"}, {ID: "acme-prod", Name: "ACME prod"},
		{ID: "acme-retired", Name: "Retired", Skip: "DELETE_REQUESTED"}, {ID: "acme-sandbox", Name: "Sandbox"},
		{ID: "acme-web-1", Name: "Web 1"}, {ID: "acme-web-2", Name: "Web 2"}, {ID: "acme-web-3", Name: "Web 3"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("members:\n got %v\nwant %v", got, want)
	}
	// Containers: the organization and its 4 ACTIVE folders. Pages of 2: the Production folder
	// has 5 projects (3 pages); every other container one page of folders and of projects.
	calls := f.Requests()
	if calls["resourcemanager:folders.list"] != 5 || calls["resourcemanager:projects.list"] != 7 || len(calls) != 2 {
		t.Errorf("calls %v, want 5 folders.list and 7 projects.list", calls)
	}
}

// TestFleetMembersFolder: --folder lists that subtree only.
func TestFleetMembersFolder(t *testing.T) {
	f, like := newTestFleet(t)
	got, err := fleetFor(t, f.URL, like, map[string]string{"folder": "100000000001"}).Members(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []collectors.Member{{ID: "acme-data", Name: "ACME data"}, {ID: "acme-denied", Name: "Denied"}}
	if !slices.Equal(got, want) {
		t.Errorf("members of folders/100000000001: got %v, want %v", got, want)
	}
	if calls := f.Requests(); calls["resourcemanager:folders.list"] != 3 || calls["resourcemanager:projects.list"] != 3 {
		t.Errorf("calls %v, want 3 of each (the folder and its 2 subfolders)", calls)
	}
}

// TestFleetMembersDenied: a folder that cannot be listed fails the listing, naming it and
// what to grant, instead of leaving its projects out.
func TestFleetMembersDenied(t *testing.T) {
	f, like := newTestFleet(t)
	f.Denied["folders/100000000002"] = true
	got, err := fleetFor(t, f.URL, like, map[string]string{"organization": testOrg}).Members(context.Background())
	if err == nil {
		t.Fatalf("a denied folder gave members %v", got)
	}
	for _, s := range []string{"folders/100000000002", "PERMISSION_DENIED", "incloud permissions gcp --organization"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q does not say %q", err, s)
		}
	}
	if _, err := fleetFor(t, f.URL, like, map[string]string{"organization": "555"}).Members(context.Background()); err == nil ||
		!strings.Contains(err.Error(), "organizations/555") {
		t.Errorf("an organization the caller cannot see: %v", err)
	}
}

// TestFleetCollectEqualsAlone: each member collected through the fleet (one endpoint for the
// whole organization, the fleet's shared client) is that project collected alone; the
// project without permission fails to identify, with Google's status.
func TestFleetCollectEqualsAlone(t *testing.T) {
	f, like := newTestFleet(t)
	fl := fleetFor(t, f.URL, like, map[string]string{"organization": testOrg})
	members, err := fl.Members(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	collected := 0
	for _, m := range members {
		if m.Skip != "" {
			continue
		}
		c, err := fl.Collector(context.Background(), m)
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.Collect(context.Background())
		if m.ID == "acme-denied" {
			if err == nil || !strings.Contains(err.Error(), "PERMISSION_DENIED") || !strings.Contains(err.Error(), "acme-denied") {
				t.Errorf("the denied project: %v", err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", m.ID, err)
		}
		if got.Account != m.ID || len(got.Resources["gcp_storage_bucket"]) == 0 {
			t.Fatalf("%s: collected account %s with %d buckets", m.ID, got.Account, len(got.Resources["gcp_storage_bucket"]))
		}
		alone, err := New(m.ID, testOptions(f.Project(m.ID).URL, like)).Collect(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		t.Run(m.ID, func(t *testing.T) { collectortest.AssertSame(t, collectortest.WithoutNotCollected(alone), got) })
		collected++
	}
	if collected != 6 {
		t.Errorf("%d projects collected, want 6", collected)
	}
}

// TestFleetExplicit: --accounts with project ids and no root is exactly those projects,
// listed without a call, each collected as alone.
func TestFleetExplicit(t *testing.T) {
	f, like := newTestFleet(t)
	fl := fleetFor(t, f.URL, like, map[string]string{}, "acme-web-2", "acme-sandbox", "acme-web-2")
	members, err := fl.Members(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if want := []collectors.Member{{ID: "acme-sandbox"}, {ID: "acme-web-2"}}; !slices.Equal(members, want) {
		t.Errorf("members %v, want %v", members, want)
	}
	if n := f.TotalRequests(); n != 0 {
		t.Errorf("an explicit list made %d listing calls", n)
	}
	c, _ := fl.Collector(context.Background(), members[1])
	got, err := c.Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	alone, err := New("acme-web-2", testOptions(f.Project("acme-web-2").URL, like)).Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	collectortest.AssertSame(t, collectortest.WithoutNotCollected(alone), got)
}

// TestFleetRequest: which requests make a fleet, which are one project, which are usage errors;
// building a fleet and its collectors contacts nothing.
func TestFleetRequest(t *testing.T) {
	f, like := newTestFleet(t)
	for _, tc := range []struct {
		flags    map[string]string
		accounts []string
		want     string // "fleet", "single", or a part of the error
	}{
		{map[string]string{"organization": testOrg}, nil, "fleet"},
		{map[string]string{"organization": "organizations/" + testOrg}, []string{"acme-*"}, "fleet"},
		{map[string]string{"folder": "100000000001"}, nil, "fleet"},
		{map[string]string{}, []string{"acme-prod"}, "fleet"},
		{map[string]string{}, nil, "single"},
		{map[string]string{"project": "acme-prod"}, nil, "single"},
		{map[string]string{"organization": testOrg, "folder": "100000000001"}, nil, "--organization and --folder"},
		{map[string]string{"organization": testOrg, "project": "acme-prod"}, nil, "--project"},
		{map[string]string{"folder": "100000000001", "project": "acme-prod"}, nil, "--project"},
		{map[string]string{"organization": "acme.example"}, nil, "numeric organization id"},
		{map[string]string{"folder": "Data"}, nil, "numeric folder id"},
		{map[string]string{}, []string{"acme-*"}, "--organization ID or --folder ID"},
		{map[string]string{}, []string{"Not_A_Project"}, "not a GCP project id"},
		{map[string]string{"project": "acme-prod"}, []string{"acme-data"}, "--project and --accounts"},
	} {
		fl, err := NewFleet(context.Background(), collectors.FleetRequest{Flags: tc.flags, Accounts: tc.accounts, Options: testOptions(f.URL, like)})
		switch {
		case tc.want == "fleet" && (err != nil || fl == nil):
			t.Errorf("%v %v: want a fleet, got %v, %v", tc.flags, tc.accounts, fl, err)
		case tc.want == "single" && (err != nil || fl != nil):
			t.Errorf("%v %v: want one project, got %v, %v", tc.flags, tc.accounts, fl, err)
		case tc.want != "fleet" && tc.want != "single" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%v %v: want an error saying %q, got %v", tc.flags, tc.accounts, tc.want, err)
		}
		if fl != nil {
			if _, err := fl.Collector(context.Background(), collectors.Member{ID: "acme-prod"}); err != nil {
				t.Errorf("%v: Collector: %v", tc.flags, err)
			}
		}
	}
	if n := f.TotalRequests() + f.Project("acme-prod").TotalRequests(); n != 0 {
		t.Errorf("building fleets and collectors made %d requests", n)
	}
}

// TestFleetPermissions: the listing calls are registered read-only operations, go through the
// guard (Members above succeeds only so), and their permissions are in the organization role
// and not in a project's role, where GCP does not allow them.
func TestFleetPermissions(t *testing.T) {
	fleet := FleetPermissions()
	if !slices.Equal(fleet, []string{"resourcemanager.folders.list", "resourcemanager.projects.list"}) {
		t.Errorf("fleet permissions %v", fleet)
	}
	for _, op := range []string{"resourcemanager:folders.list", "resourcemanager:projects.list"} {
		o, ok := ops.Lookup(op)
		if !ok || !o.ReadOnly {
			t.Errorf("%s: registered %v, read-only %v", op, ok, o.ReadOnly)
		}
	}
	project := Permissions()
	var role, orgRole strings.Builder
	if err := WriteRole(&role); err != nil {
		t.Fatal(err)
	}
	if err := WriteOrganizationRole(&orgRole, "incloud-audit", "serviceAccount:auditor@sec.iam.gserviceaccount.com"); err != nil {
		t.Fatal(err)
	}
	for _, p := range fleet {
		if slices.Contains(project, p) || strings.Contains(role.String(), "- "+p+"\n") {
			t.Errorf("the project role grants %s", p)
		}
	}
	for _, p := range append(project, fleet...) {
		if !strings.Contains(orgRole.String(), "\n- "+p+"\n") {
			t.Errorf("the organization role lacks %s", p)
		}
	}
	for _, s := range []string{"gcloud iam roles create incloudAudit --organization=ORG_ID",
		"gcloud organizations add-iam-policy-binding ORG_ID --member=serviceAccount:auditor@sec.iam.gserviceaccount.com --role=organizations/ORG_ID/roles/incloudAudit",
		"gcloud resource-manager folders add-iam-policy-binding FOLDER_ID"} {
		if !strings.Contains(orgRole.String(), s) {
			t.Errorf("the organization role does not say %q:\n%s", s, orgRole.String())
		}
	}
	// The guard lets a listing through only inside its own call.
	sent := 0
	g := guard{next: roundTripFunc(func(*http.Request) (*http.Response, error) { sent++; return nil, fmt.Errorf("sent") })}
	req, _ := http.NewRequest("GET", "https://cloudresourcemanager.googleapis.com/v3/projects?parent=folders/1", nil)
	if _, err := g.RoundTrip(req.WithContext(collection.WithOperation(context.Background(), opFoldersList))); err == nil || sent != 0 {
		t.Errorf("projects.list inside a folders.list call: %v, %d sent", err, sent)
	}
	if _, err := g.RoundTrip(req.WithContext(collection.WithOperation(context.Background(), opProjectsList))); err == nil || err.Error() != "sent" {
		t.Errorf("projects.list in its own call was not sent: %v", err)
	}
	if err := WriteOrganizationRole(&orgRole, "bad role!", ""); err == nil {
		t.Error("an invalid role id was accepted")
	}
}

// generatedOrg is an organization of folders folders (a tree, three subfolders each) and
// projects projects spread over the organization and its folders, without project data.
func generatedOrg(folders, projects int, opts ...fakecloud.Option) *gcpfake.Fleet {
	var fs []gcpfake.Folder
	containers := []string{"organizations/" + testOrg}
	for i := 1; i <= folders; i++ {
		parent := "organizations/" + testOrg
		if i > 3 {
			parent = fmt.Sprintf("folders/%d", 300000000000+(i-1)/3)
		}
		fs = append(fs, gcpfake.Folder{ID: fmt.Sprint(300000000000 + i), DisplayName: fmt.Sprint("folder ", i), Parent: parent})
		containers = append(containers, fmt.Sprintf("folders/%d", 300000000000+i))
	}
	var ps []gcpfake.Project
	for j := 0; j < projects; j++ {
		ps = append(ps, gcpfake.Project{ID: fmt.Sprintf("proj-%05d", j), Number: fmt.Sprint(700000000000 + j),
			DisplayName: fmt.Sprint("project ", j), Parent: containers[j%len(containers)]})
	}
	return gcpfake.NewFleet([]string{testOrg}, fs, ps, opts...)
}

// TestFleetCallCount: listing N projects in F folders takes 2(F+1) calls when each container's
// children fit in a page, whatever N.
func TestFleetCallCount(t *testing.T) {
	const folders, projects = 20, 200
	f := generatedOrg(folders, projects, fakecloud.WithPageSize(0))
	defer f.Close()
	members, err := fleetFor(t, f.URL, snapshot.New("gcp", "x", time.Time{}), map[string]string{"organization": testOrg}).Members(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(members) != projects || members[0].ID != "proj-00000" || members[projects-1].ID != fmt.Sprintf("proj-%05d", projects-1) {
		t.Errorf("%d members, from %v to %v", len(members), members[0], members[len(members)-1])
	}
	if calls := f.Requests(); calls["resourcemanager:folders.list"] != folders+1 || calls["resourcemanager:projects.list"] != folders+1 {
		t.Errorf("calls %v, want %d of each", calls, folders+1)
	}
}

// BenchmarkFleetMembers lists generated organizations over a fake answering in 20 ms:
// calls/op is the number of listing calls, ns/op the wall time of the listing.
//
//	go test ./collectors/gcp -run '^$' -bench FleetMembers -benchtime 3x
func BenchmarkFleetMembers(b *testing.B) {
	for _, size := range []struct{ folders, projects int }{{20, 200}, {100, 1000}} {
		b.Run(fmt.Sprintf("folders=%d/projects=%d", size.folders, size.projects), func(b *testing.B) {
			f := generatedOrg(size.folders, size.projects, fakecloud.WithPageSize(0), fakecloud.WithLatency(20*time.Millisecond))
			defer f.Close()
			opts := testOptions(f.URL, snapshot.New("gcp", "x", time.Time{}))
			opts.Concurrency = collectors.DefaultConcurrency
			fl, err := NewFleet(context.Background(), collectors.FleetRequest{Flags: map[string]string{"organization": testOrg}, Options: opts})
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				members, err := fl.Members(context.Background())
				if err != nil || len(members) != size.projects {
					b.Fatalf("%d members, %v", len(members), err)
				}
			}
			b.ReportMetric(float64(f.TotalRequests())/float64(b.N), "calls/op")
		})
	}
}
