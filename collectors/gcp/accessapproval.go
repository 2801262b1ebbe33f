package gcp

import (
	"context"

	accessapproval "google.golang.org/api/accessapproval/v1"

	"github.com/incloud/incloud/collectors/collection"
)

const accessApprovalHost = "accessapproval.googleapis.com"

var opAccessApprovalSettings = register("accessapproval", "projects.getAccessApprovalSettings", "accessapproval.settings.get", accessApprovalHost, "GET", "/v1/projects/{p}/accessApprovalSettings")

func init() {
	services.Register(collection.Service[*run]{Name: "accessapproval", Global: true,
		Owns: []string{"gcp_project.access_approval"}, New: newAccessApproval})
}

type accessApprovalService struct {
	r   *run
	cli *accessapproval.Service
	err error
}

func newAccessApproval(r *run, u *collection.Unit) collection.Starter {
	cli, err := accessapproval.NewService(context.Background(), r.clientOptions("https://"+accessApprovalHost+"/")...)
	return &accessApprovalService{r: r, cli: cli, err: err}
}

func (s *accessApprovalService) Start(u *collection.Unit) { u.Go(s.settings) }

// settings reads the project's Access Approval settings. An API that is not enabled is data
// (access_approval null: CIS 2.15 fails on it), not an error.
func (s *accessApprovalService) settings(ctx context.Context) {
	s.r.Call(ctx, opAccessApprovalSettings, s.r.projectTarget("access_approval"), func(ctx context.Context) error {
		if s.err != nil {
			return s.err
		}
		st, err := s.cli.Projects.GetAccessApprovalSettings("projects/" + s.r.projectID + "/accessApprovalSettings").Context(ctx).Do()
		if serviceDisabled(err) {
			return nil
		}
		if err != nil {
			return err
		}
		enrolled := []any{}
		for _, e := range st.EnrolledServices {
			enrolled = append(enrolled, map[string]any{"cloud_product": e.CloudProduct, "enrollment_level": e.EnrollmentLevel})
		}
		s.r.Set(s.r.project, "access_approval", map[string]any{"enrolled_services": enrolled, "notification_emails": strs(st.NotificationEmails)})
		return nil
	})
}
