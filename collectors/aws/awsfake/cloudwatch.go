package awsfake

import (
	"github.com/aws/smithy-go/encoding/cbor"
)

// CloudWatch (rpcv2Cbor in query-compatible mode, signing name monitoring): metric alarms.
func init() {
	services["monitoring"] = cborProtocol("cloudwatch", map[string]handler{
		"DescribeAlarms": cloudwatchDescribeAlarms,
	}, "Throttling")
}

func cloudwatchDescribeAlarms(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", req.Region); err != nil {
		return nil, err
	}
	in := cborInput(req)
	var items []cbor.Value
	for _, a := range s.inRegion("aws_cloudwatch_alarm", req.Region) {
		actions := cbor.List{}
		for _, x := range list(a, "alarm_actions") {
			v, _ := x.(string)
			actions = append(actions, cbor.String(v))
		}
		m := cbor.Map{
			"AlarmName": cbor.String(str(a, "name")), "AlarmArn": cbor.String(a.ID()),
			"ActionsEnabled": cbor.Bool(boolean(a, "actions_enabled")), "AlarmActions": actions,
			"OKActions": cbor.List{}, "InsufficientDataActions": cbor.List{},
			"StateValue": cbor.String(str(a, "state_value")), "StateReason": cbor.String("awsfake"),
			"ComparisonOperator": cbor.String("GreaterThanOrEqualToThreshold"), "Threshold": cbor.Float64(1),
			"EvaluationPeriods": cbor.Uint(1), "Period": cbor.Uint(300), "Statistic": cbor.String("Sum"),
		}
		if v := strp(a, "metric_name"); v != nil {
			m["MetricName"] = cbor.String(*v)
		}
		if v := strp(a, "namespace"); v != nil {
			m["Namespace"] = cbor.String(*v)
		}
		items = append(items, m)
	}
	start, end, next := s.Page(len(items), inputString(in, "NextToken"), inputString(in, "MaxRecords"))
	out := cbor.Map{"MetricAlarms": cbor.List(append([]cbor.Value{}, items[start:end]...)), "CompositeAlarms": cbor.List{}}
	if next != "" {
		out["NextToken"] = cbor.String(next)
	}
	return cborResult(out), nil
}
