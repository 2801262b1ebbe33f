package aws

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"

	"github.com/incloud/incloud/pkg/snapshot"
)

// CloudTrail operations. Permissions equal the operation names.
var (
	opCloudTrailDescribeTrails    = register("CloudTrail", "cloudtrail", "DescribeTrails", "")
	opCloudTrailGetTrailStatus    = register("CloudTrail", "cloudtrail", "GetTrailStatus", "")
	opCloudTrailGetEventSelectors = register("CloudTrail", "cloudtrail", "GetEventSelectors", "")
	opCloudTrailListTags          = register("CloudTrail", "cloudtrail", "ListTags", "")
)

func init() {
	registerService(service{name: "cloudtrail", owns: []string{"aws_cloudtrail_trail"}, start: startCloudTrail})
}

// startCloudTrail records the trails whose home region is this region: a multi-region trail
// shows up in every region (as shadow trails) but is recorded once, in its home region, where
// its status, event selectors and tags are read.
func startCloudTrail(r *run, u *unit) {
	const typ = "aws_cloudtrail_trail"
	reg := u.region
	cli := cloudtrail.NewFromConfig(r.cfg, func(o *cloudtrail.Options) {
		o.Region = reg
		if e := r.endpoint(); e != nil {
			o.BaseEndpoint = e
		}
	})
	u.Go(func(ctx context.Context) {
		var trails []snapshot.Resource
		if !r.call(ctx, opCloudTrailDescribeTrails, listTarget(typ, reg), func(ctx context.Context) error {
			out, err := cli.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{})
			if err != nil {
				return err
			}
			for _, t := range out.TrailList {
				if deref(t.HomeRegion) != reg {
					continue
				}
				trails = append(trails, snapshot.Resource{
					"id": deref(t.TrailARN), "name": deref(t.Name), "region": reg, "tags": nil,
					"home_region": reg, "is_multi_region": deref(t.IsMultiRegionTrail),
					"is_organization_trail":         deref(t.IsOrganizationTrail),
					"include_global_service_events": deref(t.IncludeGlobalServiceEvents),
					"log_file_validation_enabled":   deref(t.LogFileValidationEnabled),
					"kms_key_id":                    strOrNil(t.KmsKeyId),
					"s3_bucket_name":                strOrNil(t.S3BucketName),
					"cloudwatch_logs_log_group_arn": strOrNil(t.CloudWatchLogsLogGroupArn),
					"is_logging":                    nil, "event_selectors": nil, "advanced_event_selectors": nil,
				})
			}
			return nil
		}) {
			return
		}
		for _, t := range trails {
			r.add(typ, t)
			arn := r.idOf(t)
			tt := func(attrs ...string) target { return target{typ: typ, id: arn, region: reg, attrs: attrs} }
			u.Go(func(ctx context.Context) {
				r.call(ctx, opCloudTrailGetTrailStatus, tt("is_logging"), func(ctx context.Context) error {
					out, err := cli.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String(arn)})
					if err != nil {
						return err
					}
					r.set(t, "is_logging", deref(out.IsLogging))
					return nil
				})
			})
			u.Go(func(ctx context.Context) {
				r.call(ctx, opCloudTrailGetEventSelectors, tt("event_selectors", "advanced_event_selectors"), func(ctx context.Context) error {
					out, err := cli.GetEventSelectors(ctx, &cloudtrail.GetEventSelectorsInput{TrailName: aws.String(arn)})
					if err != nil {
						return err
					}
					// A trail has either basic or advanced selectors; the other kind is null.
					if len(out.AdvancedEventSelectors) > 0 {
						adv := []map[string]any{}
						for _, s := range out.AdvancedEventSelectors {
							fields := []map[string]any{}
							for _, f := range s.FieldSelectors {
								fields = append(fields, map[string]any{
									"field": deref(f.Field), "equals": nonNil(f.Equals), "not_equals": nonNil(f.NotEquals),
									"starts_with": nonNil(f.StartsWith), "not_starts_with": nonNil(f.NotStartsWith),
									"ends_with": nonNil(f.EndsWith), "not_ends_with": nonNil(f.NotEndsWith),
								})
							}
							adv = append(adv, map[string]any{"name": strOrNil(s.Name), "field_selectors": fields})
						}
						r.set(t, "advanced_event_selectors", adv)
						return nil
					}
					sels := []map[string]any{}
					for _, s := range out.EventSelectors {
						data := []map[string]any{}
						for _, d := range s.DataResources {
							data = append(data, map[string]any{"type": deref(d.Type), "values": nonNil(d.Values)})
						}
						sels = append(sels, map[string]any{
							"read_write_type": string(s.ReadWriteType), "include_management_events": deref(s.IncludeManagementEvents),
							"data_resources": data,
						})
					}
					r.set(t, "event_selectors", sels)
					return nil
				})
			})
			u.Go(func(ctx context.Context) {
				tags := map[string]string{}
				if r.call(ctx, opCloudTrailListTags, tt("tags"), func(ctx context.Context) error {
					return eachPage(ctx, cloudtrail.NewListTagsPaginator(cli, &cloudtrail.ListTagsInput{ResourceIdList: []string{arn}}), func(out *cloudtrail.ListTagsOutput) {
						for _, rt := range out.ResourceTagList {
							for _, tg := range rt.TagsList {
								tags[deref(tg.Key)] = deref(tg.Value)
							}
						}
					})
				}) {
					r.set(t, "tags", tags)
				}
			})
		}
	})
}

// nonNil returns ss, or an empty list when it is nil (JSON [] rather than null).
func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}
