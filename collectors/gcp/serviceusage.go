package gcp

import (
	"context"
	"sort"

	serviceusage "google.golang.org/api/serviceusage/v1"

	"github.com/incloud/incloud/collectors/collection"
)

const serviceUsageHost = "serviceusage.googleapis.com"

var opServicesList = register("serviceusage", "services.list", "serviceusage.services.list", serviceUsageHost, "GET", "/v1/projects/{p}/services")

func init() {
	services.Register(collection.Service[*run]{Name: "serviceusage", Global: true,
		Owns: []string{"gcp_project.enabled_services"}, New: newServiceUsage})
}

type serviceUsage struct {
	r   *run
	cli *serviceusage.Service
	err error
}

func newServiceUsage(r *run, u *collection.Unit) collection.Starter {
	cli, err := serviceusage.NewService(context.Background(), r.clientOptions("https://"+serviceUsageHost+"/")...)
	return &serviceUsage{r: r, cli: cli, err: err}
}

func (s *serviceUsage) Start(u *collection.Unit) { u.Go(s.enabled) }

// enabled lists the APIs enabled in the project (services.list filter state:ENABLED).
func (s *serviceUsage) enabled(ctx context.Context) {
	s.r.Call(ctx, opServicesList, s.r.projectTarget("enabled_services"), func(ctx context.Context) error {
		if s.err != nil {
			return s.err
		}
		names := []string{}
		err := s.cli.Services.List("projects/"+s.r.projectID).Filter("state:ENABLED").Pages(ctx, func(p *serviceusage.ListServicesResponse) error {
			for _, svc := range p.Services {
				names = append(names, last(svc.Name))
			}
			return nil
		})
		if err != nil {
			return err
		}
		sort.Strings(names)
		s.r.Set(s.r.project, "enabled_services", names)
		return nil
	})
}
