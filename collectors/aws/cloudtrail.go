package aws

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"

	"github.com/incloud/incloud/collectors/collection"
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
	services.Register(collection.Service[*run]{Name: "cloudtrail", Owns: []string{"aws_cloudtrail_trail"}, New: newCloudTrail})
}

// cloudTrailService records the trails whose home region is its region: a multi-region trail
// shows up in every region (as shadow trails) but is recorded once, in its home region, where
// its status, event selectors and tags are read.
type cloudTrailService struct {
	r      *run
	region string
	cli    *cloudtrail.Client
}

func newCloudTrail(r *run, u *collection.Unit) collection.Starter {
	return &cloudTrailService{r: r, region: u.Region, cli: newClient(r, u.Region, cloudtrail.NewFromConfig)}
}

func (s *cloudTrailService) Start(u *collection.Unit) {
	u.Go(func(ctx context.Context) { s.trails(ctx, u) })
}

func (s *cloudTrailService) trails(ctx context.Context, u *collection.Unit) {
	const typ = "aws_cloudtrail_trail"
	r, reg, cli := s.r, s.region, s.cli
	var trails []snapshot.Resource
	if !r.Call(ctx, opCloudTrailDescribeTrails, collection.ListTarget(typ, reg), func(ctx context.Context) error {
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
		r.Add(typ, t)
		arn := r.ID(t)
		tt := func(attrs ...string) collection.Target {
			return collection.Target{Type: typ, ID: arn, Region: reg, Attrs: attrs}
		}
		u.Go(func(ctx context.Context) {
			r.Call(ctx, opCloudTrailGetTrailStatus, tt("is_logging"), func(ctx context.Context) error {
				out, err := cli.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String(arn)})
				if err != nil {
					return err
				}
				r.Set(t, "is_logging", deref(out.IsLogging))
				return nil
			})
		})
		u.Go(func(ctx context.Context) {
			r.Call(ctx, opCloudTrailGetEventSelectors, tt("event_selectors", "advanced_event_selectors"), func(ctx context.Context) error {
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
					r.Set(t, "advanced_event_selectors", adv)
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
				r.Set(t, "event_selectors", sels)
				return nil
			})
		})
		u.Go(func(ctx context.Context) {
			tags := map[string]string{}
			if r.Call(ctx, opCloudTrailListTags, tt("tags"), func(ctx context.Context) error {
				return eachPage(ctx, cloudtrail.NewListTagsPaginator(cli, &cloudtrail.ListTagsInput{ResourceIdList: []string{arn}}), func(out *cloudtrail.ListTagsOutput) {
					for _, rt := range out.ResourceTagList {
						for _, tg := range rt.TagsList {
							tags[deref(tg.Key)] = deref(tg.Value)
						}
					}
				})
			}) {
				r.Set(t, "tags", tags)
			}
		})
	}
}

func cloudTrailTag(t cttypes.Tag) (*string, *string) { return t.Key, t.Value }
