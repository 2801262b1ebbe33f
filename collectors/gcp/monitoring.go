package gcp

import (
	"context"

	monitoring "google.golang.org/api/monitoring/v3"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

const monitoringHost = "monitoring.googleapis.com"

var opAlertPoliciesList = register("monitoring", "alertPolicies.list", "monitoring.alertPolicies.list", monitoringHost, "GET", "/v3/projects/{p}/alertPolicies")

func init() {
	services.Register(collection.Service[*run]{Name: "monitoring", Global: true,
		Owns: []string{"gcp_monitoring_alert_policy"}, New: newMonitoring})
}

type monitoringService struct {
	r   *run
	cli *monitoring.Service
	err error
}

func newMonitoring(r *run, u *collection.Unit) collection.Starter {
	cli, err := monitoring.NewService(context.Background(), r.clientOptions("https://"+monitoringHost+"/")...)
	return &monitoringService{r: r, cli: cli, err: err}
}

func (s *monitoringService) Start(u *collection.Unit) { u.Go(s.policies) }

func (s *monitoringService) policies(ctx context.Context) {
	s.r.Call(ctx, opAlertPoliciesList, collection.ListTarget("gcp_monitoring_alert_policy", snapshot.GlobalRegion), func(ctx context.Context) error {
		if s.err != nil {
			return s.err
		}
		return s.cli.Projects.AlertPolicies.List("projects/"+s.r.projectID).Pages(ctx, func(p *monitoring.ListAlertPoliciesResponse) error {
			for _, a := range p.AlertPolicies {
				filters := []string{}
				for _, c := range a.Conditions {
					switch {
					case c.ConditionThreshold != nil:
						filters = append(filters, c.ConditionThreshold.Filter)
					case c.ConditionAbsent != nil:
						filters = append(filters, c.ConditionAbsent.Filter)
					}
				}
				s.r.Add("gcp_monitoring_alert_policy", snapshot.Resource{
					"id": "//monitoring.googleapis.com/" + a.Name, "name": a.DisplayName,
					"region": snapshot.GlobalRegion, "tags": labels(a.UserLabels),
					"enabled": a.Enabled, "condition_filters": filters, "notification_channels": strs(a.NotificationChannels),
				})
			}
			return nil
		})
	})
}
