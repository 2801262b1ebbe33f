package gcp

import (
	"context"

	dns "google.golang.org/api/dns/v1"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

const dnsHost = "dns.googleapis.com"

var (
	opManagedZonesList = register("dns", "managedZones.list", "dns.managedZones.list", dnsHost, "GET", "/dns/v1/projects/{p}/managedZones")
	opDNSPoliciesList  = register("dns", "policies.list", "dns.policies.list", dnsHost, "GET", "/dns/v1/projects/{p}/policies")
)

func init() {
	services.Register(collection.Service[*run]{Name: "dns", Global: true,
		Owns: []string{"gcp_dns_managed_zone", "gcp_dns_policy"}, New: newDNS})
}

type dnsService struct {
	r   *run
	cli *dns.Service
	err error
}

func newDNS(r *run, u *collection.Unit) collection.Starter {
	cli, err := dns.NewService(context.Background(), r.clientOptions("https://"+dnsHost+"/")...)
	return &dnsService{r: r, cli: cli, err: err}
}

func (s *dnsService) Start(u *collection.Unit) {
	u.Go(s.zones)
	u.Go(s.policies)
}

func (s *dnsService) zones(ctx context.Context) {
	s.r.Call(ctx, opManagedZonesList, collection.ListTarget("gcp_dns_managed_zone", snapshot.GlobalRegion), func(ctx context.Context) error {
		if s.err != nil {
			return s.err
		}
		return s.cli.ManagedZones.List(s.r.projectID).Pages(ctx, func(p *dns.ManagedZonesListResponse) error {
			for _, z := range p.ManagedZones {
				state, specs := "off", []any{}
				if c := z.DnssecConfig; c != nil {
					if c.State != "" {
						state = c.State
					}
					for _, k := range c.DefaultKeySpecs {
						specs = append(specs, map[string]any{"key_type": k.KeyType, "algorithm": k.Algorithm, "key_length": k.KeyLength})
					}
				}
				visibility := z.Visibility
				if visibility == "" {
					visibility = "public"
				}
				s.r.Add("gcp_dns_managed_zone", snapshot.Resource{
					"id": "//dns.googleapis.com/projects/" + s.r.projectID + "/managedZones/" + z.Name, "name": z.Name,
					"region": snapshot.GlobalRegion, "tags": labels(z.Labels),
					"dns_name": z.DnsName, "visibility": visibility,
					"dnssec": map[string]any{"state": state, "default_key_specs": specs},
				})
			}
			return nil
		})
	})
}

func (s *dnsService) policies(ctx context.Context) {
	s.r.Call(ctx, opDNSPoliciesList, collection.ListTarget("gcp_dns_policy", snapshot.GlobalRegion), func(ctx context.Context) error {
		if s.err != nil {
			return s.err
		}
		return s.cli.Policies.List(s.r.projectID).Pages(ctx, func(p *dns.PoliciesListResponse) error {
			for _, pol := range p.Policies {
				nets := []string{}
				for _, n := range pol.Networks {
					nets = append(nets, n.NetworkUrl)
				}
				s.r.Add("gcp_dns_policy", snapshot.Resource{
					"id": "//dns.googleapis.com/projects/" + s.r.projectID + "/policies/" + pol.Name, "name": pol.Name,
					"region": snapshot.GlobalRegion, "tags": map[string]string{},
					"enable_logging": pol.EnableLogging, "networks": nets,
				})
			}
			return nil
		})
	})
}
