package gcpfake

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/incloud/incloud/collectors/fakecloud"
	"github.com/incloud/incloud/pkg/snapshot"
)

// Folder is a folder of a fake organization. Parent is organizations/ID or folders/ID.
type Folder struct {
	ID, DisplayName, Parent string
	// State is ACTIVE ("" too) or DELETE_REQUESTED.
	State string
}

// Project is a project of a fake organization. Parent is organizations/ID or folders/ID.
type Project struct {
	ID, Number, DisplayName, Parent string
	// State is ACTIVE ("" too) or DELETE_REQUESTED.
	State string
	// Server serves the project's own data; nil denies every call about the project
	// (PERMISSION_DENIED), as Google does when the caller has no role in it.
	Server *Server
}

// Fleet is a fake organization on one loopback endpoint: Cloud Resource Manager v3's
// folders.list and projects.list over the folder tree (small pages, showDeleted), and every
// other call routed to the server of the project it is about: the project in the request's
// path (/v1/projects/ID/...) or query (?project=ID, Cloud Storage's buckets.list), the project
// owning the bucket of a bucket call, and for a folder's or organization's call (essential
// contacts) the first project, by id, with that container in its ancestry (the projects' seeds
// must agree on containers' data). Listing a container the tree does not have, or one in
// Denied, is PERMISSION_DENIED, as is every call about a project without a server or not in
// the tree.
type Fleet struct {
	*fakecloud.Core
	// Orgs are the organization ids the tree starts from.
	Orgs []string
	// Denied are containers (folders/ID) whose listing is denied.
	Denied map[string]bool

	folders  []Folder
	projects []Project
}

// NewFleet serves the organizations orgs with folders and projects. Close stops it and
// every project's server.
func NewFleet(orgs []string, folders []Folder, projects []Project, opts ...fakecloud.Option) *Fleet {
	f := &Fleet{Core: fakecloud.New(snapshot.New("gcp", "fleet", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)), opts...),
		Orgs: orgs, Denied: map[string]bool{}, folders: folders, projects: slices.Clone(projects)}
	slices.SortFunc(f.projects, func(a, b Project) int { return strings.Compare(a.ID, b.ID) })
	f.Serve(f)
	return f
}

// Close stops the fleet's endpoint and every project's server.
func (f *Fleet) Close() {
	f.Core.Close()
	for _, p := range f.projects {
		if p.Server != nil {
			p.Server.Close()
		}
	}
}

// Project returns the server of a project (nil if it has none): collecting from it directly
// is collecting that project alone.
func (f *Fleet) Project(id string) *Server {
	for _, p := range f.projects {
		if p.ID == id {
			return p.Server
		}
	}
	return nil
}

const crmHost = "cloudresourcemanager.googleapis.com"

var (
	projectInPath = regexp.MustCompile(`/projects/([^/:]+)`)
	bucketInPath  = regexp.MustCompile(`^/storage/v1/b/([^/]+)/`)
	containerPath = regexp.MustCompile(`^/v1/(folders|organizations)/([^/]+)/`)
)

// ServeHTTP implements http.Handler.
func (f *Fleet) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	host, path, _ := strings.Cut(strings.TrimPrefix(req.URL.Path, "/"), "/")
	path = "/" + path
	if host == crmHost && req.Method == "GET" && (path == "/v3/folders" || path == "/v3/projects") {
		f.list(w, req, path == "/v3/folders")
		return
	}
	var project string
	switch {
	case projectInPath.MatchString(path):
		project = projectInPath.FindStringSubmatch(path)[1]
	case req.URL.Query().Get("project") != "":
		project = req.URL.Query().Get("project")
	case bucketInPath.MatchString(path):
		project = f.bucketOwner(bucketInPath.FindStringSubmatch(path)[1])
	case containerPath.MatchString(path):
		m := containerPath.FindStringSubmatch(path)
		project = f.containerMember(strings.TrimSuffix(m[1], "s"), m[2])
	}
	if s := f.Project(project); s != nil {
		s.ServeHTTP(w, req)
		return
	}
	denied(w)
}

func denied(w http.ResponseWriter) {
	writeError(w, http.StatusForbidden, map[string]any{"code": 403, "status": "PERMISSION_DENIED",
		"message": "The caller does not have permission"})
}

// list answers folders.list or projects.list for the parent in the query.
func (f *Fleet) list(w http.ResponseWriter, req *http.Request, folders bool) {
	op := "resourcemanager:projects.list"
	if folders {
		op = "resourcemanager:folders.list"
	}
	throttled, ok := f.Begin(req.Context(), op)
	if !ok {
		return
	}
	if throttled {
		writeError(w, http.StatusTooManyRequests, map[string]any{"code": 429, "status": "RESOURCE_EXHAUSTED",
			"message": "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service '" + crmHost + "'."})
		return
	}
	q := req.URL.Query()
	parent := q.Get("parent")
	if parent == "" {
		writeError(w, http.StatusBadRequest, map[string]any{"code": 400, "status": "INVALID_ARGUMENT", "message": "parent is required"})
		return
	}
	if !f.known(parent) || f.Denied[parent] {
		denied(w)
		return
	}
	showDeleted := q.Get("showDeleted") == "true"
	visible := func(state string) bool {
		return state == "" || state == "ACTIVE" || showDeleted && state == "DELETE_REQUESTED"
	}
	items := []any{}
	if folders {
		for _, fo := range f.folders {
			if fo.Parent == parent && visible(fo.State) {
				items = append(items, map[string]any{"name": "folders/" + fo.ID, "parent": fo.Parent, "displayName": fo.DisplayName,
					"state": state(fo.State), "createTime": "2024-01-01T00:00:00.000Z", "updateTime": "2024-01-01T00:00:00.000Z", "etag": "W/\"fake\""})
			}
		}
		f.page(w, req, "folders", items)
		return
	}
	// projects.list returns projects sorted by display name.
	ps := slices.Clone(f.projects)
	slices.SortStableFunc(ps, func(a, b Project) int { return strings.Compare(a.DisplayName, b.DisplayName) })
	for _, p := range ps {
		if p.Parent == parent && visible(p.State) {
			out := map[string]any{"name": "projects/" + p.Number, "parent": p.Parent, "projectId": p.ID, "displayName": p.DisplayName,
				"state": state(p.State), "createTime": "2024-01-01T00:00:00.000Z", "updateTime": "2024-01-01T00:00:00.000Z", "etag": "W/\"fake\""}
			if p.State == "DELETE_REQUESTED" {
				out["deleteTime"] = "2026-01-01T00:00:00.000Z"
			}
			items = append(items, out)
		}
	}
	f.page(w, req, "projects", items)
}

func state(s string) string {
	if s == "" {
		return "ACTIVE"
	}
	return s
}

func (f *Fleet) page(w http.ResponseWriter, req *http.Request, key string, items []any) {
	start, end, next := f.Page(len(items), req.URL.Query().Get("pageToken"), req.URL.Query().Get("pageSize"))
	out := map[string]any{key: items[start:end]}
	if next != "" {
		out["nextPageToken"] = next
	}
	writeJSON(w, out)
}

// known reports whether a container is in the tree.
func (f *Fleet) known(parent string) bool {
	if id, ok := strings.CutPrefix(parent, "organizations/"); ok {
		return slices.Contains(f.Orgs, id)
	}
	id, _ := strings.CutPrefix(parent, "folders/")
	return slices.ContainsFunc(f.folders, func(fo Folder) bool { return fo.ID == id })
}

// bucketOwner is the project whose seed has the bucket.
func (f *Fleet) bucketOwner(bucket string) string {
	for _, p := range f.projects {
		if p.Server != nil && p.Server.Find("gcp_storage_bucket", "name", bucket) != nil {
			return p.ID
		}
	}
	return ""
}

// containerMember is the first project whose seed's ancestry has the container (type folder or
// organization).
func (f *Fleet) containerMember(typ, id string) string {
	for _, p := range f.projects {
		if p.Server == nil {
			continue
		}
		for _, a := range list(p.Server.project()["ancestry"]) {
			if am := obj(a); am["type"] == typ && str(am["id"]) == id {
				return p.ID
			}
		}
	}
	return ""
}
