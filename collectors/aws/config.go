package aws

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/configservice"
)

// AWS Config operations. Permissions equal the operation names.
var (
	opConfigDescribeConfigurationRecorders      = register("Config Service", "config", "DescribeConfigurationRecorders", "")
	opConfigDescribeConfigurationRecorderStatus = register("Config Service", "config", "DescribeConfigurationRecorderStatus", "")
	opConfigDescribeDeliveryChannels            = register("Config Service", "config", "DescribeDeliveryChannels", "")
)

func init() {
	registerService(service{name: "config", owns: []string{"aws_region.config"}, start: startConfig})
}

// startConfig reads a region's AWS Config recorders, their status and the delivery channels
// into the aws_region resource's config attribute. The three calls make one attribute: when one
// fails, config is null and the rest is not asked for.
func startConfig(r *run, u *unit) {
	reg := u.region
	res := r.region(reg)
	if res == nil {
		return
	}
	cli := configservice.NewFromConfig(r.cfg, func(o *configservice.Options) {
		o.Region = reg
		if e := r.endpoint(); e != nil {
			o.BaseEndpoint = e
		}
	})
	t := target{typ: "aws_region", id: r.regionARN(reg), region: reg, attrs: []string{"config"}}
	u.Go(func(ctx context.Context) {
		recorders := []map[string]any{}
		byName := map[string]map[string]any{}
		if !r.call(ctx, opConfigDescribeConfigurationRecorders, t, func(ctx context.Context) error {
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
		if !r.call(ctx, opConfigDescribeConfigurationRecorderStatus, t, func(ctx context.Context) error {
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
		if !r.call(ctx, opConfigDescribeDeliveryChannels, t, func(ctx context.Context) error {
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
		r.set(res, "config", map[string]any{"recorders": recorders, "delivery_channels": channels})
	})
}
