package gcp

import (
	"context"
	"sort"

	crm "google.golang.org/api/cloudresourcemanager/v1"
	essentialcontacts "google.golang.org/api/essentialcontacts/v1"

	"github.com/incloud/incloud/collectors/collection"
)

const contactsHost = "essentialcontacts.googleapis.com"

var (
	opProjectContacts = register("essentialcontacts", "projects.contacts.list", "essentialcontacts.contacts.list", contactsHost, "GET", "/v1/projects/{p}/contacts")
	opFolderContacts  = register("essentialcontacts", "folders.contacts.list", "essentialcontacts.contacts.list", contactsHost, "GET", "/v1/folders/{f}/contacts")
	opOrgContacts     = register("essentialcontacts", "organizations.contacts.list", "essentialcontacts.contacts.list", contactsHost, "GET", "/v1/organizations/{o}/contacts")
)

func init() {
	services.Register(collection.Service[*run]{Name: "essentialcontacts", Global: true,
		Owns: []string{"gcp_project.essential_contacts"}, New: newContacts})
}

type contactsService struct {
	r   *run
	cli *essentialcontacts.Service
	crm *crm.Service
	err error
}

func newContacts(r *run, u *collection.Unit) collection.Starter {
	cli, err := essentialcontacts.NewService(context.Background(), r.clientOptions("https://"+contactsHost+"/")...)
	s := &contactsService{r: r, cli: cli, err: err}
	if err == nil {
		s.crm, s.err = crm.NewService(context.Background(), r.clientOptions("https://"+crmHost+"/")...)
	}
	return s
}

func (s *contactsService) Start(u *collection.Unit) { u.Go(s.contacts) }

// contacts reads the contacts that apply to the project: its own and those of every folder and
// the organization above it (the project's ancestry).
func (s *contactsService) contacts(ctx context.Context) {
	t := s.r.projectTarget("essential_contacts")
	var parents []string
	ok := s.r.Call(ctx, opProjectsGetAncestry, t, func(ctx context.Context) error {
		if s.err != nil {
			return s.err
		}
		a, err := s.crm.Projects.GetAncestry(s.r.projectID, &crm.GetAncestryRequest{}).Context(ctx).Do()
		if err != nil {
			return err
		}
		for _, x := range a.Ancestor {
			if x.ResourceId != nil {
				parents = append(parents, x.ResourceId.Type+"s/"+x.ResourceId.Id)
			}
		}
		return nil
	})
	if !ok {
		return
	}
	out := []any{}
	for _, parent := range parents {
		op := opProjectContacts
		switch parent[:4] {
		case "fold":
			op = opFolderContacts
		case "orga":
			op = opOrgContacts
		}
		ok := s.r.Call(ctx, op, t, func(ctx context.Context) error {
			list := func(p *essentialcontacts.GoogleCloudEssentialcontactsV1ListContactsResponse) error {
				for _, c := range p.Contacts {
					out = append(out, map[string]any{"email": c.Email, "notification_categories": strs(c.NotificationCategorySubscriptions), "parent": parent})
				}
				return nil
			}
			switch op {
			case opFolderContacts:
				return s.cli.Folders.Contacts.List(parent).Pages(ctx, list)
			case opOrgContacts:
				return s.cli.Organizations.Contacts.List(parent).Pages(ctx, list)
			default:
				return s.cli.Projects.Contacts.List(parent).Pages(ctx, list)
			}
		})
		if !ok {
			return
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].(map[string]any), out[j].(map[string]any)
		if a["parent"] != b["parent"] {
			return a["parent"].(string) < b["parent"].(string)
		}
		return a["email"].(string) < b["email"].(string)
	})
	s.r.Set(s.r.project, "essential_contacts", out)
}
