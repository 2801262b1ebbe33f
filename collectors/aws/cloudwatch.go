package aws

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/incloud/incloud/pkg/snapshot"
)

// CloudWatch operations. The IAM prefix is cloudwatch (the signing name is monitoring).
var opCloudWatchDescribeAlarms = register("CloudWatch", "cloudwatch", "DescribeAlarms", "")

func init() {
	registerService(service{name: "cloudwatch", owns: []string{"aws_cloudwatch_alarm"}, start: startCloudWatch})
}

// startCloudWatch lists a region's metric alarms. Their tags are not read (the checks do not
// need them, and it would cost a request per alarm): tags is {}.
func startCloudWatch(r *run, u *unit) {
	const typ = "aws_cloudwatch_alarm"
	reg := u.region
	cli := cloudwatch.NewFromConfig(r.cfg, func(o *cloudwatch.Options) {
		o.Region = reg
		if e := r.endpoint(); e != nil {
			o.BaseEndpoint = e
		}
	})
	u.Go(func(ctx context.Context) {
		var alarms []snapshot.Resource
		if !r.call(ctx, opCloudWatchDescribeAlarms, listTarget(typ, reg), func(ctx context.Context) error {
			in := &cloudwatch.DescribeAlarmsInput{
				AlarmTypes: []cwtypes.AlarmType{cwtypes.AlarmTypeMetricAlarm},
			}
			return eachPage(ctx, cloudwatch.NewDescribeAlarmsPaginator(cli, in), func(out *cloudwatch.DescribeAlarmsOutput) {
				for _, a := range out.MetricAlarms {
					alarms = append(alarms, snapshot.Resource{
						"id": deref(a.AlarmArn), "name": deref(a.AlarmName), "region": reg, "tags": map[string]string{},
						"metric_name": strOrNil(a.MetricName), "namespace": strOrNil(a.Namespace),
						"actions_enabled": deref(a.ActionsEnabled), "alarm_actions": nonNil(a.AlarmActions),
						"state_value": string(a.StateValue),
					})
				}
			})
		}) {
			return
		}
		for _, a := range alarms {
			r.add(typ, a)
		}
	})
}
