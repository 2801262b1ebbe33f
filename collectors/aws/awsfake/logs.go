package awsfake

// CloudWatch Logs (awsJson1_1, target prefix Logs_20140328): metric filters.
func init() {
	services["logs"] = jsonProtocol("logs", map[string]handler{
		"DescribeMetricFilters": logsDescribeMetricFilters,
	}, "ThrottlingException")
}

func logsDescribeMetricFilters(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", req.Region); err != nil {
		return nil, err
	}
	in := jsonInput(req)
	group := inputString(in, "logGroupName")
	var items []any
	for _, f := range s.inRegion("aws_logs_metric_filter", req.Region) {
		if group != "" && str(f, "log_group_name") != group {
			continue
		}
		var mts []any
		for _, x := range list(f, "metric_transformations") {
			m, _ := x.(map[string]any)
			mts = append(mts, map[string]any{
				"metricName": str(m, "metric_name"), "metricNamespace": str(m, "metric_namespace"), "metricValue": "1",
			})
		}
		items = append(items, map[string]any{
			"filterName": str(f, "name"), "filterPattern": str(f, "filter_pattern"),
			"logGroupName": str(f, "log_group_name"), "metricTransformations": mts, "creationTime": 1.7e12,
		})
	}
	start, end, next := s.Page(len(items), inputString(in, "nextToken"), inputString(in, "limit"))
	out := map[string]any{"metricFilters": append([]any{}, items[start:end]...)}
	if next != "" {
		out["nextToken"] = next
	}
	return jsonResult(out)
}
