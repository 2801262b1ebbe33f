package azure

import (
	"context"
	"strings"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

const sqlAPI = "2023-08-01"

const sqlServerPath = "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.Sql/servers/[^/]+"

var (
	opSQLServersRead     = registerARM("Microsoft.Sql", "servers/read", "/subscriptions/[^/]+/providers/Microsoft.Sql/servers")
	opSQLAuditingRead    = registerARM("Microsoft.Sql", "servers/auditingSettings/read", sqlServerPath+"/auditingSettings/default")
	opSQLFirewallRead    = registerARM("Microsoft.Sql", "servers/firewallRules/read", sqlServerPath+"/firewallRules")
	opSQLProtectorRead   = registerARM("Microsoft.Sql", "servers/encryptionProtector/read", sqlServerPath+"/encryptionProtector/current")
	opSQLAdminsRead      = registerARM("Microsoft.Sql", "servers/administrators/read", sqlServerPath+"/administrators")
	opSQLDatabasesRead   = registerARM("Microsoft.Sql", "servers/databases/read", sqlServerPath+"/databases")
	opSQLDatabaseTDERead = registerARM("Microsoft.Sql", "servers/databases/transparentDataEncryption/read", sqlServerPath+"/databases/[^/]+/transparentDataEncryption/current")
)

func init() {
	services.Register(collection.Service[*run]{Name: "sql", Global: true,
		Owns: []string{"azure_sql_server", "azure_sql_database"}, New: newSQL})
}

// sqlService collects Azure SQL logical servers (auditing, firewall rules, TDE protector, Entra
// admin) and their databases' transparent data encryption.
type sqlService struct{ r *run }

func newSQL(r *run, _ *collection.Unit) collection.Starter { return &sqlService{r: r} }

// Start implements collection.Starter.
func (s *sqlService) Start(u *collection.Unit) {
	u.Go(func(ctx context.Context) {
		listARM(ctx, s.r, u, opSQLServersRead, "azure_sql_server", "/providers/Microsoft.Sql/servers?api-version="+sqlAPI,
			func(srv struct {
				armResource
				Properties struct {
					PublicNetworkAccess *string `json:"publicNetworkAccess"`
				} `json:"properties"`
			}) snapshot.Resource {
				res := srv.base()
				res["public_network_access"] = strOr(srv.Properties.PublicNetworkAccess, "Enabled")
				for _, k := range []string{"auditing", "firewall_rules", "tde_protector", "entra_admin"} {
					res[k] = nil
				}
				return res
			},
			func(res snapshot.Resource) {
				u.Go(func(ctx context.Context) { s.auditing(ctx, res) })
				u.Go(func(ctx context.Context) { s.firewall(ctx, res) })
				u.Go(func(ctx context.Context) { s.protector(ctx, res) })
				u.Go(func(ctx context.Context) { s.admins(ctx, res) })
				u.Go(func(ctx context.Context) { s.databases(ctx, u, res) })
			})
	})
}

func (s *sqlService) auditing(ctx context.Context, res snapshot.Resource) {
	followARM(ctx, s.r, opSQLAuditingRead, "azure_sql_server", res, "/auditingSettings/default?api-version="+sqlAPI, []string{"auditing"},
		func(a struct {
			Properties struct {
				State                       string  `json:"state"`
				RetentionDays               int     `json:"retentionDays"`
				StorageEndpoint             *string `json:"storageEndpoint"`
				IsAzureMonitorTargetEnabled bool    `json:"isAzureMonitorTargetEnabled"`
			} `json:"properties"`
		}) {
			p := a.Properties
			s.r.Set(res, "auditing", map[string]any{"state": p.State, "retention_days": p.RetentionDays,
				"storage_endpoint": strOrNil(p.StorageEndpoint), "log_analytics": p.IsAzureMonitorTargetEnabled})
		})
}

func (s *sqlService) firewall(ctx context.Context, res snapshot.Resource) {
	t := collection.Target{Type: "azure_sql_server", ID: s.r.ID(res), Region: s.r.Region(res), Attrs: []string{"firewall_rules"}}
	s.r.Call(ctx, opSQLFirewallRead, t, func(ctx context.Context) error {
		rules, err := listAll[armFirewallRule](ctx, s.r.arm, s.r.ID(res)+"/firewallRules?api-version="+sqlAPI)
		if err != nil {
			return err
		}
		s.r.Set(res, "firewall_rules", firewallRules(rules))
		return nil
	})
}

func (s *sqlService) protector(ctx context.Context, res snapshot.Resource) {
	followARM(ctx, s.r, opSQLProtectorRead, "azure_sql_server", res, "/encryptionProtector/current?api-version="+sqlAPI, []string{"tde_protector"},
		func(p struct {
			Properties struct {
				ServerKeyType string `json:"serverKeyType"`
				ServerKeyName string `json:"serverKeyName"`
			} `json:"properties"`
		}) {
			s.r.Set(res, "tde_protector", map[string]any{"server_key_type": p.Properties.ServerKeyType, "server_key_name": p.Properties.ServerKeyName})
		})
}

type armSQLAdmin struct {
	Properties struct {
		Login         string `json:"login"`
		SID           string `json:"sid"`
		PrincipalType string `json:"principalType"`
	} `json:"properties"`
}

func (s *sqlService) admins(ctx context.Context, res snapshot.Resource) {
	t := collection.Target{Type: "azure_sql_server", ID: s.r.ID(res), Region: s.r.Region(res), Attrs: []string{"entra_admin"}}
	s.r.Call(ctx, opSQLAdminsRead, t, func(ctx context.Context) error {
		admins, err := listAll[armSQLAdmin](ctx, s.r.arm, s.r.ID(res)+"/administrators?api-version="+sqlAPI)
		if err != nil {
			return err
		}
		var v any
		if len(admins) > 0 {
			p := admins[0].Properties
			v = map[string]any{"login": p.Login, "sid": p.SID, "principal_type": p.PrincipalType}
		}
		s.r.Set(res, "entra_admin", v)
		return nil
	})
}

// databases lists the server's databases (master excluded) as azure_sql_database resources; a
// failed list leaves every database of the server's region unknown.
func (s *sqlService) databases(ctx context.Context, u *collection.Unit, srv snapshot.Resource) {
	serverID, serverName := s.r.ID(srv), s.r.Get(srv, "name").(string)
	s.r.Call(ctx, opSQLDatabasesRead, collection.ListTarget("azure_sql_database", s.r.Region(srv)), func(ctx context.Context) error {
		dbs, err := listAll[armResource](ctx, s.r.arm, serverID+"/databases?api-version="+sqlAPI)
		if err != nil {
			return err
		}
		for _, d := range dbs {
			if strings.EqualFold(d.Name, "master") {
				continue
			}
			res := d.base()
			res["name"] = serverName + "/" + d.Name
			res["server_id"] = serverID
			res["tde_state"] = nil
			s.r.Add("azure_sql_database", res)
			u.Go(func(ctx context.Context) {
				followARM(ctx, s.r, opSQLDatabaseTDERead, "azure_sql_database", res, "/transparentDataEncryption/current?api-version="+sqlAPI, []string{"tde_state"},
					func(t struct {
						Properties struct {
							State string `json:"state"`
						} `json:"properties"`
					}) {
						s.r.Set(res, "tde_state", t.Properties.State)
					})
			})
		}
		return nil
	})
}
