package gcp

import (
	"context"

	logging "google.golang.org/api/logging/v2"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

const loggingHost = "logging.googleapis.com"

var (
	opSinksList   = register("logging", "sinks.list", "logging.sinks.list", loggingHost, "GET", "/v2/projects/{p}/sinks")
	opMetricsList = register("logging", "metrics.list", "logging.logMetrics.list", loggingHost, "GET", "/v2/projects/{p}/metrics")
)

func init() {
	services.Register(collection.Service[*run]{Name: "logging", Global: true,
		Owns: []string{"gcp_logging_sink", "gcp_logging_metric"}, New: newLogging})
}

type loggingService struct {
	r   *run
	cli *logging.Service
	err error
}

func newLogging(r *run, u *collection.Unit) collection.Starter {
	cli, err := logging.NewService(context.Background(), r.clientOptions("https://"+loggingHost+"/")...)
	return &loggingService{r: r, cli: cli, err: err}
}

func (s *loggingService) Start(u *collection.Unit) {
	u.Go(s.sinks)
	u.Go(s.metrics)
}

func (s *loggingService) sinks(ctx context.Context) {
	s.r.Call(ctx, opSinksList, collection.ListTarget("gcp_logging_sink", snapshot.GlobalRegion), func(ctx context.Context) error {
		if s.err != nil {
			return s.err
		}
		return s.cli.Projects.Sinks.List("projects/"+s.r.projectID).Pages(ctx, func(p *logging.ListSinksResponse) error {
			for _, k := range p.Sinks {
				s.r.Add("gcp_logging_sink", snapshot.Resource{
					"id": "//logging.googleapis.com/projects/" + s.r.projectID + "/sinks/" + k.Name, "name": k.Name,
					"region": snapshot.GlobalRegion, "tags": map[string]string{},
					"destination": k.Destination, "filter": k.Filter, "disabled": k.Disabled,
					"include_children": k.IncludeChildren, "writer_identity": k.WriterIdentity,
				})
			}
			return nil
		})
	})
}

func (s *loggingService) metrics(ctx context.Context) {
	s.r.Call(ctx, opMetricsList, collection.ListTarget("gcp_logging_metric", snapshot.GlobalRegion), func(ctx context.Context) error {
		if s.err != nil {
			return s.err
		}
		return s.cli.Projects.Metrics.List("projects/"+s.r.projectID).Pages(ctx, func(p *logging.ListLogMetricsResponse) error {
			for _, m := range p.Metrics {
				s.r.Add("gcp_logging_metric", snapshot.Resource{
					"id": "//logging.googleapis.com/projects/" + s.r.projectID + "/metrics/" + m.Name, "name": m.Name,
					"region": snapshot.GlobalRegion, "tags": map[string]string{}, "filter": m.Filter, "disabled": m.Disabled,
				})
			}
			return nil
		})
	})
}
