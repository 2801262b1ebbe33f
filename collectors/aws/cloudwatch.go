package aws

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

// CloudWatch operations. The IAM prefix is cloudwatch (the signing name is monitoring).
var opCloudWatchDescribeAlarms = register("CloudWatch", "cloudwatch", "DescribeAlarms", "")

func init() {
	services.Register(collection.Service[*run]{Name: "cloudwatch", Owns: []string{"aws_cloudwatch_alarm"}, New: newCloudWatch})
}

// cloudWatchService lists one region's metric alarms. Their tags are not read (the checks do
// not need them, and it would cost a request per alarm): tags is {}.
type cloudWatchService struct {
	r      *run
	region string
	cli    *cloudwatch.Client
}

func newCloudWatch(r *run, u *collection.Unit) collection.Starter {
	return &cloudWatchService{r: r, region: u.Region, cli: newClient(r, u.Region, cloudwatch.NewFromConfig)}
}

func (s *cloudWatchService) Start(u *collection.Unit) { u.Go(s.alarms) }

func (s *cloudWatchService) alarms(ctx context.Context) {
	const typ = "aws_cloudwatch_alarm"
	r, reg := s.r, s.region
	var alarms []snapshot.Resource
	if !r.Call(ctx, opCloudWatchDescribeAlarms, collection.ListTarget(typ, reg), func(ctx context.Context) error {
		in := &cloudwatch.DescribeAlarmsInput{AlarmTypes: []cwtypes.AlarmType{cwtypes.AlarmTypeMetricAlarm}}
		return eachPage(ctx, cloudwatch.NewDescribeAlarmsPaginator(s.cli, in), func(out *cloudwatch.DescribeAlarmsOutput) {
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
	r.Add(typ, alarms...)
}
