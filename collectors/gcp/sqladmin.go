package gcp

import (
	"context"

	sqladmin "google.golang.org/api/sqladmin/v1"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

const sqlHost = "sqladmin.googleapis.com"

var opSQLInstancesList = register("sqladmin", "instances.list", "cloudsql.instances.list", sqlHost, "GET", "/v1/projects/{p}/instances")

func init() {
	services.Register(collection.Service[*run]{Name: "sqladmin", Global: true,
		Owns: []string{"gcp_sql_instance"}, New: newSQL})
}

type sqlService struct {
	r   *run
	cli *sqladmin.Service
	err error
}

func newSQL(r *run, u *collection.Unit) collection.Starter {
	cli, err := sqladmin.NewService(context.Background(), r.clientOptions("https://"+sqlHost+"/")...)
	return &sqlService{r: r, cli: cli, err: err}
}

func (s *sqlService) Start(u *collection.Unit) { u.Go(s.instances) }

// instances lists the Cloud SQL instances; their settings (flags, IP configuration, backups)
// come with the list.
func (s *sqlService) instances(ctx context.Context) {
	s.r.Call(ctx, opSQLInstancesList, collection.ListTarget("gcp_sql_instance", snapshot.GlobalRegion), func(ctx context.Context) error {
		if s.err != nil {
			return s.err
		}
		return s.cli.Instances.List(s.r.projectID).Pages(ctx, func(p *sqladmin.InstancesListResponse) error {
			for _, in := range p.Items {
				flags := []any{}
				ipc := map[string]any{"ipv4_enabled": false, "ssl_mode": nil, "require_ssl": false, "authorized_networks": []any{}, "private_network": nil}
				backup := false
				var tags map[string]string
				if st := in.Settings; st != nil {
					for _, f := range st.DatabaseFlags {
						flags = append(flags, map[string]any{"name": f.Name, "value": f.Value})
					}
					if c := st.IpConfiguration; c != nil {
						nets := []any{}
						for _, n := range c.AuthorizedNetworks {
							nets = append(nets, map[string]any{"name": n.Name, "value": n.Value})
						}
						ipc = map[string]any{"ipv4_enabled": c.Ipv4Enabled, "ssl_mode": nullable(c.SslMode), "require_ssl": c.RequireSsl,
							"authorized_networks": nets, "private_network": nullable(c.PrivateNetwork)}
					}
					backup = st.BackupConfiguration != nil && st.BackupConfiguration.Enabled
					tags = st.UserLabels
				}
				s.r.Add("gcp_sql_instance", snapshot.Resource{"id": "//cloudsql.googleapis.com/projects/" + s.r.projectID + "/instances/" + in.Name,
					"name": in.Name, "region": in.Region, "tags": labels(tags), "database_version": in.DatabaseVersion,
					"instance_type": in.InstanceType, "state": in.State, "database_flags": flags, "ip_configuration": ipc, "backup_enabled": backup})
			}
			return nil
		})
	})
}
