package gcp

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"

	crmv3 "google.golang.org/api/cloudresourcemanager/v3"

	"github.com/incloud/incloud/collectors"
	"github.com/incloud/incloud/collectors/collection"
)

// Fleet mode: every project below an organization (--organization ID) or a folder (--folder
// ID), or an explicit list of projects (--accounts ID,...), each collected as `collect gcp
// --project` collects it, with the same credentials.
//
// Listing walks the resource hierarchy with Cloud Resource Manager v3: folders.list and
// projects.list (showDeleted, so that DELETE_REQUESTED projects are reported as skipped) for
// the root and for every folder below it, a folder's listing starting as soon as its parent's
// folders are known. That is 2·(F+1) calls for F folders (plus one per extra page), whatever
// the number of projects. projects.search would take fewer calls (one paged search for all
// projects the caller can see) but it is eventually consistent, returns projects of every
// organization the caller sees, and silently leaves out those below a folder the caller
// cannot read; folders.list and projects.list are strongly consistent, and a folder that
// cannot be listed fails the listing with its name instead of dropping its projects.

var (
	opFoldersList  = register("resourcemanager", "folders.list", "resourcemanager.folders.list", crmHost, "GET", "/v3/folders")
	opProjectsList = register("resourcemanager", "projects.list", "resourcemanager.projects.list", crmHost, "GET", "/v3/projects")
)

// fleetOperations are the calls of fleet mode: they need a role granted on the organization
// or folder (OrganizationRole), never in a project's own role (WriteRole).
var fleetOperations = []*collection.Operation{opFoldersList, opProjectsList}

func isFleetPermission(p string) bool {
	return slices.ContainsFunc(fleetOperations, func(op *collection.Operation) bool { return op.Permission == p })
}

// FleetFlags are the fleet-mode flags of collect gcp and scan gcp.
var FleetFlags = []collectors.FleetFlag{
	{Name: "organization", Usage: "audit every project below this organization (numeric id: gcloud organizations list), recursively through its folders"},
	{Name: "folder", Usage: "audit every project below this folder (numeric id), recursively through its subfolders"},
}

var (
	numericID = regexp.MustCompile(`^[0-9]+$`)
	// projectID is a project id: 6 to 30 lowercase letters, digits and hyphens, starting with
	// a letter and not ending with a hyphen, with an optional legacy domain prefix
	// ("example.com:project").
	projectID = regexp.MustCompile(`^([a-z0-9][a-z0-9.-]*[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$`)
)

// NewFleet returns the fleet a request asks for: the projects below --organization or
// --folder, the projects of --accounts (plain ids) without them, or nil (and no error) for
// one project. Its errors are usage errors. It does not contact Google Cloud.
func NewFleet(ctx context.Context, req collectors.FleetRequest) (collectors.Fleet, error) {
	org, folder, project := strings.TrimSpace(req.Flags["organization"]), strings.TrimSpace(req.Flags["folder"]), req.Flags["project"]
	switch {
	case org != "" && folder != "":
		return nil, errors.New("--organization and --folder: give one root (a folder is already below its organization)")
	case (org != "" || folder != "") && project != "":
		return nil, errors.New("--project names one project, --organization and --folder every project below them: give one (narrow a fleet with --accounts)")
	case org != "":
		id, err := containerID("--organization", "organizations/", org)
		if err != nil {
			return nil, err
		}
		return &fleet{root: "organizations/" + id, opts: req.Options}, nil
	case folder != "":
		id, err := containerID("--folder", "folders/", folder)
		if err != nil {
			return nil, err
		}
		return &fleet{root: "folders/" + id, opts: req.Options}, nil
	case len(req.Accounts) > 0:
		if project != "" {
			return nil, errors.New("--project and --accounts: give one (--accounts lists the projects to audit)")
		}
		members, err := explicitMembers(req.Accounts)
		if err != nil {
			return nil, err
		}
		return &fleet{explicit: members, opts: req.Options}, nil
	}
	return nil, nil
}

// containerID validates an organization or folder id ("123", or "organizations/123").
func containerID(flag, prefix, v string) (string, error) {
	id := strings.TrimPrefix(v, prefix)
	if !numericID.MatchString(id) {
		kind, list := "organization", "gcloud organizations list"
		if prefix == "folders/" {
			kind, list = "folder", "gcloud resource-manager folders list"
		}
		return "", fmt.Errorf("%s %q: not a numeric %s id (see %s)", flag, v, kind, list)
	}
	return id, nil
}

// explicitMembers is the member list of --accounts without --organization or --folder: project
// ids only (a glob needs a listing to match against), sorted, without duplicates.
func explicitMembers(ids []string) ([]collectors.Member, error) {
	var out []collectors.Member
	seen := map[string]bool{}
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if strings.ContainsAny(id, "*?[") {
			return nil, fmt.Errorf("--accounts %q: a pattern needs a list to match against: add --organization ID or --folder ID", id)
		}
		if !projectID.MatchString(id) {
			return nil, fmt.Errorf("--accounts %q: not a GCP project id (6 to 30 lowercase letters, digits and hyphens, starting with a letter)", id)
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, collectors.Member{ID: id})
		}
	}
	slices.SortFunc(out, func(a, b collectors.Member) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// fleet is a GCP fleet: the projects below root, or explicit ones.
type fleet struct {
	root     string // organizations/ID or folders/ID; "" for an explicit list
	explicit []collectors.Member
	opts     collectors.Options

	// One HTTP client (and so one credential and token cache) for the listing and every
	// member, built on first use.
	clientOnce sync.Once
	client     *http.Client
	clientErr  error
}

var _ collectors.Fleet = (*fleet)(nil)

// sharedClient builds the fleet's HTTP client once. Its credentials outlive the context of
// the call that happens to build it.
func (f *fleet) sharedClient(ctx context.Context) (*http.Client, error) {
	f.clientOnce.Do(func() {
		f.client, f.clientErr = (&Collector{opts: f.opts}).newHTTPClient(context.WithoutCancel(ctx))
	})
	return f.client, f.clientErr
}

// Collector implements collectors.Fleet: the single-project collector for m, sharing the
// fleet's credentials. It contacts nothing.
func (f *fleet) Collector(_ context.Context, m collectors.Member) (collectors.Collector, error) {
	c := New(m.ID, f.opts)
	c.client = f.sharedClient
	return c, nil
}

// Members implements collectors.Fleet: the explicit list, or every project below the root
// (DELETE_REQUESTED ones with Skip set), sorted by project id. Each container's folders and
// projects are listed as soon as its parent's folders are known, --concurrency calls at a
// time, so that the listing takes about one round trip per level of the hierarchy.
func (f *fleet) Members(ctx context.Context) ([]collectors.Member, error) {
	if f.root == "" {
		return slices.Clone(f.explicit), nil
	}
	client, err := f.sharedClient(ctx)
	if err != nil {
		return nil, err
	}
	opts := (&run{opts: f.opts, client: client}).clientOptions("https://" + crmHost + "/")
	cli, err := crmv3.NewService(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("Cloud Resource Manager client: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu       sync.Mutex
		members  []collectors.Member
		firstErr error
		seen     = map[string]bool{}
		wg       sync.WaitGroup
		sem      = make(chan struct{}, f.opts.Workers())
	)
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if firstErr == nil {
			firstErr = err
			cancel()
		}
	}
	// call runs one listing under the concurrency bound.
	call := func(fn func() error) bool {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			return false
		}
		err := fn()
		<-sem
		if err != nil {
			fail(err)
			return false
		}
		return true
	}
	var visit func(parent string)
	visit = func(parent string) {
		defer wg.Done()
		var folders []string
		if !call(func() (err error) { folders, err = listFolders(ctx, cli, parent); return err }) {
			return
		}
		mu.Lock()
		for _, fo := range folders {
			if !seen[fo] {
				seen[fo] = true
				wg.Add(1)
				go visit(fo)
			}
		}
		mu.Unlock()
		var projects []collectors.Member
		if !call(func() (err error) { projects, err = listProjects(ctx, cli, parent); return err }) {
			return
		}
		mu.Lock()
		members = append(members, projects...)
		mu.Unlock()
	}
	seen[f.root] = true
	wg.Add(1)
	go visit(f.root)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("list the projects below %s: %w", f.root, err)
	}
	slices.SortFunc(members, func(a, b collectors.Member) int { return strings.Compare(a.ID, b.ID) })
	members = slices.CompactFunc(members, func(a, b collectors.Member) bool { return a.ID == b.ID })
	return members, nil
}

// listFolders lists the ACTIVE folders directly below parent (their names, folders/ID).
func listFolders(ctx context.Context, cli *crmv3.Service, parent string) ([]string, error) {
	var folders []string
	err := cli.Folders.List().Parent(parent).Pages(collection.WithOperation(ctx, opFoldersList), func(p *crmv3.ListFoldersResponse) error {
		for _, fo := range p.Folders {
			if fo.State == "" || fo.State == "ACTIVE" {
				folders = append(folders, fo.Name)
			}
		}
		return nil
	})
	if err != nil {
		return nil, listError(fmt.Sprintf("list the folders of %s (%s)", parent, opFoldersList.Name()), err)
	}
	return folders, nil
}

// listProjects lists the projects directly below parent, ACTIVE and DELETE_REQUESTED (Skip).
func listProjects(ctx context.Context, cli *crmv3.Service, parent string) ([]collectors.Member, error) {
	var projects []collectors.Member
	err := cli.Projects.List().Parent(parent).ShowDeleted(true).Pages(collection.WithOperation(ctx, opProjectsList), func(p *crmv3.ListProjectsResponse) error {
		for _, pr := range p.Projects {
			m := collectors.Member{ID: pr.ProjectId, Name: pr.DisplayName}
			if pr.State != "ACTIVE" {
				m.Skip = pr.State
				if m.Skip == "" {
					m.Skip = "STATE_UNSPECIFIED"
				}
			}
			projects = append(projects, m)
		}
		return nil
	})
	if err != nil {
		return nil, listError(fmt.Sprintf("list the projects of %s (%s)", parent, opProjectsList.Name()), err)
	}
	return projects, nil
}

// listError explains a failed listing: Google's status, and for a denied one what to grant.
func listError(what string, err error) error {
	code, _, ok := classify(err)
	switch {
	case !ok:
		return fmt.Errorf("%s: %w", what, err)
	case code == "PERMISSION_DENIED":
		return fmt.Errorf("%s: %s (grant the role of `incloud permissions gcp --organization` on the organization or folder): %w", what, code, err)
	}
	return fmt.Errorf("%s: %s: %w", what, code, err)
}
