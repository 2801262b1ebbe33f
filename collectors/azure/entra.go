package azure

import (
	"context"
	"net/url"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

var (
	opGraphUsers                   = registerGraph("users", "User.Read.All")
	opGraphUserRegistrationDetails = registerGraph("reports/authenticationMethods/userRegistrationDetails", "AuditLog.Read.All")
)

func init() {
	services.Register(collection.Service[*run]{Name: "entra", Global: true,
		Owns: []string{"azure_entra_user"}, New: newEntra})
}

// entraService collects Microsoft Entra ID users through Microsoft Graph, and their MFA
// registration from the authentication methods report.
type entraService struct{ r *run }

func newEntra(r *run, _ *collection.Unit) collection.Starter { return &entraService{r: r} }

// Start implements collection.Starter.
func (s *entraService) Start(u *collection.Unit) { u.Go(func(ctx context.Context) { s.users(ctx, u) }) }

type graphUser struct {
	ID                string `json:"id"`
	UserPrincipalName string `json:"userPrincipalName"`
	UserType          string `json:"userType"`
	AccountEnabled    bool   `json:"accountEnabled"`
}

type registrationDetails struct {
	ID                string   `json:"id"`
	IsAdmin           bool     `json:"isAdmin"`
	IsMfaRegistered   bool     `json:"isMfaRegistered"`
	MethodsRegistered []string `json:"methodsRegistered"`
}

// reportAttrs are the attributes the authentication methods report fills.
var reportAttrs = []string{"is_admin", "mfa_registered", "methods_registered"}

func (s *entraService) users(ctx context.Context, u *collection.Unit) {
	s.r.Call(ctx, opGraphUsers, collection.ListTarget("azure_entra_user", ""), func(ctx context.Context) error {
		q := url.Values{"$select": {"id,userPrincipalName,userType,accountEnabled"}}
		list, err := listAll[graphUser](ctx, s.r.graph, "/v1.0/users?"+q.Encode())
		if err != nil {
			return err
		}
		byID := map[string]snapshot.Resource{}
		for _, g := range list {
			res := snapshot.Resource{
				"id": "/tenants/" + s.r.tenant + "/users/" + g.ID, "name": g.UserPrincipalName, "region": snapshot.GlobalRegion, "tags": map[string]string{},
				"user_principal_name": g.UserPrincipalName, "user_type": g.UserType, "account_enabled": g.AccountEnabled,
				"is_admin": nil, "mfa_registered": nil, "methods_registered": nil,
			}
			if res["user_type"] == "" {
				res["user_type"] = "Member"
			}
			byID[g.ID] = res
			s.r.Add("azure_entra_user", res)
		}
		u.Go(func(ctx context.Context) { s.registration(ctx, byID) })
		return nil
	})
}

// registration fills the report's attributes. A user the report does not list (created since
// the report was computed) gets an error entry of its own, never a guessed value.
func (s *entraService) registration(ctx context.Context, byID map[string]snapshot.Resource) {
	t := collection.Target{Type: "azure_entra_user", Attrs: reportAttrs}
	s.r.Call(ctx, opGraphUserRegistrationDetails, t, func(ctx context.Context) error {
		list, err := listAll[registrationDetails](ctx, s.r.graph, "/v1.0/reports/authenticationMethods/userRegistrationDetails")
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, d := range list {
			res := byID[d.ID]
			if res == nil {
				continue
			}
			seen[d.ID] = true
			methods := []any{}
			for _, m := range d.MethodsRegistered {
				methods = append(methods, m)
			}
			s.r.Set(res, "is_admin", d.IsAdmin)
			s.r.Set(res, "mfa_registered", d.IsMfaRegistered)
			s.r.Set(res, "methods_registered", methods)
		}
		for id, res := range byID {
			if !seen[id] {
				s.r.AddError(snapshot.CollectionError{ResourceType: "azure_entra_user", ResourceID: s.r.ID(res), Region: snapshot.GlobalRegion,
					Operation: opGraphUserRegistrationDetails.Name(), Code: "NotInReport",
					Message: "the authentication methods report does not list this user yet", Attributes: reportAttrs})
			}
		}
		return nil
	})
}
