package gcp

import (
	"context"
	"strings"

	bigquery "google.golang.org/api/bigquery/v2"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

const bigqueryHost = "bigquery.googleapis.com"

var (
	opDatasetsList = register("bigquery", "datasets.list", "bigquery.datasets.get", bigqueryHost, "GET", "/bigquery/v2/projects/{p}/datasets")
	opDatasetsGet  = register("bigquery", "datasets.get", "bigquery.datasets.get", bigqueryHost, "GET", "/bigquery/v2/projects/{p}/datasets/{d}")
	opTablesList   = register("bigquery", "tables.list", "bigquery.tables.list", bigqueryHost, "GET", "/bigquery/v2/projects/{p}/datasets/{d}/tables")
	opTablesGet    = register("bigquery", "tables.get", "bigquery.tables.get", bigqueryHost, "GET", "/bigquery/v2/projects/{p}/datasets/{d}/tables/{t}")
)

func init() {
	services.Register(collection.Service[*run]{Name: "bigquery", Global: true,
		Owns: []string{"gcp_bigquery_dataset", "gcp_bigquery_table"}, New: newBigQuery})
}

type bigqueryService struct {
	r   *run
	cli *bigquery.Service
	err error
}

func newBigQuery(r *run, u *collection.Unit) collection.Starter {
	cli, err := bigquery.NewService(context.Background(), r.clientOptions("https://"+bigqueryHost+"/bigquery/v2/")...)
	return &bigqueryService{r: r, cli: cli, err: err}
}

func (s *bigqueryService) Start(u *collection.Unit) {
	u.Go(func(ctx context.Context) { s.datasets(ctx, u) })
}

// datasets lists the datasets, then reads each one (access entries, default key) and lists its
// tables, each table read for its encryption.
func (s *bigqueryService) datasets(ctx context.Context, u *collection.Unit) {
	targets := []collection.Target{collection.ListTarget("gcp_bigquery_dataset", snapshot.GlobalRegion), collection.ListTarget("gcp_bigquery_table", snapshot.GlobalRegion)}
	s.r.callAll(ctx, opDatasetsList, targets, func(ctx context.Context) error {
		if s.err != nil {
			return s.err
		}
		return s.cli.Datasets.List(s.r.projectID).Pages(ctx, func(p *bigquery.DatasetList) error {
			for _, d := range p.Datasets {
				id := d.DatasetReference.DatasetId
				region := strings.ToLower(d.Location)
				res := snapshot.Resource{"id": "//bigquery.googleapis.com/projects/" + s.r.projectID + "/datasets/" + id, "name": id,
					"region": region, "tags": labels(d.Labels), "dataset_id": id, "location": d.Location,
					"access": nil, "default_kms_key_name": nil}
				s.r.Add("gcp_bigquery_dataset", res)
				u.Go(func(ctx context.Context) { s.dataset(ctx, res, id) })
				u.Go(func(ctx context.Context) { s.tables(ctx, u, id, region) })
			}
			return nil
		})
	})
}

func opt(s string) any { return nullable(s) }

func (s *bigqueryService) dataset(ctx context.Context, res snapshot.Resource, id string) {
	t := collection.Target{Type: "gcp_bigquery_dataset", ID: s.r.ID(res), Region: s.r.Region(res), Attrs: []string{"access", "default_kms_key_name"}}
	s.r.Call(ctx, opDatasetsGet, t, func(ctx context.Context) error {
		d, err := s.cli.Datasets.Get(s.r.projectID, id).Context(ctx).Do()
		if err != nil {
			return err
		}
		access := []any{}
		for _, a := range d.Access {
			if a.View != nil || a.Routine != nil || a.Dataset != nil {
				continue
			}
			access = append(access, map[string]any{"role": opt(a.Role), "special_group": opt(a.SpecialGroup), "iam_member": opt(a.IamMember),
				"user_by_email": opt(a.UserByEmail), "group_by_email": opt(a.GroupByEmail), "domain": opt(a.Domain)})
		}
		var kms any
		if d.DefaultEncryptionConfiguration != nil {
			kms = opt(d.DefaultEncryptionConfiguration.KmsKeyName)
		}
		s.r.Set(res, "access", access)
		s.r.Set(res, "default_kms_key_name", kms)
		return nil
	})
}

func (s *bigqueryService) tables(ctx context.Context, u *collection.Unit, ds, region string) {
	s.r.Call(ctx, opTablesList, collection.Target{Type: "gcp_bigquery_table", Region: region}, func(ctx context.Context) error {
		return s.cli.Tables.List(s.r.projectID, ds).Pages(ctx, func(p *bigquery.TableList) error {
			for _, tb := range p.Tables {
				id := tb.TableReference.TableId
				res := snapshot.Resource{"id": "//bigquery.googleapis.com/projects/" + s.r.projectID + "/datasets/" + ds + "/tables/" + id,
					"name": id, "region": region, "tags": labels(tb.Labels), "dataset_id": ds, "table_type": tb.Type, "kms_key_name": nil}
				s.r.Add("gcp_bigquery_table", res)
				u.Go(func(ctx context.Context) { s.table(ctx, res, ds, id) })
			}
			return nil
		})
	})
}

func (s *bigqueryService) table(ctx context.Context, res snapshot.Resource, ds, id string) {
	t := collection.Target{Type: "gcp_bigquery_table", ID: s.r.ID(res), Region: s.r.Region(res), Attrs: []string{"kms_key_name"}}
	s.r.Call(ctx, opTablesGet, t, func(ctx context.Context) error {
		tb, err := s.cli.Tables.Get(s.r.projectID, ds, id).Context(ctx).Do()
		if err != nil {
			return err
		}
		var kms any
		if tb.EncryptionConfiguration != nil {
			kms = opt(tb.EncryptionConfiguration.KmsKeyName)
		}
		s.r.Set(res, "kms_key_name", kms)
		return nil
	})
}
