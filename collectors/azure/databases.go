package azure

import (
	"context"
	"net/url"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

var (
	opPostgresServersRead = registerARM("Microsoft.DBforPostgreSQL", "flexibleServers/read", "/subscriptions/[^/]+/providers/Microsoft.DBforPostgreSQL/flexibleServers")
	opPostgresConfigRead  = registerARM("Microsoft.DBforPostgreSQL", "flexibleServers/configurations/read", "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.DBforPostgreSQL/flexibleServers/[^/]+/configurations/[^/]+")
	opPostgresFWRead      = registerARM("Microsoft.DBforPostgreSQL", "flexibleServers/firewallRules/read", "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.DBforPostgreSQL/flexibleServers/[^/]+/firewallRules")
	// Single servers ([LEGACY], retired by Microsoft): the CIS 5.2.6-5.2.8 controls.
	opPostgresSingleRead       = registerARM("Microsoft.DBforPostgreSQL", "servers/read", "/subscriptions/[^/]+/providers/Microsoft.DBforPostgreSQL/servers")
	opPostgresSingleConfigRead = registerARM("Microsoft.DBforPostgreSQL", "servers/configurations/read", "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.DBforPostgreSQL/servers/[^/]+/configurations/[^/]+")
	opMySQLServersRead         = registerARM("Microsoft.DBforMySQL", "flexibleServers/read", "/subscriptions/[^/]+/providers/Microsoft.DBforMySQL/flexibleServers")
	opMySQLConfigRead          = registerARM("Microsoft.DBforMySQL", "flexibleServers/configurations/read", "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.DBforMySQL/flexibleServers/[^/]+/configurations/[^/]+")
)

const (
	postgresAPI = "2024-08-01"
	// postgresSingleAPI is the single-server API's last stable version.
	postgresSingleAPI = "2017-12-01"
	mysqlAPI          = "2023-12-30"
)

// postgresParameters and mysqlParameters are the server parameters the CIS controls name.
var (
	postgresParameters = []string{"require_secure_transport", "log_checkpoints", "connection_throttle.enable", "logfiles.retention_days"}
	mysqlParameters    = []string{"require_secure_transport", "tls_version", "audit_log_enabled", "audit_log_events"}
	// postgresSingleParameters are the single-server parameters of CIS 5.2.6 and 5.2.7.
	postgresSingleParameters = []string{"log_connections", "log_disconnections"}
)

func init() {
	services.Register(collection.Service[*run]{Name: "postgresql", Global: true,
		Owns: []string{"azure_postgresql_flexible_server", "azure_postgresql_server"}, New: newPostgres})
	services.Register(collection.Service[*run]{Name: "mysql", Global: true,
		Owns: []string{"azure_mysql_flexible_server"}, New: newMySQL})
}

type armFlexibleServer struct {
	armResource
	Properties struct {
		Version string `json:"version"`
		Network struct {
			PublicNetworkAccess *string `json:"publicNetworkAccess"`
		} `json:"network"`
	} `json:"properties"`
}

type armConfiguration struct {
	Properties struct {
		Value string `json:"value"`
	} `json:"properties"`
}

// parameters reads the named configurations of a flexible or single server, one GET each, in one call.
func parameters(ctx context.Context, r *run, op *collection.Operation, typ string, res snapshot.Resource, names []string, api string) {
	t := collection.Target{Type: typ, ID: r.ID(res), Region: r.Region(res), Attrs: []string{"parameters"}}
	r.Call(ctx, op, t, func(ctx context.Context) error {
		out := map[string]any{}
		for _, n := range names {
			var c armConfiguration
			if err := r.arm.get(ctx, r.ID(res)+"/configurations/"+url.PathEscape(n)+"?api-version="+api, &c); err != nil {
				return err
			}
			out[n] = c.Properties.Value
		}
		r.Set(res, "parameters", out)
		return nil
	})
}

// armSingleServer is a PostgreSQL single server (Microsoft.DBforPostgreSQL/servers).
type armSingleServer struct {
	armResource
	Properties struct {
		Version                  string  `json:"version"`
		InfrastructureEncryption *string `json:"infrastructureEncryption"`
	} `json:"properties"`
}

// postgresService collects PostgreSQL flexible servers, their CIS parameters and firewall rules,
// and the remaining single servers with their CIS parameters.
type postgresService struct{ r *run }

func newPostgres(r *run, _ *collection.Unit) collection.Starter { return &postgresService{r: r} }

// Start implements collection.Starter.
func (s *postgresService) Start(u *collection.Unit) {
	u.Go(func(ctx context.Context) {
		listARM(ctx, s.r, u, opPostgresServersRead, "azure_postgresql_flexible_server",
			"/providers/Microsoft.DBforPostgreSQL/flexibleServers?api-version="+postgresAPI,
			func(srv armFlexibleServer) snapshot.Resource {
				res := srv.base()
				res["version"] = srv.Properties.Version
				res["public_network_access"] = strOr(srv.Properties.Network.PublicNetworkAccess, "Enabled")
				res["parameters"], res["firewall_rules"] = nil, nil
				return res
			},
			func(res snapshot.Resource) {
				u.Go(func(ctx context.Context) {
					parameters(ctx, s.r, opPostgresConfigRead, "azure_postgresql_flexible_server", res, postgresParameters, postgresAPI)
				})
				u.Go(func(ctx context.Context) { s.firewall(ctx, res) })
			})
	})
	u.Go(func(ctx context.Context) {
		listARM(ctx, s.r, u, opPostgresSingleRead, "azure_postgresql_server",
			"/providers/Microsoft.DBforPostgreSQL/servers?api-version="+postgresSingleAPI,
			func(srv armSingleServer) snapshot.Resource {
				res := srv.base()
				res["version"] = srv.Properties.Version
				// Servers created before the option existed omit it: they have no second layer.
				res["infrastructure_encryption"] = strOr(srv.Properties.InfrastructureEncryption, "Disabled")
				res["parameters"] = nil
				return res
			},
			func(res snapshot.Resource) {
				u.Go(func(ctx context.Context) {
					parameters(ctx, s.r, opPostgresSingleConfigRead, "azure_postgresql_server", res, postgresSingleParameters, postgresSingleAPI)
				})
			})
	})
}

type armFirewallRule struct {
	Name       string `json:"name"`
	Properties struct {
		StartIPAddress string `json:"startIpAddress"`
		EndIPAddress   string `json:"endIpAddress"`
	} `json:"properties"`
}

func (s *postgresService) firewall(ctx context.Context, res snapshot.Resource) {
	t := collection.Target{Type: "azure_postgresql_flexible_server", ID: s.r.ID(res), Region: s.r.Region(res), Attrs: []string{"firewall_rules"}}
	s.r.Call(ctx, opPostgresFWRead, t, func(ctx context.Context) error {
		rules, err := listAll[armFirewallRule](ctx, s.r.arm, s.r.ID(res)+"/firewallRules?api-version="+postgresAPI)
		if err != nil {
			return err
		}
		s.r.Set(res, "firewall_rules", firewallRules(rules))
		return nil
	})
}

func firewallRules(rules []armFirewallRule) []any {
	out := []any{}
	for _, f := range rules {
		out = append(out, map[string]any{"name": f.Name, "start_ip_address": f.Properties.StartIPAddress, "end_ip_address": f.Properties.EndIPAddress})
	}
	return out
}

// mysqlService collects MySQL flexible servers and their CIS parameters.
type mysqlService struct{ r *run }

func newMySQL(r *run, _ *collection.Unit) collection.Starter { return &mysqlService{r: r} }

// Start implements collection.Starter.
func (s *mysqlService) Start(u *collection.Unit) {
	u.Go(func(ctx context.Context) {
		listARM(ctx, s.r, u, opMySQLServersRead, "azure_mysql_flexible_server",
			"/providers/Microsoft.DBforMySQL/flexibleServers?api-version="+mysqlAPI,
			func(srv armFlexibleServer) snapshot.Resource {
				res := srv.base()
				res["version"] = srv.Properties.Version
				res["parameters"] = nil
				return res
			},
			func(res snapshot.Resource) {
				u.Go(func(ctx context.Context) {
					parameters(ctx, s.r, opMySQLConfigRead, "azure_mysql_flexible_server", res, mysqlParameters, mysqlAPI)
				})
			})
	})
}
