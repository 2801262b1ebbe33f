package azure

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

const keyVaultDataAPI = "7.5"

var (
	opVaultsRead = registerARM("Microsoft.KeyVault", "vaults/read", "/subscriptions/[^/]+/providers/Microsoft.KeyVault/vaults")
	// Data plane: metadata only. Listing secrets returns their attributes, never their values.
	opKeysList       = registerKeyVault("keys/list", "/keys", "Microsoft.KeyVault/vaults/keys/read")
	opRotationPolicy = registerKeyVault("keys/rotationpolicy", "/keys/[^/]+/rotationpolicy", "Microsoft.KeyVault/vaults/keyrotationpolicies/read")
	opSecretsList    = registerKeyVault("secrets/list", "/secrets", "Microsoft.KeyVault/vaults/secrets/readMetadata/action")
)

// registerKeyVault records a Key Vault data-plane GET of path (below the vault URI) needing
// the data action permission.
func registerKeyVault(action, path, permission string) *collection.Operation {
	op := ops.Register(keyVaultDataService, action, permission)
	routes = append(routes, route{op: op, path: regexp.MustCompile("^" + path + "$")})
	return op
}

func init() {
	services.Register(collection.Service[*run]{Name: "keyvault", Global: true,
		Owns: []string{"azure_keyvault_vault"}, New: newKeyVault})
}

// keyVaultService collects key vaults: their ARM properties and diagnostic settings, and through
// each vault's data plane the metadata of its keys (expiry, rotation policy) and secrets
// (expiry), never a key or a secret value.
type keyVaultService struct{ r *run }

func newKeyVault(r *run, _ *collection.Unit) collection.Starter { return &keyVaultService{r: r} }

type armVault struct {
	armResource
	Properties struct {
		VaultURI                   string                     `json:"vaultUri"`
		EnableRbacAuthorization    bool                       `json:"enableRbacAuthorization"`
		EnableSoftDelete           *bool                      `json:"enableSoftDelete"`
		EnablePurgeProtection      bool                       `json:"enablePurgeProtection"`
		PublicNetworkAccess        *string                    `json:"publicNetworkAccess"`
		PrivateEndpointConnections privateEndpointConnections `json:"privateEndpointConnections"`
	} `json:"properties"`
}

// Start implements collection.Starter.
func (s *keyVaultService) Start(u *collection.Unit) {
	u.Go(func(ctx context.Context) {
		uris := map[string]string{}
		listARM(ctx, s.r, u, opVaultsRead, "azure_keyvault_vault", "/providers/Microsoft.KeyVault/vaults?api-version=2023-07-01",
			func(v armVault) snapshot.Resource {
				p := v.Properties
				res := v.base()
				res["enable_rbac_authorization"] = p.EnableRbacAuthorization
				res["enable_soft_delete"] = boolOr(p.EnableSoftDelete, true) // on for every vault since 2020
				res["enable_purge_protection"] = p.EnablePurgeProtection
				res["public_network_access"] = strOr(p.PublicNetworkAccess, "Enabled")
				res["private_endpoint_connections"] = p.PrivateEndpointConnections.value()
				res["diagnostic_settings"], res["keys"], res["secrets"] = nil, nil, nil
				uris[v.ID] = strings.TrimSuffix(p.VaultURI, "/")
				return res
			},
			func(res snapshot.Resource) {
				id, uri := s.r.ID(res), uris[s.r.ID(res)]
				u.Go(func(ctx context.Context) {
					s.r.Call(ctx, opDiagnosticSettingsRead, collection.Target{Type: "azure_keyvault_vault", ID: id, Region: s.r.Region(res), Attrs: []string{"diagnostic_settings"}},
						func(ctx context.Context) error {
							v, err := diagnosticSettings(ctx, s.r.arm, id)
							if err != nil {
								return err
							}
							s.r.Set(res, "diagnostic_settings", v)
							return nil
						})
				})
				u.Go(func(ctx context.Context) { s.keys(ctx, res, uri) })
				u.Go(func(ctx context.Context) { s.secrets(ctx, res, uri) })
			})
	})
}

type kvAttributes struct {
	Enabled bool   `json:"enabled"`
	Exp     *int64 `json:"exp"`
}

func (a kvAttributes) expires() any {
	if a.Exp == nil {
		return nil
	}
	return time.Unix(*a.Exp, 0).UTC().Format(time.RFC3339)
}

func lastSegment(u string) string { return u[strings.LastIndex(u, "/")+1:] }

func (s *keyVaultService) keys(ctx context.Context, res snapshot.Resource, uri string) {
	t := collection.Target{Type: "azure_keyvault_vault", ID: s.r.ID(res), Region: s.r.Region(res), Attrs: []string{"keys"}}
	var names []string
	var keys []map[string]any
	ok := s.r.Call(ctx, opKeysList, t, func(ctx context.Context) error {
		list, err := listAll[struct {
			Kid        string       `json:"kid"`
			Attributes kvAttributes `json:"attributes"`
		}](ctx, s.r.vault, uri+"/keys?api-version="+keyVaultDataAPI)
		if err != nil {
			return err
		}
		for _, k := range list {
			names = append(names, lastSegment(k.Kid))
			keys = append(keys, map[string]any{"name": lastSegment(k.Kid), "enabled": k.Attributes.Enabled, "expires": k.Attributes.expires(), "auto_rotate": false})
		}
		return nil
	})
	if !ok {
		return
	}
	ok = s.r.Call(ctx, opRotationPolicy, t, func(ctx context.Context) error {
		for i, name := range names {
			var p struct {
				LifetimeActions []struct {
					Action struct {
						Type string `json:"type"`
					} `json:"action"`
				} `json:"lifetimeActions"`
			}
			err := s.r.vault.get(ctx, uri+"/keys/"+url.PathEscape(name)+"/rotationpolicy?api-version="+keyVaultDataAPI, &p)
			if isNotFound(err) {
				continue
			}
			if err != nil {
				return err
			}
			for _, a := range p.LifetimeActions {
				if strings.EqualFold(a.Action.Type, "Rotate") {
					keys[i]["auto_rotate"] = true
				}
			}
		}
		return nil
	})
	if !ok {
		return
	}
	out := []any{}
	for _, k := range keys {
		out = append(out, k)
	}
	s.r.Set(res, "keys", out)
}

func (s *keyVaultService) secrets(ctx context.Context, res snapshot.Resource, uri string) {
	t := collection.Target{Type: "azure_keyvault_vault", ID: s.r.ID(res), Region: s.r.Region(res), Attrs: []string{"secrets"}}
	s.r.Call(ctx, opSecretsList, t, func(ctx context.Context) error {
		list, err := listAll[struct {
			ID         string       `json:"id"`
			Attributes kvAttributes `json:"attributes"`
			Managed    bool         `json:"managed"`
		}](ctx, s.r.vault, uri+"/secrets?api-version="+keyVaultDataAPI)
		if err != nil {
			return err
		}
		out := []any{}
		for _, x := range list {
			out = append(out, map[string]any{"name": lastSegment(x.ID), "enabled": x.Attributes.Enabled, "expires": x.Attributes.expires(), "managed": x.Managed})
		}
		s.r.Set(res, "secrets", out)
		return nil
	})
}

// vaultChallenge authorizes Key Vault data-plane requests the way Key Vault asks: the first
// request goes out without a token, the 401 answer's WWW-Authenticate header names the resource
// (and tenant) to request a token for, and later requests reuse that scope.
type vaultChallenge struct {
	mu     sync.Mutex
	scope  string
	tenant string
}

var challengeParam = regexp.MustCompile(`(\w+)="([^"]*)"`)

func (c *vaultChallenge) onRequest(_ *policy.Request, authorize func(policy.TokenRequestOptions) error) error {
	c.mu.Lock()
	scope, tenant := c.scope, c.tenant
	c.mu.Unlock()
	if scope == "" {
		return nil // unauthenticated: Key Vault answers with the challenge
	}
	return authorize(policy.TokenRequestOptions{Scopes: []string{scope}, TenantID: tenant})
}

func (c *vaultChallenge) onChallenge(_ *policy.Request, resp *http.Response, authorize func(policy.TokenRequestOptions) error) error {
	params := map[string]string{}
	for _, m := range challengeParam.FindAllStringSubmatch(resp.Header.Get("WWW-Authenticate"), -1) {
		params[m[1]] = m[2]
	}
	scope := params["scope"]
	if scope == "" && params["resource"] != "" {
		scope = strings.TrimSuffix(params["resource"], "/") + "/.default"
	}
	if scope == "" {
		return runtime.NewResponseError(resp)
	}
	tenant := ""
	if a := params["authorization"]; a != "" {
		if u, err := url.Parse(a); err == nil {
			tenant = strings.Trim(u.Path, "/")
		}
	}
	c.mu.Lock()
	c.scope, c.tenant = scope, tenant
	c.mu.Unlock()
	return authorize(policy.TokenRequestOptions{Scopes: []string{scope}, TenantID: tenant})
}
