package azure

import (
	"context"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

const webAPI = "2023-12-01"

const sitePath = "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.Web/sites/[^/]+"

var (
	opSitesRead      = registerARM("Microsoft.Web", "sites/read", "/subscriptions/[^/]+/providers/Microsoft.Web/sites")
	opSiteConfigRead = registerARM("Microsoft.Web", "sites/config/read", sitePath+"/config/(web|authsettingsV2)")
	// The publishing credentials policies say whether basic authentication is allowed; they do
	// not return credentials.
	opSiteBasicAuthRead = registerARM("Microsoft.Web", "sites/basicPublishingCredentialsPolicies/read", sitePath+"/basicPublishingCredentialsPolicies/(ftp|scm)")
)

var siteConfigAttrs = []string{"ftps_state", "min_tls_version", "http20_enabled", "remote_debugging_enabled", "http_logging_enabled"}

func init() {
	services.Register(collection.Service[*run]{Name: "appservice", Global: true,
		Owns: []string{"azure_appservice_web_app"}, New: newAppService})
}

// appService collects App Service web and function apps: site settings, App Service
// authentication and whether basic publishing authentication is allowed.
type appService struct{ r *run }

func newAppService(r *run, _ *collection.Unit) collection.Starter { return &appService{r: r} }

type armSite struct {
	armResource
	Kind     string `json:"kind"`
	Identity *struct {
		Type string `json:"type"`
	} `json:"identity"`
	Properties struct {
		HTTPSOnly bool `json:"httpsOnly"`
	} `json:"properties"`
}

// Start implements collection.Starter.
func (s *appService) Start(u *collection.Unit) {
	u.Go(func(ctx context.Context) {
		listARM(ctx, s.r, u, opSitesRead, "azure_appservice_web_app", "/providers/Microsoft.Web/sites?api-version="+webAPI,
			func(site armSite) snapshot.Resource {
				res := site.base()
				res["kind"], res["https_only"] = site.Kind, site.Properties.HTTPSOnly
				res["identity_type"] = "None"
				if site.Identity != nil && site.Identity.Type != "" {
					res["identity_type"] = site.Identity.Type
				}
				for _, k := range append(siteConfigAttrs, "auth_enabled", "basic_auth_ftp_allowed", "basic_auth_scm_allowed") {
					res[k] = nil
				}
				return res
			},
			func(res snapshot.Resource) {
				u.Go(func(ctx context.Context) { s.config(ctx, res) })
				u.Go(func(ctx context.Context) { s.auth(ctx, res) })
				for _, kind := range []string{"ftp", "scm"} {
					u.Go(func(ctx context.Context) { s.basicAuth(ctx, res, kind) })
				}
			})
	})
}

func (s *appService) config(ctx context.Context, res snapshot.Resource) {
	followARM(ctx, s.r, opSiteConfigRead, "azure_appservice_web_app", res, "/config/web?api-version="+webAPI, siteConfigAttrs,
		func(c struct {
			Properties struct {
				FTPSState              string `json:"ftpsState"`
				MinTLSVersion          string `json:"minTlsVersion"`
				HTTP20Enabled          bool   `json:"http20Enabled"`
				RemoteDebuggingEnabled bool   `json:"remoteDebuggingEnabled"`
				HTTPLoggingEnabled     bool   `json:"httpLoggingEnabled"`
			} `json:"properties"`
		}) {
			p := c.Properties
			s.r.Set(res, "ftps_state", p.FTPSState)
			s.r.Set(res, "min_tls_version", p.MinTLSVersion)
			s.r.Set(res, "http20_enabled", p.HTTP20Enabled)
			s.r.Set(res, "remote_debugging_enabled", p.RemoteDebuggingEnabled)
			s.r.Set(res, "http_logging_enabled", p.HTTPLoggingEnabled)
		})
}

func (s *appService) auth(ctx context.Context, res snapshot.Resource) {
	followARM(ctx, s.r, opSiteConfigRead, "azure_appservice_web_app", res, "/config/authsettingsV2?api-version="+webAPI, []string{"auth_enabled"},
		func(c struct {
			Properties struct {
				Platform struct {
					Enabled bool `json:"enabled"`
				} `json:"platform"`
			} `json:"properties"`
		}) {
			s.r.Set(res, "auth_enabled", c.Properties.Platform.Enabled)
		})
}

func (s *appService) basicAuth(ctx context.Context, res snapshot.Resource, kind string) {
	attr := "basic_auth_" + kind + "_allowed"
	followARM(ctx, s.r, opSiteBasicAuthRead, "azure_appservice_web_app", res, "/basicPublishingCredentialsPolicies/"+kind+"?api-version="+webAPI, []string{attr},
		func(p struct {
			Properties struct {
				Allow bool `json:"allow"`
			} `json:"properties"`
		}) {
			s.r.Set(res, attr, p.Properties.Allow)
		})
}
