package azurefake

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/incloud/incloud/pkg/snapshot"
)

// Key Vault: the ARM list names each vault's URI; every vault's data plane is its own loopback
// server (as each vault is its own host), which answers an unauthenticated request with Key
// Vault's 401 challenge naming the resource to get a token for.

func (s *Server) keyVaultRoutes() {
	for _, v := range s.Resources("azure_keyvault_vault") {
		srv := httptest.NewServer(s.vaultHandler(v))
		s.vaults = append(s.vaults, srv)
		s.vaultURIs[v.ID()] = srv.URL + "/"
	}
	s.armList("Microsoft.KeyVault:vaults/read", sub+"/providers/Microsoft.KeyVault/vaults", "azure_keyvault_vault", func(r snapshot.Resource) map[string]any {
		out := armBase(r, "Microsoft.KeyVault/vaults")
		out["properties"] = map[string]any{"vaultUri": s.vaultURIs[r.ID()], "tenantId": "", "sku": map[string]any{"family": "A", "name": "standard"},
			"enableRbacAuthorization": r["enable_rbac_authorization"], "enableSoftDelete": r["enable_soft_delete"], "enablePurgeProtection": r["enable_purge_protection"],
			"publicNetworkAccess": r["public_network_access"], "privateEndpointConnections": privateEndpoints(r["private_endpoint_connections"])}
		return out
	})
	s.add("Microsoft.Insights:diagnosticSettings/read", "("+rg+"/providers/Microsoft.KeyVault/vaults/[^/]+)/providers/Microsoft.Insights/diagnosticSettings",
		func(w http.ResponseWriter, req *http.Request, m []string) {
			for _, v := range s.Resources("azure_keyvault_vault") {
				if strings.EqualFold(v.ID(), m[1]) {
					if s.injected(w, "Microsoft.Insights:diagnosticSettings/read", v.ID()) {
						return
					}
					s.page(w, req, diagnosticSettings(v["diagnostic_settings"]), "nextLink")
					return
				}
			}
			writeError(w, http.StatusNotFound, "ResourceNotFound", "vault not found")
		})
}

func unixOrNil(v any) any {
	s, _ := v.(string)
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return nil
	}
	return t.Unix()
}

func (s *Server) vaultHandler(v snapshot.Resource) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Method != http.MethodGet {
			writeError(w, http.StatusMethodNotAllowed, "MethodNotAllowed", "the fake serves GET only")
			return
		}
		if !strings.HasPrefix(req.Header.Get("Authorization"), "Bearer ") {
			s.challenges.Add(1)
			w.Header().Set("WWW-Authenticate", `Bearer authorization="https://login.microsoftonline.com/`+s.tenantID()+`", resource="https://vault.azure.net"`)
			writeError(w, http.StatusUnauthorized, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.")
			return
		}
		uri := s.vaultURIs[v.ID()]
		var op string
		var serve func()
		switch {
		case req.URL.Path == "/keys":
			op = "keyvault:keys/list"
			serve = func() {
				var items []any
				for _, x := range list(v["keys"]) {
					k := obj(x)
					items = append(items, map[string]any{"kid": uri + "keys/" + k["name"].(string),
						"attributes": map[string]any{"enabled": k["enabled"], "exp": unixOrNil(k["expires"]), "recoveryLevel": "Recoverable"}})
				}
				s.page(w, req, items, "nextLink")
			}
		case strings.HasPrefix(req.URL.Path, "/keys/") && strings.HasSuffix(req.URL.Path, "/rotationpolicy"):
			op = "keyvault:keys/rotationpolicy"
			name := strings.TrimSuffix(strings.TrimPrefix(req.URL.Path, "/keys/"), "/rotationpolicy")
			serve = func() {
				for _, x := range list(v["keys"]) {
					k := obj(x)
					if k["name"] != name {
						continue
					}
					actions := []any{map[string]any{"trigger": map[string]any{"timeBeforeExpiry": "P30D"}, "action": map[string]any{"type": "Notify"}}}
					if k["auto_rotate"] == true {
						actions = append(actions, map[string]any{"trigger": map[string]any{"timeAfterCreate": "P90D"}, "action": map[string]any{"type": "Rotate"}})
					}
					writeJSON(w, map[string]any{"id": uri + "keys/" + name + "/rotationpolicy", "lifetimeActions": actions})
					return
				}
				writeError(w, http.StatusNotFound, "KeyNotFound", "A key with (name/id) "+name+" was not found in this key vault.")
			}
		case req.URL.Path == "/secrets":
			op = "keyvault:secrets/list"
			serve = func() {
				var items []any
				for _, x := range list(v["secrets"]) {
					sec := obj(x)
					item := map[string]any{"id": uri + "secrets/" + sec["name"].(string),
						"attributes": map[string]any{"enabled": sec["enabled"], "exp": unixOrNil(sec["expires"])}}
					if sec["managed"] == true {
						item["managed"] = true
						item["contentType"] = "application/x-pkcs12"
					}
					items = append(items, item)
				}
				s.page(w, req, items, "nextLink")
			}
		default:
			writeError(w, http.StatusNotFound, "NotFound", "the fake vault does not serve "+req.URL.Path)
			return
		}
		throttled, ok := s.Begin(req.Context(), op)
		if !ok {
			return
		}
		if throttled {
			w.Header().Set("Retry-After-Ms", "1")
			writeError(w, http.StatusTooManyRequests, "Throttled", "Operations per second is over the limit.")
			return
		}
		if op != "keyvault:keys/rotationpolicy" && s.injected(w, op, v.ID()) {
			return
		}
		serve()
	})
}

// tenantID is the seed's tenant.
func (s *Server) tenantID() string {
	if ts := s.Resources("azure_tenant"); len(ts) > 0 {
		return str(ts[0], "tenant_id")
	}
	return "common"
}

// Challenges is the number of unauthenticated data-plane requests answered with Key Vault's 401
// challenge.
func (s *Server) Challenges() int64 { return s.challenges.Load() }
