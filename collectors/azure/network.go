package azure

import (
	"context"
	"strings"
	"sync"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

const networkAPI = "2024-01-01"

var (
	opNSGsRead         = registerARM("Microsoft.Network", "networkSecurityGroups/read", "/subscriptions/[^/]+/providers/Microsoft.Network/networkSecurityGroups")
	opWatchersRead     = registerARM("Microsoft.Network", "networkWatchers/read", "/subscriptions/[^/]+/providers/Microsoft.Network/networkWatchers")
	opFlowLogsRead     = registerARM("Microsoft.Network", "networkWatchers/flowLogs/read", "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.Network/networkWatchers/[^/]+/flowLogs")
	opLocationsRead    = registerARM("Microsoft.Resources", "subscriptions/locations/read", "/subscriptions/[^/]+/locations")
	opResourcesRead    = registerARM("Microsoft.Resources", "subscriptions/resources/read", "/subscriptions/[^/]+/resources")
	opBastionHostsRead = registerARM("Microsoft.Network", "bastionHosts/read", "/subscriptions/[^/]+/providers/Microsoft.Network/bastionHosts")
)

func init() {
	services.Register(collection.Service[*run]{Name: "network", Global: true,
		Owns: []string{"azure_network_security_group", "azure_region", "azure_subscription.bastion_hosts"}, New: newNetwork})
}

// networkService collects network security groups with the flow logs that target them, and one
// azure_region per location of the subscription with its resource count and Network Watchers.
// The lists run in parallel; Finish joins them.
type networkService struct {
	r *run

	mu        sync.Mutex
	nsgs      []snapshot.Resource
	locations []string
	locOK     bool
	counts    map[string]int
	countsOK  bool
	watchers  map[string][]any // by location
	watchOK   bool
	flowLogs  map[string][]any // by target NSG id (lower case)
	flowFail  map[string]bool  // locations whose flow logs could not be read
}

func newNetwork(r *run, _ *collection.Unit) collection.Starter {
	return &networkService{r: r, counts: map[string]int{}, watchers: map[string][]any{}, flowLogs: map[string][]any{}, flowFail: map[string]bool{}}
}

// Start implements collection.Starter.
func (s *networkService) Start(u *collection.Unit) {
	u.Go(s.securityGroups)
	u.Go(s.listLocations)
	u.Go(s.resourceCounts)
	u.Go(func(ctx context.Context) { s.networkWatchers(ctx, u) })
	u.Go(func(ctx context.Context) {
		subList(ctx, s.r, opBastionHostsRead, "bastion_hosts", "/providers/Microsoft.Network/bastionHosts?api-version="+networkAPI, func(b armID) any { return b.ID })
	})
}

type armSecurityRule struct {
	Name       string `json:"name"`
	Properties struct {
		Priority              int      `json:"priority"`
		Direction             string   `json:"direction"`
		Access                string   `json:"access"`
		Protocol              string   `json:"protocol"`
		SourceAddressPrefix   string   `json:"sourceAddressPrefix"`
		SourceAddressPrefixes []string `json:"sourceAddressPrefixes"`
		DestinationPortRange  string   `json:"destinationPortRange"`
		DestinationPortRanges []string `json:"destinationPortRanges"`
	} `json:"properties"`
}

func (s *networkService) securityGroups(ctx context.Context) {
	s.r.Call(ctx, opNSGsRead, collection.ListTarget("azure_network_security_group", ""), func(ctx context.Context) error {
		list, err := listAll[struct {
			armResource
			Properties struct {
				SecurityRules []armSecurityRule `json:"securityRules"`
			} `json:"properties"`
		}](ctx, s.r.arm, s.r.subscriptionPath()+"/providers/Microsoft.Network/networkSecurityGroups?api-version="+networkAPI)
		if err != nil {
			return err
		}
		for _, g := range list {
			res := g.base()
			rules := []any{}
			for _, rule := range g.Properties.SecurityRules {
				p := rule.Properties
				rules = append(rules, map[string]any{"name": rule.Name, "priority": p.Priority, "direction": p.Direction, "access": p.Access,
					"protocol": p.Protocol, "source_address_prefixes": joined(p.SourceAddressPrefix, p.SourceAddressPrefixes),
					"destination_port_ranges": joined(p.DestinationPortRange, p.DestinationPortRanges)})
			}
			res["security_rules"], res["flow_logs"] = rules, nil
			s.r.Add("azure_network_security_group", res)
			s.mu.Lock()
			s.nsgs = append(s.nsgs, res)
			s.mu.Unlock()
		}
		return nil
	})
}

// joined merges ARM's singular and plural forms of a rule field.
func joined(one string, many []string) []any {
	out := []any{}
	if one != "" {
		out = append(out, one)
	}
	return append(out, stringList(many)...)
}

func (s *networkService) listLocations(ctx context.Context) {
	s.r.Call(ctx, opLocationsRead, collection.ListTarget("azure_region", ""), func(ctx context.Context) error {
		list, err := listAll[struct {
			Name string `json:"name"`
		}](ctx, s.r.arm, s.r.subscriptionPath()+"/locations?api-version="+subscriptionsAPI)
		if err != nil {
			return err
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, l := range list {
			s.locations = append(s.locations, l.Name)
		}
		s.locOK = true
		return nil
	})
}

func (s *networkService) resourceCounts(ctx context.Context) {
	t := collection.Target{Type: "azure_region", Attrs: []string{"resource_count"}}
	s.r.Call(ctx, opResourcesRead, t, func(ctx context.Context) error {
		counts := map[string]int{}
		err := s.r.arm.list(ctx, s.r.subscriptionPath()+"/resources?api-version=2021-04-01&$select=location", func(raw []byte) error {
			var res armResource
			if err := jsonUnmarshal(raw, &res); err != nil {
				return err
			}
			counts[res.base().Region()]++
			return nil
		})
		if err != nil {
			return err
		}
		s.mu.Lock()
		s.counts, s.countsOK = counts, true
		s.mu.Unlock()
		return nil
	})
}

func (s *networkService) networkWatchers(ctx context.Context, u *collection.Unit) {
	t := collection.Target{Type: "azure_region", Attrs: []string{"network_watchers"}}
	ok := s.r.Call(ctx, opWatchersRead, t, func(ctx context.Context) error {
		list, err := listAll[struct {
			armResource
			Properties struct {
				ProvisioningState string `json:"provisioningState"`
			} `json:"properties"`
		}](ctx, s.r.arm, s.r.subscriptionPath()+"/providers/Microsoft.Network/networkWatchers?api-version="+networkAPI)
		if err != nil {
			return err
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		s.watchOK = true
		for _, w := range list {
			region := w.base().Region()
			s.watchers[region] = append(s.watchers[region], map[string]any{"id": w.ID, "provisioning_state": w.Properties.ProvisioningState})
			u.Go(func(ctx context.Context) { s.watcherFlowLogs(ctx, w.ID, region) })
		}
		return nil
	})
	if !ok {
		// Without the watchers no flow log can be listed.
		s.r.AddError(snapshot.CollectionError{ResourceType: "azure_network_security_group", Operation: opWatchersRead.Name(),
			Code: "NotCollected", Message: "the Network Watchers could not be listed, so neither could their flow logs", Attributes: []string{"flow_logs"}})
	}
}

type armFlowLog struct {
	ID         string `json:"id"`
	Properties struct {
		TargetResourceID string `json:"targetResourceId"`
		Enabled          bool   `json:"enabled"`
		RetentionPolicy  struct {
			Enabled bool `json:"enabled"`
			Days    int  `json:"days"`
		} `json:"retentionPolicy"`
		FlowAnalyticsConfiguration struct {
			NetworkWatcherFlowAnalyticsConfiguration struct {
				Enabled             bool    `json:"enabled"`
				WorkspaceResourceID *string `json:"workspaceResourceId"`
			} `json:"networkWatcherFlowAnalyticsConfiguration"`
		} `json:"flowAnalyticsConfiguration"`
	} `json:"properties"`
}

func (s *networkService) watcherFlowLogs(ctx context.Context, watcherID, region string) {
	t := collection.Target{Type: "azure_network_security_group", Region: region, Attrs: []string{"flow_logs"}}
	ok := s.r.Call(ctx, opFlowLogsRead, t, func(ctx context.Context) error {
		list, err := listAll[armFlowLog](ctx, s.r.arm, watcherID+"/flowLogs?api-version="+networkAPI)
		if err != nil {
			return err
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, f := range list {
			p := f.Properties
			ta := p.FlowAnalyticsConfiguration.NetworkWatcherFlowAnalyticsConfiguration
			key := strings.ToLower(p.TargetResourceID)
			s.flowLogs[key] = append(s.flowLogs[key], map[string]any{"id": f.ID, "enabled": p.Enabled,
				"retention_enabled": p.RetentionPolicy.Enabled, "retention_days": p.RetentionPolicy.Days,
				"traffic_analytics_enabled": ta.Enabled, "workspace_id": strOrNil(ta.WorkspaceResourceID)})
		}
		return nil
	})
	if !ok {
		s.mu.Lock()
		s.flowFail[region] = true
		s.mu.Unlock()
	}
}

// Finish joins the flow logs to their groups and writes the regions.
func (s *networkService) Finish() {
	if s.watchOK {
		for _, g := range s.nsgs {
			if s.flowFail[g.Region()] {
				continue
			}
			logs := s.flowLogs[strings.ToLower(g.ID())]
			if logs == nil {
				logs = []any{}
			}
			g["flow_logs"] = logs
		}
	}
	if !s.locOK {
		return
	}
	for _, loc := range s.locations {
		res := snapshot.Resource{"id": s.r.subscriptionPath() + "/locations/" + loc, "name": loc, "region": loc, "tags": map[string]string{},
			"resource_count": nil, "network_watchers": nil}
		if s.countsOK {
			res["resource_count"] = s.counts[loc]
		}
		if s.watchOK {
			w := s.watchers[loc]
			if w == nil {
				w = []any{}
			}
			res["network_watchers"] = w
		}
		s.r.Add("azure_region", res)
	}
}
