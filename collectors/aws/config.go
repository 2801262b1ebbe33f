package aws

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/configservice"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

// AWS Config operations. Permissions equal the operation names.
var (
	opConfigDescribeConfigurationRecorders      = register("Config Service", "config", "DescribeConfigurationRecorders", "")
	opConfigDescribeConfigurationRecorderStatus = register("Config Service", "config", "DescribeConfigurationRecorderStatus", "")
	opConfigDescribeDeliveryChannels            = register("Config Service", "config", "DescribeDeliveryChannels", "")
)

func init() {
	services.Register(collection.Service[*run]{Name: "config", Owns: []string{"aws_region.config"}, New: newConfig})
}

// configService reads one region's AWS Config recorders, their status and the delivery
// channels into the aws_region resource's config attribute. The three calls make one
// attribute: when one fails, config is null and the rest is not asked for.
type configService struct {
	r      *run
	region string
	res    snapshot.Resource // the aws_region resource
	cli    *configservice.Client
}

func newConfig(r *run, u *collection.Unit) collection.Starter {
	return &configService{r: r, region: u.Region, res: r.region(u.Region), cli: newClient(r, u.Region, configservice.NewFromConfig)}
}

func (s *configService) Start(u *collection.Unit) {
	if s.res != nil {
		u.Go(s.config)
	}
}

func (s *configService) config(ctx context.Context) {
	r, cli, t := s.r, s.cli, s.r.regionTarget(s.region, "config")
	recorders := []map[string]any{}
	byName := map[string]map[string]any{}
	if !r.Call(ctx, opConfigDescribeConfigurationRecorders, t, func(ctx context.Context) error {
		out, err := cli.DescribeConfigurationRecorders(ctx, &configservice.DescribeConfigurationRecordersInput{})
		if err != nil {
			return err
		}
		for _, rec := range out.ConfigurationRecorders {
			m := map[string]any{
				"name": deref(rec.Name), "recording": false, "all_supported": false,
				"include_global_resource_types": false, "last_status": nil,
			}
			if g := rec.RecordingGroup; g != nil {
				m["all_supported"] = g.AllSupported
				m["include_global_resource_types"] = g.IncludeGlobalResourceTypes
			}
			recorders = append(recorders, m)
			byName[deref(rec.Name)] = m
		}
		return nil
	}) {
		return
	}
	if !r.Call(ctx, opConfigDescribeConfigurationRecorderStatus, t, func(ctx context.Context) error {
		out, err := cli.DescribeConfigurationRecorderStatus(ctx, &configservice.DescribeConfigurationRecorderStatusInput{})
		if err != nil {
			return err
		}
		for _, st := range out.ConfigurationRecordersStatus {
			if m := byName[deref(st.Name)]; m != nil {
				m["recording"] = st.Recording
				if st.LastStatus != "" {
					m["last_status"] = string(st.LastStatus)
				}
			}
		}
		return nil
	}) {
		return
	}
	channels := []map[string]any{}
	if !r.Call(ctx, opConfigDescribeDeliveryChannels, t, func(ctx context.Context) error {
		out, err := cli.DescribeDeliveryChannels(ctx, &configservice.DescribeDeliveryChannelsInput{})
		if err != nil {
			return err
		}
		for _, c := range out.DeliveryChannels {
			channels = append(channels, map[string]any{
				"name": deref(c.Name), "s3_bucket_name": deref(c.S3BucketName), "sns_topic_arn": strOrNil(c.SnsTopicARN),
			})
		}
		return nil
	}) {
		return
	}
	r.Set(s.res, "config", map[string]any{"recorders": recorders, "delivery_channels": channels})
}
