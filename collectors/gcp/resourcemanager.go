package gcp

import (
	"context"
	"fmt"
	"strconv"

	crm "google.golang.org/api/cloudresourcemanager/v1"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

const crmHost = "cloudresourcemanager.googleapis.com"

var (
	opProjectsGet          = register("resourcemanager", "projects.get", "resourcemanager.projects.get", crmHost, "GET", "/v1/projects/{p}")
	opProjectsGetIamPolicy = register("resourcemanager", "projects.getIamPolicy", "resourcemanager.projects.getIamPolicy", crmHost, "POST", "/v1/projects/{p}:getIamPolicy")
	opProjectsGetAncestry  = register("resourcemanager", "projects.getAncestry", "resourcemanager.projects.get", crmHost, "POST", "/v1/projects/{p}:getAncestry")
)

func init() {
	services.Register(collection.Service[*run]{Name: "resourcemanager", Global: true,
		Owns: []string{"gcp_project.iam_policy", "gcp_project.ancestry"}, New: newResourceManager})
}

// identify reads the project (projects.get) and builds the gcp_project resource, every
// attribute the services write still null. Without the project nothing can be collected.
func (r *run) identify(ctx context.Context) error {
	cli, err := crm.NewService(ctx, r.clientOptions("https://"+crmHost+"/")...)
	if err != nil {
		return fmt.Errorf("Cloud Resource Manager client: %w", err)
	}
	var p *crm.Project
	err = func() error {
		var err error
		p, err = cli.Projects.Get(r.projectID).Context(collection.WithOperation(ctx, opProjectsGet)).Do()
		return err
	}()
	if err != nil {
		code, msg := r.Classify(err)
		return fmt.Errorf("read project %s (%s): %s: %s", r.projectID, opProjectsGet.Name(), code, msg)
	}
	r.projectNumber = strconv.FormatInt(p.ProjectNumber, 10)
	var parent any
	if p.Parent != nil {
		parent = map[string]any{"type": p.Parent.Type, "id": p.Parent.Id}
	}
	r.project = snapshot.Resource{
		"id": "//cloudresourcemanager.googleapis.com/projects/" + r.projectID, "name": r.projectID,
		"region": snapshot.GlobalRegion, "tags": labels(p.Labels),
		"project_id": r.projectID, "project_number": r.projectNumber, "parent": parent,
		"ancestry": nil, "iam_policy": nil, "enabled_services": nil, "compute_metadata": nil,
		"compute_metadata_keys": nil, "essential_contacts": nil, "access_approval": nil,
	}
	return nil
}

// projectTarget is the target of a failed call that leaves project attributes unknown.
func (r *run) projectTarget(attrs ...string) collection.Target {
	return collection.Target{Type: "gcp_project", ID: r.ID(r.project), Region: snapshot.GlobalRegion, Attrs: attrs}
}

type resourceManager struct {
	r   *run
	cli *crm.Service
	err error
}

func newResourceManager(r *run, u *collection.Unit) collection.Starter {
	cli, err := crm.NewService(context.Background(), r.clientOptions("https://"+crmHost+"/")...)
	return &resourceManager{r: r, cli: cli, err: err}
}

func (s *resourceManager) Start(u *collection.Unit) {
	if s.err != nil {
		s.r.Fail(opProjectsGetIamPolicy, s.r.projectTarget("iam_policy", "ancestry"), s.err)
		return
	}
	u.Go(s.iamPolicy)
	u.Go(s.ancestry)
}

func (s *resourceManager) iamPolicy(ctx context.Context) {
	s.r.Call(ctx, opProjectsGetIamPolicy, s.r.projectTarget("iam_policy"), func(ctx context.Context) error {
		req := &crm.GetIamPolicyRequest{Options: &crm.GetPolicyOptions{RequestedPolicyVersion: 3}}
		p, err := s.cli.Projects.GetIamPolicy(s.r.projectID, req).Context(ctx).Do()
		if err != nil {
			return err
		}
		audit := []any{}
		for _, a := range p.AuditConfigs {
			cfgs := []any{}
			for _, c := range a.AuditLogConfigs {
				cfgs = append(cfgs, map[string]any{"log_type": c.LogType, "exempted_members": strs(c.ExemptedMembers)})
			}
			audit = append(audit, map[string]any{"service": a.Service, "audit_log_configs": cfgs})
		}
		bindings := []any{}
		for _, b := range p.Bindings {
			bindings = append(bindings, binding(b.Role, b.Members, b.Condition != nil, condTitle(b.Condition), condExpr(b.Condition)))
		}
		s.r.Set(s.r.project, "iam_policy", map[string]any{"bindings": bindings, "audit_configs": audit})
		return nil
	})
}

func condTitle(e *crm.Expr) string {
	if e == nil {
		return ""
	}
	return e.Title
}

func condExpr(e *crm.Expr) string {
	if e == nil {
		return ""
	}
	return e.Expression
}

// binding is one IAM binding as the snapshot writes it (condition null when unconditional).
func binding(role string, members []string, conditional bool, title, expr string) map[string]any {
	var cond any
	if conditional {
		cond = map[string]any{"title": title, "expression": expr}
	}
	return map[string]any{"role": role, "members": strs(members), "condition": cond}
}

func (s *resourceManager) ancestry(ctx context.Context) {
	s.r.Call(ctx, opProjectsGetAncestry, s.r.projectTarget("ancestry"), func(ctx context.Context) error {
		a, err := s.cli.Projects.GetAncestry(s.r.projectID, &crm.GetAncestryRequest{}).Context(ctx).Do()
		if err != nil {
			return err
		}
		out := []any{}
		for _, x := range a.Ancestor {
			if x.ResourceId != nil {
				out = append(out, map[string]any{"type": x.ResourceId.Type, "id": x.ResourceId.Id})
			}
		}
		s.r.Set(s.r.project, "ancestry", out)
		return nil
	})
}
