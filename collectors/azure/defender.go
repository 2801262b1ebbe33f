package azure

import (
	"context"
	"strings"

	"github.com/incloud/incloud/collectors/collection"
)

var (
	opPricingsRead          = registerARM("Microsoft.Security", "pricings/read", "/subscriptions/[^/]+/providers/Microsoft.Security/pricings")
	opAutoProvisioningRead  = registerARM("Microsoft.Security", "autoProvisioningSettings/read", "/subscriptions/[^/]+/providers/Microsoft.Security/autoProvisioningSettings/default")
	opSecuritySettingsRead  = registerARM("Microsoft.Security", "settings/read", "/subscriptions/[^/]+/providers/Microsoft.Security/settings")
	opServerVARead          = registerARM("Microsoft.Security", "serverVulnerabilityAssessmentsSettings/read", "/subscriptions/[^/]+/providers/Microsoft.Security/serverVulnerabilityAssessmentsSettings")
	opSecurityContactsRead  = registerARM("Microsoft.Security", "securityContacts/read", "/subscriptions/[^/]+/providers/Microsoft.Security/securityContacts")
	opPolicyAssignmentsRead = registerARM("Microsoft.Authorization", "policyAssignments/read", "/subscriptions/[^/]+/providers/Microsoft.Authorization/policyAssignments/SecurityCenterBuiltIn")
	opEASMWorkspacesRead    = registerARM("Microsoft.Easm", "workspaces/read", "/subscriptions/[^/]+/providers/Microsoft.Easm/workspaces")
)

func init() {
	services.Register(collection.Service[*run]{Name: "defender", Global: true,
		Owns: []string{"azure_subscription.defender_plans", "azure_subscription.auto_provisioning", "azure_subscription.security_settings",
			"azure_subscription.server_vulnerability_assessment_provider", "azure_subscription.security_contacts",
			"azure_subscription.security_benchmark_assignment", "azure_subscription.easm_workspaces"},
		New: newDefender})
}

// defenderService collects the subscription's Microsoft Defender for Cloud configuration.
type defenderService struct{ r *run }

func newDefender(r *run, _ *collection.Unit) collection.Starter { return &defenderService{r: r} }

type armID struct {
	ID string `json:"id"`
}

// Start implements collection.Starter.
func (s *defenderService) Start(u *collection.Unit) {
	r := s.r
	u.Go(func(ctx context.Context) {
		subList(ctx, r, opPricingsRead, "defender_plans", "/providers/Microsoft.Security/pricings?api-version=2024-01-01", func(p struct {
			Name       string `json:"name"`
			Properties struct {
				PricingTier string  `json:"pricingTier"`
				SubPlan     *string `json:"subPlan"`
				Extensions  []struct {
					Name      string `json:"name"`
					IsEnabled string `json:"isEnabled"`
				} `json:"extensions"`
			} `json:"properties"`
		}) any {
			exts := []any{}
			for _, e := range p.Properties.Extensions {
				exts = append(exts, map[string]any{"name": e.Name, "is_enabled": strings.EqualFold(e.IsEnabled, "true")})
			}
			return map[string]any{"name": p.Name, "pricing_tier": p.Properties.PricingTier, "sub_plan": strOrNil(p.Properties.SubPlan), "extensions": exts}
		})
	})
	u.Go(func(ctx context.Context) {
		subGet(ctx, r, opAutoProvisioningRead, "auto_provisioning", "/providers/Microsoft.Security/autoProvisioningSettings/default?api-version=2017-08-01-preview", nullValue{},
			func(a struct {
				Properties struct {
					AutoProvision string `json:"autoProvision"`
				} `json:"properties"`
			}) any {
				return a.Properties.AutoProvision
			})
	})
	u.Go(func(ctx context.Context) {
		subList(ctx, r, opSecuritySettingsRead, "security_settings", "/providers/Microsoft.Security/settings?api-version=2022-05-01", func(x struct {
			Name       string `json:"name"`
			Properties struct {
				Enabled bool `json:"enabled"`
			} `json:"properties"`
		}) any {
			return map[string]any{"name": x.Name, "enabled": x.Properties.Enabled}
		})
	})
	u.Go(func(ctx context.Context) {
		r.Call(ctx, opServerVARead, r.subTarget("server_vulnerability_assessment_provider"), func(ctx context.Context) error {
			list, err := listAll[struct {
				Properties struct {
					SelectedProvider string `json:"selectedProvider"`
				} `json:"properties"`
			}](ctx, r.arm, r.subscriptionPath()+"/providers/Microsoft.Security/serverVulnerabilityAssessmentsSettings?api-version=2023-05-01")
			if err != nil {
				return err
			}
			var v any
			if len(list) > 0 && list[0].Properties.SelectedProvider != "" {
				v = list[0].Properties.SelectedProvider
			}
			r.Set(r.sub, "server_vulnerability_assessment_provider", v)
			return nil
		})
	})
	u.Go(func(ctx context.Context) {
		subList(ctx, r, opSecurityContactsRead, "security_contacts", "/providers/Microsoft.Security/securityContacts?api-version=2023-12-01-preview", securityContact)
	})
	u.Go(func(ctx context.Context) {
		subGet(ctx, r, opPolicyAssignmentsRead, "security_benchmark_assignment", "/providers/Microsoft.Authorization/policyAssignments/SecurityCenterBuiltIn?api-version=2022-06-01", nullValue{},
			func(a struct {
				ID         string `json:"id"`
				Properties struct {
					EnforcementMode string `json:"enforcementMode"`
					Parameters      map[string]struct {
						Value any `json:"value"`
					} `json:"parameters"`
				} `json:"properties"`
			}) any {
				disabled := []string{}
				for name, p := range a.Properties.Parameters {
					if v, ok := p.Value.(string); ok && strings.EqualFold(v, "Disabled") {
						disabled = append(disabled, name)
					}
				}
				sortStrings(disabled)
				return map[string]any{"id": a.ID, "enforcement_mode": a.Properties.EnforcementMode, "disabled_policies": stringList(disabled)}
			})
	})
	u.Go(func(ctx context.Context) {
		subList(ctx, r, opEASMWorkspacesRead, "easm_workspaces", "/providers/Microsoft.Easm/workspaces?api-version=2023-04-01-preview", func(w armID) any { return w.ID })
	})
}

type armSecurityContact struct {
	Name       string `json:"name"`
	Properties struct {
		Emails              string `json:"emails"`
		NotificationsByRole struct {
			State string   `json:"state"`
			Roles []string `json:"roles"`
		} `json:"notificationsByRole"`
		NotificationsSources []struct {
			SourceType      string `json:"sourceType"`
			MinimalSeverity string `json:"minimalSeverity"`
		} `json:"notificationsSources"`
	} `json:"properties"`
}

func securityContact(c armSecurityContact) any {
	emails := []any{}
	for _, e := range strings.Split(c.Properties.Emails, ";") {
		if e = strings.TrimSpace(e); e != "" {
			emails = append(emails, e)
		}
	}
	var severity any
	for _, src := range c.Properties.NotificationsSources {
		if src.SourceType == "Alert" && src.MinimalSeverity != "" {
			severity = src.MinimalSeverity
		}
	}
	state := c.Properties.NotificationsByRole.State
	if state == "" {
		state = "Off"
	}
	return map[string]any{"name": c.Name, "emails": emails, "notify_roles_state": state,
		"notify_roles": stringList(c.Properties.NotificationsByRole.Roles), "alert_minimal_severity": severity}
}
