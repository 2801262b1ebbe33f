package gcp

import (
	"context"

	apikeys "google.golang.org/api/apikeys/v2"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

const apiKeysHost = "apikeys.googleapis.com"

// Only keys.list: the key strings (keys.getKeyString) are secrets and never read.
var opAPIKeysList = register("apikeys", "keys.list", "apikeys.keys.list", apiKeysHost, "GET", "/v2/projects/{p}/locations/global/keys")

func init() {
	services.Register(collection.Service[*run]{Name: "apikeys", Global: true,
		Owns: []string{"gcp_apikeys_key"}, New: newAPIKeys})
}

type apiKeysService struct {
	r   *run
	cli *apikeys.Service
	err error
}

func newAPIKeys(r *run, u *collection.Unit) collection.Starter {
	cli, err := apikeys.NewService(context.Background(), r.clientOptions("https://"+apiKeysHost+"/")...)
	return &apiKeysService{r: r, cli: cli, err: err}
}

func (s *apiKeysService) Start(u *collection.Unit) { u.Go(s.keys) }

func (s *apiKeysService) keys(ctx context.Context) {
	s.r.Call(ctx, opAPIKeysList, collection.ListTarget("gcp_apikeys_key", snapshot.GlobalRegion), func(ctx context.Context) error {
		if s.err != nil {
			return s.err
		}
		return s.cli.Projects.Locations.Keys.List("projects/"+s.r.projectID+"/locations/global").Pages(ctx, func(p *apikeys.V2ListKeysResponse) error {
			for _, k := range p.Keys {
				rs := map[string]any{"browser_allowed_referrers": []string{}, "server_allowed_ips": []string{},
					"android_apps": []string{}, "ios_bundle_ids": []string{}, "api_targets": []any{}}
				if r := k.Restrictions; r != nil {
					if r.BrowserKeyRestrictions != nil {
						rs["browser_allowed_referrers"] = strs(r.BrowserKeyRestrictions.AllowedReferrers)
					}
					if r.ServerKeyRestrictions != nil {
						rs["server_allowed_ips"] = strs(r.ServerKeyRestrictions.AllowedIps)
					}
					if r.AndroidKeyRestrictions != nil {
						apps := []string{}
						for _, a := range r.AndroidKeyRestrictions.AllowedApplications {
							apps = append(apps, a.PackageName)
						}
						rs["android_apps"] = apps
					}
					if r.IosKeyRestrictions != nil {
						rs["ios_bundle_ids"] = strs(r.IosKeyRestrictions.AllowedBundleIds)
					}
					targets := []any{}
					for _, t := range r.ApiTargets {
						targets = append(targets, map[string]any{"service": t.Service, "methods": strs(t.Methods)})
					}
					rs["api_targets"] = targets
				}
				s.r.Add("gcp_apikeys_key", snapshot.Resource{
					"id": "//apikeys.googleapis.com/" + k.Name, "name": k.DisplayName, "region": snapshot.GlobalRegion,
					"tags": map[string]string{}, "uid": k.Uid, "create_time": k.CreateTime, "restrictions": rs,
				})
			}
			return nil
		})
	})
}
