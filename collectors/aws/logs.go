package aws

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

// CloudWatch Logs operations.
var opLogsDescribeMetricFilters = register("CloudWatch Logs", "logs", "DescribeMetricFilters", "")

func init() {
	services.Register(collection.Service[*run]{Name: "logs", Owns: []string{"aws_logs_metric_filter"}, New: newLogs})
}

// logsService lists one region's metric filters (of every log group). Metric filters carry
// no tags.
type logsService struct {
	r      *run
	region string
	cli    *cloudwatchlogs.Client
}

func newLogs(r *run, u *collection.Unit) collection.Starter {
	return &logsService{r: r, region: u.Region, cli: newClient(r, u.Region, cloudwatchlogs.NewFromConfig)}
}

func (s *logsService) Start(u *collection.Unit) { u.Go(s.metricFilters) }

func (s *logsService) metricFilters(ctx context.Context) {
	const typ = "aws_logs_metric_filter"
	r, reg := s.r, s.region
	var filters []snapshot.Resource
	if !r.Call(ctx, opLogsDescribeMetricFilters, collection.ListTarget(typ, reg), func(ctx context.Context) error {
		return eachPage(ctx, cloudwatchlogs.NewDescribeMetricFiltersPaginator(s.cli, &cloudwatchlogs.DescribeMetricFiltersInput{}), func(out *cloudwatchlogs.DescribeMetricFiltersOutput) {
			for _, f := range out.MetricFilters {
				group, name := deref(f.LogGroupName), deref(f.FilterName)
				mts := []map[string]any{}
				for _, m := range f.MetricTransformations {
					mts = append(mts, map[string]any{"metric_name": deref(m.MetricName), "metric_namespace": deref(m.MetricNamespace)})
				}
				filters = append(filters, snapshot.Resource{
					"id":   r.arn("logs", reg, "log-group:"+group+":metric-filter/"+name),
					"name": name, "region": reg, "tags": map[string]string{},
					"log_group_name": group, "filter_pattern": deref(f.FilterPattern), "metric_transformations": mts,
				})
			}
		})
	}) {
		return
	}
	r.Add(typ, filters...)
}
