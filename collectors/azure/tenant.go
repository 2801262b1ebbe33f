package azure

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

var (
	opGraphOrganization     = registerGraph("organization", "Organization.Read.All")
	opGraphSecurityDefaults = registerGraph("policies/identitySecurityDefaultsEnforcementPolicy", "Policy.Read.All")
	opGraphAuthzPolicy      = registerGraph("policies/authorizationPolicy", "Policy.Read.All")
	opGraphGroupSettings    = registerGraph("groupSettings", "Directory.Read.All")
	opGraphCAPolicies       = registerGraph("identity/conditionalAccess/policies", "Policy.Read.All")
	opGraphNamedLocations   = registerGraph("identity/conditionalAccess/namedLocations", "Policy.Read.All")
	opGraphDirectoryRoles   = registerGraph("directoryRoles", "RoleManagement.Read.Directory")
	opGraphRoleMembers      = registerGraphPattern("directoryRoles/members", "directoryRoles/[^/]+/members", "RoleManagement.Read.Directory")
	opSubscriptionPolicy    = registerARM("Microsoft.Subscription", "policies/read", "/providers/Microsoft.Subscription/policies/default")
)

// Directory setting templates: Password Rule Settings and Group.Unified.
const (
	passwordRuleTemplate = "5cf42378-d67d-4f36-ba46-e8b86229381d"
	groupUnifiedTemplate = "62375ab9-6b52-47ed-826b-58e47e0e304b"
)

func init() {
	services.Register(collection.Service[*run]{Name: "tenant", Global: true,
		Owns: []string{"azure_tenant", "azure_entra_directory_role"}, New: newTenant})
}

// tenantService collects the tenant-wide Microsoft Entra ID settings (one azure_tenant) and the
// activated directory roles with their members.
type tenantService struct {
	r   *run
	res snapshot.Resource
}

func newTenant(r *run, _ *collection.Unit) collection.Starter { return &tenantService{r: r} }

var tenantAttrs = []string{"security_defaults_enabled", "authorization_policy", "password_rule_settings", "group_unified_settings",
	"conditional_access_policies", "named_locations", "subscription_policy"}

// Start implements collection.Starter.
func (s *tenantService) Start(u *collection.Unit) {
	s.res = snapshot.Resource{"id": "/tenants/" + s.r.tenant, "name": s.r.tenant, "region": snapshot.GlobalRegion, "tags": map[string]string{}, "tenant_id": s.r.tenant}
	for _, a := range tenantAttrs {
		s.res[a] = nil
	}
	s.r.Add("azure_tenant", s.res)
	u.Go(s.organization)
	u.Go(func(ctx context.Context) {
		graphGet(ctx, s, opGraphSecurityDefaults, "security_defaults_enabled", "/v1.0/policies/identitySecurityDefaultsEnforcementPolicy", func(v struct {
			IsEnabled bool `json:"isEnabled"`
		}) any {
			return v.IsEnabled
		})
	})
	u.Go(func(ctx context.Context) {
		graphGet(ctx, s, opGraphAuthzPolicy, "authorization_policy", "/v1.0/policies/authorizationPolicy", func(p struct {
			AllowInvitesFrom           string `json:"allowInvitesFrom"`
			GuestUserRoleID            string `json:"guestUserRoleId"`
			DefaultUserRolePermissions struct {
				AllowedToCreateApps             bool     `json:"allowedToCreateApps"`
				AllowedToCreateSecurityGroups   bool     `json:"allowedToCreateSecurityGroups"`
				AllowedToCreateTenants          bool     `json:"allowedToCreateTenants"`
				PermissionGrantPoliciesAssigned []string `json:"permissionGrantPoliciesAssigned"`
			} `json:"defaultUserRolePermissions"`
		}) any {
			d := p.DefaultUserRolePermissions
			return map[string]any{"allowed_to_create_tenants": d.AllowedToCreateTenants, "allowed_to_create_apps": d.AllowedToCreateApps,
				"allowed_to_create_security_groups":  d.AllowedToCreateSecurityGroups,
				"permission_grant_policies_assigned": stringList(d.PermissionGrantPoliciesAssigned),
				"guest_user_role_id":                 p.GuestUserRoleID, "allow_invites_from": p.AllowInvitesFrom}
		})
	})
	u.Go(s.groupSettings)
	u.Go(s.conditionalAccess)
	u.Go(s.namedLocations)
	u.Go(s.subscriptionPolicy)
	u.Go(func(ctx context.Context) { s.directoryRoles(ctx, u) })
}

func (s *tenantService) target(attrs ...string) collection.Target {
	return collection.Target{Type: "azure_tenant", ID: s.r.ID(s.res), Region: snapshot.GlobalRegion, Attrs: attrs}
}

// graphGet GETs a Graph object in one call of op and sets attr to conv of it.
func graphGet[T any](ctx context.Context, s *tenantService, op *collection.Operation, attr, path string, conv func(T) any) {
	s.r.Call(ctx, op, s.target(attr), func(ctx context.Context) error {
		var v T
		if err := s.r.graph.get(ctx, path, &v); err != nil {
			return err
		}
		s.r.Set(s.res, attr, conv(v))
		return nil
	})
}

// organization names the tenant after its default verified domain.
func (s *tenantService) organization(ctx context.Context) {
	s.r.Call(ctx, opGraphOrganization, s.target("name"), func(ctx context.Context) error {
		orgs, err := listAll[struct {
			VerifiedDomains []struct {
				Name      string `json:"name"`
				IsDefault bool   `json:"isDefault"`
			} `json:"verifiedDomains"`
		}](ctx, s.r.graph, "/v1.0/organization?$select=id,verifiedDomains")
		if err != nil {
			return err
		}
		for _, o := range orgs {
			for _, d := range o.VerifiedDomains {
				if d.IsDefault {
					s.r.Set(s.res, "name", d.Name)
				}
			}
		}
		return nil
	})
}

func (s *tenantService) groupSettings(ctx context.Context) {
	s.r.Call(ctx, opGraphGroupSettings, s.target("password_rule_settings", "group_unified_settings"), func(ctx context.Context) error {
		list, err := listAll[struct {
			TemplateID string `json:"templateId"`
			Values     []struct {
				Name  string `json:"name"`
				Value string `json:"value"`
			} `json:"values"`
		}](ctx, s.r.graph, "/v1.0/groupSettings")
		if err != nil {
			return err
		}
		// Entra's documented defaults apply where the tenant has no setting object.
		pw := map[string]any{"lockout_threshold": 10, "lockout_duration_seconds": 60, "enable_banned_password_check": false, "banned_password_count": 0}
		groups := map[string]any{"enable_group_creation": true}
		for _, st := range list {
			values := map[string]string{}
			for _, v := range st.Values {
				values[v.Name] = v.Value
			}
			switch st.TemplateID {
			case passwordRuleTemplate:
				if n, err := strconv.Atoi(values["LockoutThreshold"]); err == nil {
					pw["lockout_threshold"] = n
				}
				if n, err := strconv.Atoi(values["LockoutDurationInSeconds"]); err == nil {
					pw["lockout_duration_seconds"] = n
				}
				pw["enable_banned_password_check"] = strings.EqualFold(values["EnableBannedPasswordCheck"], "true")
				n := 0
				for _, w := range strings.Split(values["BannedPasswordList"], "\t") {
					if strings.TrimSpace(w) != "" {
						n++
					}
				}
				pw["banned_password_count"] = n
			case groupUnifiedTemplate:
				if v, ok := values["EnableGroupCreation"]; ok {
					groups["enable_group_creation"] = strings.EqualFold(v, "true")
				}
			}
		}
		s.r.Set(s.res, "password_rule_settings", pw)
		s.r.Set(s.res, "group_unified_settings", groups)
		return nil
	})
}

type graphCAPolicy struct {
	ID          string `json:"id"`
	DisplayName string `json:"displayName"`
	State       string `json:"state"`
	Conditions  struct {
		Users struct {
			IncludeUsers  []string `json:"includeUsers"`
			ExcludeUsers  []string `json:"excludeUsers"`
			IncludeGroups []string `json:"includeGroups"`
			IncludeRoles  []string `json:"includeRoles"`
		} `json:"users"`
		Applications struct {
			IncludeApplications []string `json:"includeApplications"`
			IncludeUserActions  []string `json:"includeUserActions"`
		} `json:"applications"`
		Locations *struct {
			IncludeLocations []string `json:"includeLocations"`
			ExcludeLocations []string `json:"excludeLocations"`
		} `json:"locations"`
		SignInRiskLevels    []string `json:"signInRiskLevels"`
		UserRiskLevels      []string `json:"userRiskLevels"`
		ClientAppTypes      []string `json:"clientAppTypes"`
		AuthenticationFlows *struct {
			TransferMethods string `json:"transferMethods"`
		} `json:"authenticationFlows"`
	} `json:"conditions"`
	GrantControls *struct {
		Operator               string   `json:"operator"`
		BuiltInControls        []string `json:"builtInControls"`
		AuthenticationStrength *struct {
			DisplayName string `json:"displayName"`
		} `json:"authenticationStrength"`
	} `json:"grantControls"`
}

func caPolicy(p graphCAPolicy) any {
	c := p.Conditions
	out := map[string]any{"id": p.ID, "display_name": p.DisplayName, "state": p.State,
		"include_users": stringList(c.Users.IncludeUsers), "exclude_users": stringList(c.Users.ExcludeUsers),
		"include_groups": stringList(c.Users.IncludeGroups), "include_roles": stringList(c.Users.IncludeRoles),
		"include_applications": stringList(c.Applications.IncludeApplications), "include_user_actions": stringList(c.Applications.IncludeUserActions),
		"include_locations": []any{}, "exclude_locations": []any{},
		"sign_in_risk_levels": stringList(c.SignInRiskLevels), "user_risk_levels": stringList(c.UserRiskLevels),
		"client_app_types": stringList(c.ClientAppTypes), "authentication_flows": []any{},
		"grant_operator": nil, "built_in_controls": []any{}, "authentication_strength": nil}
	if c.Locations != nil {
		out["include_locations"], out["exclude_locations"] = stringList(c.Locations.IncludeLocations), stringList(c.Locations.ExcludeLocations)
	}
	if c.AuthenticationFlows != nil {
		flows := []any{}
		for _, f := range strings.Split(c.AuthenticationFlows.TransferMethods, ",") {
			if f = strings.TrimSpace(f); f != "" {
				flows = append(flows, f)
			}
		}
		out["authentication_flows"] = flows
	}
	if g := p.GrantControls; g != nil {
		out["grant_operator"] = g.Operator
		out["built_in_controls"] = stringList(g.BuiltInControls)
		if g.AuthenticationStrength != nil {
			out["authentication_strength"] = g.AuthenticationStrength.DisplayName
		}
	}
	return out
}

func (s *tenantService) conditionalAccess(ctx context.Context) {
	s.r.Call(ctx, opGraphCAPolicies, s.target("conditional_access_policies"), func(ctx context.Context) error {
		list, err := listAll[graphCAPolicy](ctx, s.r.graph, "/v1.0/identity/conditionalAccess/policies")
		if err != nil {
			return err
		}
		out := []any{}
		for _, p := range list {
			out = append(out, caPolicy(p))
		}
		s.r.Set(s.res, "conditional_access_policies", out)
		return nil
	})
}

func (s *tenantService) namedLocations(ctx context.Context) {
	s.r.Call(ctx, opGraphNamedLocations, s.target("named_locations"), func(ctx context.Context) error {
		list, err := listAll[struct {
			Type        string `json:"@odata.type"`
			ID          string `json:"id"`
			DisplayName string `json:"displayName"`
			IsTrusted   bool   `json:"isTrusted"`
		}](ctx, s.r.graph, "/v1.0/identity/conditionalAccess/namedLocations")
		if err != nil {
			return err
		}
		out := []any{}
		for _, l := range list {
			kind := "ip"
			if strings.HasSuffix(l.Type, "countryNamedLocation") {
				kind = "country"
			}
			out = append(out, map[string]any{"id": l.ID, "display_name": l.DisplayName, "kind": kind, "is_trusted": l.IsTrusted})
		}
		s.r.Set(s.res, "named_locations", out)
		return nil
	})
}

func (s *tenantService) subscriptionPolicy(ctx context.Context) {
	s.r.Call(ctx, opSubscriptionPolicy, s.target("subscription_policy"), func(ctx context.Context) error {
		var p struct {
			Properties struct {
				BlockSubscriptionsLeavingTenant bool `json:"blockSubscriptionsLeavingTenant"`
				BlockSubscriptionsIntoTenant    bool `json:"blockSubscriptionsIntoTenant"`
			} `json:"properties"`
		}
		if err := s.r.arm.get(ctx, "/providers/Microsoft.Subscription/policies/default?api-version=2021-10-01", &p); err != nil {
			return err
		}
		s.r.Set(s.res, "subscription_policy", map[string]any{"block_subscriptions_leaving_tenant": p.Properties.BlockSubscriptionsLeavingTenant,
			"block_subscriptions_into_tenant": p.Properties.BlockSubscriptionsIntoTenant})
		return nil
	})
}

func (s *tenantService) directoryRoles(ctx context.Context, u *collection.Unit) {
	s.r.Call(ctx, opGraphDirectoryRoles, collection.ListTarget("azure_entra_directory_role", ""), func(ctx context.Context) error {
		roles, err := listAll[struct {
			ID             string `json:"id"`
			DisplayName    string `json:"displayName"`
			RoleTemplateID string `json:"roleTemplateId"`
		}](ctx, s.r.graph, "/v1.0/directoryRoles")
		if err != nil {
			return err
		}
		for _, role := range roles {
			res := snapshot.Resource{"id": "/tenants/" + s.r.tenant + "/directoryRoles/" + role.RoleTemplateID, "name": role.DisplayName,
				"region": snapshot.GlobalRegion, "tags": map[string]string{}, "role_template_id": role.RoleTemplateID, "members": nil}
			s.r.Add("azure_entra_directory_role", res)
			u.Go(func(ctx context.Context) { s.members(ctx, res, role.ID) })
		}
		return nil
	})
}

func (s *tenantService) members(ctx context.Context, res snapshot.Resource, objectID string) {
	t := collection.Target{Type: "azure_entra_directory_role", ID: s.r.ID(res), Region: snapshot.GlobalRegion, Attrs: []string{"members"}}
	s.r.Call(ctx, opGraphRoleMembers, t, func(ctx context.Context) error {
		q := url.Values{"$select": {"id,displayName,userType"}}
		list, err := listAll[struct {
			Type        string  `json:"@odata.type"`
			ID          string  `json:"id"`
			DisplayName string  `json:"displayName"`
			UserType    *string `json:"userType"`
		}](ctx, s.r.graph, "/v1.0/directoryRoles/"+url.PathEscape(objectID)+"/members?"+q.Encode())
		if err != nil {
			return err
		}
		out := []any{}
		for _, m := range list {
			kind := strings.TrimPrefix(m.Type, "#microsoft.graph.")
			var ut any
			if kind == "user" {
				ut = strOr(m.UserType, "Member")
			}
			out = append(out, map[string]any{"id": m.ID, "display_name": m.DisplayName, "type": kind, "user_type": ut})
		}
		s.r.Set(res, "members", out)
		return nil
	})
}
