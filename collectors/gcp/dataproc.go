package gcp

import (
	"context"

	dataproc "google.golang.org/api/dataproc/v1"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

const dataprocHost = "dataproc.googleapis.com"

var opClustersList = register("dataproc", "clusters.list", "dataproc.clusters.list", dataprocHost, "GET", "/v1/projects/{p}/regions/{r}/clusters")

func init() {
	services.Register(collection.Service[*run]{Name: "dataproc", Global: false,
		Owns: []string{"gcp_dataproc_cluster"}, New: newDataproc})
}

type dataprocService struct {
	r      *run
	region string
	cli    *dataproc.Service
	err    error
}

func newDataproc(r *run, u *collection.Unit) collection.Starter {
	cli, err := dataproc.NewService(context.Background(), r.clientOptions("https://"+dataprocHost+"/")...)
	return &dataprocService{r: r, region: u.Region, cli: cli, err: err}
}

func (s *dataprocService) Start(u *collection.Unit) { u.Go(s.clusters) }

// clusters lists the region's clusters (Dataproc has no aggregated list).
func (s *dataprocService) clusters(ctx context.Context) {
	s.r.Call(ctx, opClustersList, collection.ListTarget("gcp_dataproc_cluster", s.region), func(ctx context.Context) error {
		if s.err != nil {
			return s.err
		}
		return s.cli.Projects.Regions.Clusters.List(s.r.projectID, s.region).Pages(ctx, func(p *dataproc.ListClustersResponse) error {
			for _, c := range p.Clusters {
				status := ""
				if c.Status != nil {
					status = c.Status.State
				}
				var kms any
				if c.Config != nil && c.Config.EncryptionConfig != nil {
					kms = nullable(c.Config.EncryptionConfig.GcePdKmsKeyName)
				}
				s.r.Add("gcp_dataproc_cluster", snapshot.Resource{
					"id":   "//dataproc.googleapis.com/projects/" + s.r.projectID + "/regions/" + s.region + "/clusters/" + c.ClusterName,
					"name": c.ClusterName, "region": s.region, "tags": labels(c.Labels),
					"cluster_uuid": c.ClusterUuid, "status": status, "gce_pd_kms_key_name": kms})
			}
			return nil
		})
	})
}
