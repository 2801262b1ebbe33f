package azure

import (
	"context"
	"net/url"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

var opRoleDefinitionsRead = registerARM("Microsoft.Authorization", "roleDefinitions/read", "/subscriptions/[^/]+/providers/Microsoft.Authorization/roleDefinitions")

func init() {
	services.Register(collection.Service[*run]{Name: "authorization", Global: true,
		Owns: []string{"azure_authorization_role_definition"}, New: newAuthorization})
}

// authorizationService collects the custom role definitions assignable in the subscription.
type authorizationService struct{ r *run }

func newAuthorization(r *run, _ *collection.Unit) collection.Starter {
	return &authorizationService{r: r}
}

// Start implements collection.Starter.
func (s *authorizationService) Start(u *collection.Unit) {
	u.Go(func(ctx context.Context) {
		q := url.Values{"api-version": {"2022-04-01"}, "$filter": {"type eq 'CustomRole'"}}
		listARM(ctx, s.r, u, opRoleDefinitionsRead, "azure_authorization_role_definition",
			"/providers/Microsoft.Authorization/roleDefinitions?"+q.Encode(), roleDefinition, nil)
	})
}

type armRoleDefinition struct {
	ID         string `json:"id"`
	Properties struct {
		RoleName         string   `json:"roleName"`
		Type             string   `json:"type"`
		AssignableScopes []string `json:"assignableScopes"`
		Permissions      []struct {
			Actions        []string `json:"actions"`
			NotActions     []string `json:"notActions"`
			DataActions    []string `json:"dataActions"`
			NotDataActions []string `json:"notDataActions"`
		} `json:"permissions"`
	} `json:"properties"`
}

func roleDefinition(d armRoleDefinition) snapshot.Resource {
	perms := []any{}
	for _, p := range d.Properties.Permissions {
		perms = append(perms, map[string]any{"actions": stringList(p.Actions), "not_actions": stringList(p.NotActions),
			"data_actions": stringList(p.DataActions), "not_data_actions": stringList(p.NotDataActions)})
	}
	return snapshot.Resource{"id": d.ID, "name": d.Properties.RoleName, "region": snapshot.GlobalRegion, "tags": map[string]string{},
		"role_type": d.Properties.Type, "assignable_scopes": stringList(d.Properties.AssignableScopes), "permissions": perms}
}
