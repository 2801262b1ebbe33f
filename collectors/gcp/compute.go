package gcp

import (
	"context"
	"sort"

	compute "google.golang.org/api/compute/v1"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

var (
	opComputeProjectsGet        = register("compute", "projects.get", "compute.projects.get", computeHost, "GET", "/compute/v1/projects/{p}")
	opNetworksList              = register("compute", "networks.list", "compute.networks.list", computeHost, "GET", "/compute/v1/projects/{p}/global/networks")
	opSubnetworksAggregated     = register("compute", "subnetworks.aggregatedList", "compute.subnetworks.list", computeHost, "GET", "/compute/v1/projects/{p}/aggregated/subnetworks")
	opFirewallsList             = register("compute", "firewalls.list", "compute.firewalls.list", computeHost, "GET", "/compute/v1/projects/{p}/global/firewalls")
	opBackendServicesAggr       = register("compute", "backendServices.aggregatedList", "compute.backendServices.list", computeHost, "GET", "/compute/v1/projects/{p}/aggregated/backendServices")
	opTargetHTTPSProxiesAggr    = register("compute", "targetHttpsProxies.aggregatedList", "compute.targetHttpsProxies.list", computeHost, "GET", "/compute/v1/projects/{p}/aggregated/targetHttpsProxies")
	opTargetSSLProxiesList      = register("compute", "targetSslProxies.list", "compute.targetSslProxies.list", computeHost, "GET", "/compute/v1/projects/{p}/global/targetSslProxies")
	opSSLPoliciesAggr           = register("compute", "sslPolicies.aggregatedList", "compute.sslPolicies.list", computeHost, "GET", "/compute/v1/projects/{p}/aggregated/sslPolicies")
	opInstancesAggr             = register("compute", "instances.aggregatedList", "compute.instances.list", computeHost, "GET", "/compute/v1/projects/{p}/aggregated/instances")
	opDisksAggr                 = register("compute", "disks.aggregatedList", "compute.disks.list", computeHost, "GET", "/compute/v1/projects/{p}/aggregated/disks")
	computeMetadataSecurityKeys = map[string]bool{"enable-oslogin": true, "enable-oslogin-2fa": true, "block-project-ssh-keys": true, "serial-port-enable": true, "serial-port-logging-enable": true}
)

func init() {
	services.Register(collection.Service[*run]{Name: "compute", Global: true,
		Owns: []string{"gcp_project.compute_metadata", "gcp_project.compute_metadata_keys", "gcp_compute_network", "gcp_compute_subnetwork",
			"gcp_compute_firewall", "gcp_compute_backend_service", "gcp_compute_target_proxy", "gcp_compute_ssl_policy",
			"gcp_compute_instance", "gcp_compute_disk"},
		New: newCompute})
}

type computeService struct {
	r   *run
	cli *compute.Service
	err error
}

func newCompute(r *run, u *collection.Unit) collection.Starter {
	cli, err := compute.NewService(context.Background(), r.clientOptions("https://"+computeHost+"/compute/v1/")...)
	return &computeService{r: r, cli: cli, err: err}
}

// Start lists everything with one call per kind: aggregated lists cover every region and zone.
func (s *computeService) Start(u *collection.Unit) {
	for _, f := range []func(context.Context){s.projectMetadata, s.networks, s.subnetworks, s.firewalls, s.backendServices,
		s.httpsProxies, s.sslProxies, s.sslPolicies, s.instances, s.disks} {
		u.Go(f)
	}
}

func (s *computeService) list(ctx context.Context, op *collection.Operation, typ string, fn func(ctx context.Context) error) {
	s.r.Call(ctx, op, collection.ListTarget(typ, snapshot.GlobalRegion), func(ctx context.Context) error {
		if s.err != nil {
			return s.err
		}
		return fn(ctx)
	})
}

func (s *computeService) id(path string) string {
	return "//compute.googleapis.com/projects/" + s.r.projectID + "/" + path
}

// securityMetadata keeps only the security flags of a metadata set, and the names of all its
// items (values such as startup scripts may hold secrets).
func securityMetadata(m *compute.Metadata) (map[string]string, []string) {
	flags, keys := map[string]string{}, []string{}
	if m == nil {
		return flags, keys
	}
	for _, it := range m.Items {
		keys = append(keys, it.Key)
		if computeMetadataSecurityKeys[it.Key] && it.Value != nil {
			flags[it.Key] = *it.Value
		}
	}
	sort.Strings(keys)
	return flags, keys
}

func (s *computeService) projectMetadata(ctx context.Context) {
	s.r.Call(ctx, opComputeProjectsGet, s.r.projectTarget("compute_metadata", "compute_metadata_keys"), func(ctx context.Context) error {
		if s.err != nil {
			return s.err
		}
		p, err := s.cli.Projects.Get(s.r.projectID).Context(ctx).Do()
		if err != nil {
			return err
		}
		flags, keys := securityMetadata(p.CommonInstanceMetadata)
		s.r.Set(s.r.project, "compute_metadata", flags)
		s.r.Set(s.r.project, "compute_metadata_keys", keys)
		return nil
	})
}

func (s *computeService) networks(ctx context.Context) {
	s.list(ctx, opNetworksList, "gcp_compute_network", func(ctx context.Context) error {
		return s.cli.Networks.List(s.r.projectID).Pages(ctx, func(p *compute.NetworkList) error {
			for _, n := range p.Items {
				mode := "custom"
				switch {
				case n.IPv4Range != "":
					mode = "legacy"
				case n.AutoCreateSubnetworks:
					mode = "auto"
				}
				s.r.Add("gcp_compute_network", snapshot.Resource{"id": s.id("global/networks/" + n.Name), "name": n.Name,
					"region": snapshot.GlobalRegion, "tags": map[string]string{}, "self_link": n.SelfLink, "subnet_mode": mode})
			}
			return nil
		})
	})
}

func (s *computeService) subnetworks(ctx context.Context) {
	s.list(ctx, opSubnetworksAggregated, "gcp_compute_subnetwork", func(ctx context.Context) error {
		return s.cli.Subnetworks.AggregatedList(s.r.projectID).Pages(ctx, func(p *compute.SubnetworkAggregatedList) error {
			for _, scoped := range p.Items {
				for _, n := range scoped.Subnetworks {
					region := last(n.Region)
					flow := map[string]any{"enable": false, "aggregation_interval": nil, "flow_sampling": nil, "metadata": nil, "filter_expr": nil}
					if c := n.LogConfig; c != nil && c.Enable {
						flow = map[string]any{"enable": true, "aggregation_interval": c.AggregationInterval, "flow_sampling": c.FlowSampling,
							"metadata": c.Metadata, "filter_expr": c.FilterExpr}
					}
					purpose := n.Purpose
					if purpose == "" {
						purpose = "PRIVATE"
					}
					s.r.Add("gcp_compute_subnetwork", snapshot.Resource{"id": s.id("regions/" + region + "/subnetworks/" + n.Name), "name": n.Name,
						"region": region, "tags": map[string]string{}, "network": n.Network, "ip_cidr_range": n.IpCidrRange,
						"purpose": purpose, "flow_logs": flow})
				}
			}
			return nil
		})
	})
}

func rules(protos []string, ports [][]string) []any {
	out := []any{}
	for i := range protos {
		out = append(out, map[string]any{"ip_protocol": protos[i], "ports": strs(ports[i])})
	}
	return out
}

func (s *computeService) firewalls(ctx context.Context) {
	s.list(ctx, opFirewallsList, "gcp_compute_firewall", func(ctx context.Context) error {
		return s.cli.Firewalls.List(s.r.projectID).Pages(ctx, func(p *compute.FirewallList) error {
			for _, f := range p.Items {
				var ap, dp []string
				var aports, dports [][]string
				for _, a := range f.Allowed {
					ap, aports = append(ap, a.IPProtocol), append(aports, a.Ports)
				}
				for _, d := range f.Denied {
					dp, dports = append(dp, d.IPProtocol), append(dports, d.Ports)
				}
				s.r.Add("gcp_compute_firewall", snapshot.Resource{"id": s.id("global/firewalls/" + f.Name), "name": f.Name,
					"region": snapshot.GlobalRegion, "tags": map[string]string{}, "network": f.Network, "direction": f.Direction,
					"priority": f.Priority, "disabled": f.Disabled, "source_ranges": strs(f.SourceRanges),
					"allowed": rules(ap, aports), "denied": rules(dp, dports), "target_tags": strs(f.TargetTags),
					"target_service_accounts": strs(f.TargetServiceAccounts)})
			}
			return nil
		})
	})
}

// scoped returns the id path prefix and region of a global or regional resource.
func scoped(regionURL string) (prefix, region string) {
	if regionURL == "" {
		return "global/", snapshot.GlobalRegion
	}
	r := last(regionURL)
	return "regions/" + r + "/", r
}

func (s *computeService) backendServices(ctx context.Context) {
	s.list(ctx, opBackendServicesAggr, "gcp_compute_backend_service", func(ctx context.Context) error {
		return s.cli.BackendServices.AggregatedList(s.r.projectID).Pages(ctx, func(p *compute.BackendServiceAggregatedList) error {
			for _, scopedList := range p.Items {
				for _, b := range scopedList.BackendServices {
					prefix, region := scoped(b.Region)
					s.r.Add("gcp_compute_backend_service", snapshot.Resource{"id": s.id(prefix + "backendServices/" + b.Name), "name": b.Name,
						"region": region, "tags": map[string]string{}, "protocol": b.Protocol, "load_balancing_scheme": b.LoadBalancingScheme,
						"logging_enabled": b.LogConfig != nil && b.LogConfig.Enable})
				}
			}
			return nil
		})
	})
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (s *computeService) httpsProxies(ctx context.Context) {
	s.list(ctx, opTargetHTTPSProxiesAggr, "gcp_compute_target_proxy", func(ctx context.Context) error {
		return s.cli.TargetHttpsProxies.AggregatedList(s.r.projectID).Pages(ctx, func(p *compute.TargetHttpsProxyAggregatedList) error {
			for _, scopedList := range p.Items {
				for _, t := range scopedList.TargetHttpsProxies {
					prefix, region := scoped(t.Region)
					s.r.Add("gcp_compute_target_proxy", snapshot.Resource{"id": s.id(prefix + "targetHttpsProxies/" + t.Name), "name": t.Name,
						"region": region, "tags": map[string]string{}, "proxy_type": "https", "ssl_policy": nullable(t.SslPolicy)})
				}
			}
			return nil
		})
	})
}

func (s *computeService) sslProxies(ctx context.Context) {
	s.list(ctx, opTargetSSLProxiesList, "gcp_compute_target_proxy", func(ctx context.Context) error {
		return s.cli.TargetSslProxies.List(s.r.projectID).Pages(ctx, func(p *compute.TargetSslProxyList) error {
			for _, t := range p.Items {
				s.r.Add("gcp_compute_target_proxy", snapshot.Resource{"id": s.id("global/targetSslProxies/" + t.Name), "name": t.Name,
					"region": snapshot.GlobalRegion, "tags": map[string]string{}, "proxy_type": "ssl", "ssl_policy": nullable(t.SslPolicy)})
			}
			return nil
		})
	})
}

func (s *computeService) sslPolicies(ctx context.Context) {
	s.list(ctx, opSSLPoliciesAggr, "gcp_compute_ssl_policy", func(ctx context.Context) error {
		return s.cli.SslPolicies.AggregatedList(s.r.projectID).Pages(ctx, func(p *compute.SslPoliciesAggregatedList) error {
			for _, scopedList := range p.Items {
				for _, pol := range scopedList.SslPolicies {
					prefix, region := scoped(pol.Region)
					s.r.Add("gcp_compute_ssl_policy", snapshot.Resource{"id": s.id(prefix + "sslPolicies/" + pol.Name), "name": pol.Name,
						"region": region, "tags": map[string]string{}, "self_link": pol.SelfLink, "profile": pol.Profile,
						"min_tls_version": pol.MinTlsVersion, "enabled_features": strs(pol.EnabledFeatures)})
				}
			}
			return nil
		})
	})
}

// regionOfZone is the region of a zone (europe-west1-b -> europe-west1).
func regionOfZone(zone string) string {
	for i := len(zone) - 1; i >= 0; i-- {
		if zone[i] == '-' {
			return zone[:i]
		}
	}
	return zone
}

func (s *computeService) instances(ctx context.Context) {
	s.list(ctx, opInstancesAggr, "gcp_compute_instance", func(ctx context.Context) error {
		return s.cli.Instances.AggregatedList(s.r.projectID).Pages(ctx, func(p *compute.InstanceAggregatedList) error {
			for _, scopedList := range p.Items {
				for _, in := range scopedList.Instances {
					zone := last(in.Zone)
					sas := []any{}
					for _, sa := range in.ServiceAccounts {
						sas = append(sas, map[string]any{"email": sa.Email, "scopes": strs(sa.Scopes)})
					}
					flags, keys := securityMetadata(in.Metadata)
					shielded := map[string]any{"enable_secure_boot": false, "enable_vtpm": false, "enable_integrity_monitoring": false}
					if c := in.ShieldedInstanceConfig; c != nil {
						shielded = map[string]any{"enable_secure_boot": c.EnableSecureBoot, "enable_vtpm": c.EnableVtpm, "enable_integrity_monitoring": c.EnableIntegrityMonitoring}
					}
					nics := []any{}
					for _, n := range in.NetworkInterfaces {
						acs, v6 := []any{}, []any{}
						for _, a := range n.AccessConfigs {
							acs = append(acs, map[string]any{"name": a.Name, "nat_ip": nullable(a.NatIP)})
						}
						for _, a := range n.Ipv6AccessConfigs {
							v6 = append(v6, map[string]any{"name": a.Name, "external_ipv6": nullable(a.ExternalIpv6)})
						}
						nics = append(nics, map[string]any{"network": n.Network, "subnetwork": n.Subnetwork, "access_configs": acs, "ipv6_access_configs": v6})
					}
					s.r.Add("gcp_compute_instance", snapshot.Resource{"id": s.id("zones/" + zone + "/instances/" + in.Name), "name": in.Name,
						"region": regionOfZone(zone), "tags": labels(in.Labels), "zone": zone, "status": in.Status,
						"machine_type": last(in.MachineType), "service_accounts": sas, "metadata": flags, "metadata_keys": keys,
						"can_ip_forward": in.CanIpForward, "shielded_instance_config": shielded,
						"confidential_compute": in.ConfidentialInstanceConfig != nil && in.ConfidentialInstanceConfig.EnableConfidentialCompute,
						"network_interfaces":   nics})
				}
			}
			return nil
		})
	})
}

func (s *computeService) disks(ctx context.Context) {
	s.list(ctx, opDisksAggr, "gcp_compute_disk", func(ctx context.Context) error {
		return s.cli.Disks.AggregatedList(s.r.projectID).Pages(ctx, func(p *compute.DiskAggregatedList) error {
			for _, scopedList := range p.Items {
				for _, d := range scopedList.Disks {
					enc, kms := "google-managed", any(nil)
					if k := d.DiskEncryptionKey; k != nil {
						switch {
						case k.Sha256 != "":
							enc = "customer-supplied"
						case k.KmsKeyName != "":
							enc, kms = "customer-managed", k.KmsKeyName
						}
					}
					var id, region string
					var zone any
					if d.Zone != "" {
						z := last(d.Zone)
						id, region, zone = s.id("zones/"+z+"/disks/"+d.Name), regionOfZone(z), z
					} else {
						region = last(d.Region)
						id = s.id("regions/" + region + "/disks/" + d.Name)
					}
					s.r.Add("gcp_compute_disk", snapshot.Resource{"id": id, "name": d.Name, "region": region, "tags": labels(d.Labels),
						"zone": zone, "encryption": enc, "kms_key_name": kms, "users": strs(d.Users)})
				}
			}
			return nil
		})
	})
}
