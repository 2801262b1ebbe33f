package azure

import (
	"context"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

var (
	opActivityLogAlertsRead = registerARM("Microsoft.Insights", "activityLogAlerts/read", "/subscriptions/[^/]+/providers/Microsoft.Insights/activityLogAlerts")
	opComponentsRead        = registerARM("Microsoft.Insights", "components/read", "/subscriptions/[^/]+/providers/Microsoft.Insights/components")
)

func init() {
	services.Register(collection.Service[*run]{Name: "monitor", Global: true,
		Owns: []string{"azure_monitor_activity_log_alert", "azure_subscription.activity_log_diagnostic_settings",
			"azure_subscription.application_insights_components"}, New: newMonitor})
}

// monitorService collects the activity log alert rules, the subscription's activity log
// diagnostic settings and its Application Insights components.
type monitorService struct{ r *run }

func newMonitor(r *run, _ *collection.Unit) collection.Starter { return &monitorService{r: r} }

// Start implements collection.Starter.
func (s *monitorService) Start(u *collection.Unit) {
	u.Go(func(ctx context.Context) {
		listARM(ctx, s.r, u, opActivityLogAlertsRead, "azure_monitor_activity_log_alert",
			"/providers/Microsoft.Insights/activityLogAlerts?api-version=2020-10-01", activityLogAlert, nil)
	})
	u.Go(func(ctx context.Context) {
		s.r.Call(ctx, opDiagnosticSettingsRead, s.r.subTarget("activity_log_diagnostic_settings"), func(ctx context.Context) error {
			v, err := diagnosticSettings(ctx, s.r.arm, s.r.subscriptionPath())
			if err != nil {
				return err
			}
			s.r.Set(s.r.sub, "activity_log_diagnostic_settings", v)
			return nil
		})
	})
	u.Go(func(ctx context.Context) {
		subList(ctx, s.r, opComponentsRead, "application_insights_components", "/providers/Microsoft.Insights/components?api-version=2020-02-02", func(c armID) any { return c.ID })
	})
}

type armActivityLogAlert struct {
	armResource
	Properties struct {
		Enabled   bool     `json:"enabled"`
		Scopes    []string `json:"scopes"`
		Condition struct {
			AllOf []struct {
				Field  string  `json:"field"`
				Equals *string `json:"equals"`
			} `json:"allOf"`
		} `json:"condition"`
		Actions struct {
			ActionGroups []struct {
				ActionGroupID string `json:"actionGroupId"`
			} `json:"actionGroups"`
		} `json:"actions"`
	} `json:"properties"`
}

func activityLogAlert(a armActivityLogAlert) snapshot.Resource {
	res := a.base()
	conds := []any{}
	for _, c := range a.Properties.Condition.AllOf {
		conds = append(conds, map[string]any{"field": c.Field, "equals": strOrNil(c.Equals)})
	}
	groups := []any{}
	for _, g := range a.Properties.Actions.ActionGroups {
		groups = append(groups, g.ActionGroupID)
	}
	res["enabled"], res["scopes"], res["conditions"], res["action_group_ids"] = a.Properties.Enabled, stringList(a.Properties.Scopes), conds, groups
	return res
}
