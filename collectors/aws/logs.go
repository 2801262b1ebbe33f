package aws

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"

	"github.com/incloud/incloud/pkg/snapshot"
)

// CloudWatch Logs operations.
var opLogsDescribeMetricFilters = register("CloudWatch Logs", "logs", "DescribeMetricFilters", "")

func init() {
	registerService(service{name: "logs", owns: []string{"aws_logs_metric_filter"}, start: startLogs})
}

// startLogs lists a region's metric filters (of every log group). Metric filters carry no tags.
func startLogs(r *run, u *unit) {
	const typ = "aws_logs_metric_filter"
	reg := u.region
	cli := cloudwatchlogs.NewFromConfig(r.cfg, func(o *cloudwatchlogs.Options) {
		o.Region = reg
		if e := r.endpoint(); e != nil {
			o.BaseEndpoint = e
		}
	})
	u.Go(func(ctx context.Context) {
		var filters []snapshot.Resource
		if !r.call(ctx, opLogsDescribeMetricFilters, listTarget(typ, reg), func(ctx context.Context) error {
			return eachPage(ctx, cloudwatchlogs.NewDescribeMetricFiltersPaginator(cli, &cloudwatchlogs.DescribeMetricFiltersInput{}), func(out *cloudwatchlogs.DescribeMetricFiltersOutput) {
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
		for _, f := range filters {
			r.add(typ, f)
		}
	})
}
