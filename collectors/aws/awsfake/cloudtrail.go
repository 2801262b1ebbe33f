package awsfake

import (
	"github.com/incloud/incloud/pkg/snapshot"
)

// CloudTrail (awsJson1_1): trails (multi-region trails also appear, as shadow trails, in every
// other region of the snapshot), their status, event selectors and tags.
func init() {
	services["cloudtrail"] = jsonProtocol("cloudtrail", map[string]handler{
		"DescribeTrails":    cloudtrailDescribeTrails,
		"GetTrailStatus":    cloudtrailGetTrailStatus,
		"GetEventSelectors": cloudtrailGetEventSelectors,
		"ListTags":          cloudtrailListTags,
	}, "ThrottlingException")
}

// trail finds a trail by name or ARN; name lookups only see trails homed in region.
func (s *Server) trail(region, nameOrARN string) (snapshot.Resource, error) {
	for _, t := range s.Resources("aws_cloudtrail_trail") {
		if t.ID() == nameOrARN || (str(t, "name") == nameOrARN && str(t, "home_region") == region) {
			return t, nil
		}
	}
	return nil, &APIError{400, "TrailNotFoundException", "Unknown trail: " + nameOrARN + " for the user: " + s.Account()}
}

func cloudtrailDescribeTrails(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", req.Region); err != nil {
		return nil, err
	}
	in := jsonInput(req)
	shadows := true
	if v, ok := in["includeShadowTrails"].(bool); ok {
		shadows = v
	}
	list := []any{}
	for _, t := range s.Resources("aws_cloudtrail_trail") {
		home := str(t, "home_region")
		if home != req.Region && !(shadows && boolean(t, "is_multi_region")) {
			continue
		}
		m := map[string]any{
			"Name": str(t, "name"), "TrailARN": t.ID(), "HomeRegion": home,
			"IsMultiRegionTrail": boolean(t, "is_multi_region"), "IsOrganizationTrail": boolean(t, "is_organization_trail"),
			"IncludeGlobalServiceEvents": boolean(t, "include_global_service_events"),
			"LogFileValidationEnabled":   boolean(t, "log_file_validation_enabled"),
			"HasCustomEventSelectors":    !isNull(t, "advanced_event_selectors"), "HasInsightSelectors": false,
		}
		for k, attr := range map[string]string{"KmsKeyId": "kms_key_id", "S3BucketName": "s3_bucket_name", "CloudWatchLogsLogGroupArn": "cloudwatch_logs_log_group_arn"} {
			if v := strp(t, attr); v != nil {
				m[k] = *v
			}
		}
		list = append(list, m)
	}
	return jsonResult(map[string]any{"trailList": list})
}

func cloudtrailGetTrailStatus(s *Server, req *Request) (*Response, error) {
	t, err := s.trail(req.Region, inputString(jsonInput(req), "Name"))
	if err != nil {
		return nil, err
	}
	if err := s.injected(req.Op, t.ID(), req.Region); err != nil {
		return nil, err
	}
	return jsonResult(map[string]any{"IsLogging": boolean(t, "is_logging")})
}

func cloudtrailGetEventSelectors(s *Server, req *Request) (*Response, error) {
	t, err := s.trail(req.Region, inputString(jsonInput(req), "TrailName"))
	if err != nil {
		return nil, err
	}
	if err := s.injected(req.Op, t.ID(), req.Region); err != nil {
		return nil, err
	}
	out := map[string]any{"TrailARN": t.ID()}
	if adv := list(t, "advanced_event_selectors"); adv != nil {
		var sels []any
		for _, x := range adv {
			a, _ := x.(map[string]any)
			var fields []any
			for _, y := range list(a, "field_selectors") {
				f, _ := y.(map[string]any)
				m := map[string]any{"Field": str(f, "field")}
				for k, attr := range map[string]string{
					"Equals": "equals", "NotEquals": "not_equals", "StartsWith": "starts_with",
					"NotStartsWith": "not_starts_with", "EndsWith": "ends_with", "NotEndsWith": "not_ends_with",
				} {
					if vs := list(f, attr); len(vs) > 0 {
						m[k] = vs
					}
				}
				fields = append(fields, m)
			}
			sel := map[string]any{"FieldSelectors": fields}
			if n := strp(a, "name"); n != nil {
				sel["Name"] = *n
			}
			sels = append(sels, sel)
		}
		out["AdvancedEventSelectors"] = sels
	} else {
		sels := []any{}
		for _, x := range list(t, "event_selectors") {
			e, _ := x.(map[string]any)
			var data []any
			for _, y := range list(e, "data_resources") {
				d, _ := y.(map[string]any)
				data = append(data, map[string]any{"Type": str(d, "type"), "Values": list(d, "values")})
			}
			sels = append(sels, map[string]any{
				"ReadWriteType": str(e, "read_write_type"), "IncludeManagementEvents": boolean(e, "include_management_events"),
				"DataResources": data, "ExcludeManagementEventSources": []any{},
			})
		}
		out["EventSelectors"] = sels
	}
	return jsonResult(out)
}

func cloudtrailListTags(s *Server, req *Request) (*Response, error) {
	in := jsonInput(req)
	ids, _ := in["ResourceIdList"].([]any)
	var tagList []any
	for _, x := range ids {
		id, _ := x.(string)
		t, err := s.trail(req.Region, id)
		if err != nil {
			return nil, &APIError{400, "ResourceNotFoundException", "Resource " + id + " not found"}
		}
		if err := s.injected(req.Op, t.ID(), req.Region); err != nil {
			return nil, err
		}
		var kvs []any
		for _, kv := range tags(t) {
			kvs = append(kvs, map[string]any{"Key": kv[0], "Value": kv[1]})
		}
		tagList = append(tagList, map[string]any{"ResourceId": t.ID(), "TagsList": kvs})
	}
	return jsonResult(map[string]any{"ResourceTagList": tagList})
}
