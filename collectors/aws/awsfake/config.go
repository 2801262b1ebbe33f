package awsfake

// AWS Config (awsJson1_1, target prefix StarlingDoveService): a region's recorders, their
// status and delivery channels, from the aws_region resource's config attribute.
func init() {
	services["config"] = jsonProtocol("config", map[string]handler{
		"DescribeConfigurationRecorders":      configDescribeRecorders,
		"DescribeConfigurationRecorderStatus": configDescribeRecorderStatus,
		"DescribeDeliveryChannels":            configDescribeDeliveryChannels,
	}, "ThrottlingException")
}

// regionConfig returns the config attribute of the request region's aws_region resource,
// after checking for an injected failure of the request's operation.
func (s *Server) regionConfig(req *Request) (map[string]any, error) {
	if err := s.injected(req.Op, s.regionARN(req.Region), req.Region); err != nil {
		return nil, err
	}
	if r := s.regionResource(req.Region); r != nil {
		return object(r, "config"), nil
	}
	return nil, nil
}

func configDescribeRecorders(s *Server, req *Request) (*Response, error) {
	cfg, err := s.regionConfig(req)
	if err != nil {
		return nil, err
	}
	recs := []any{}
	for _, x := range list(cfg, "recorders") {
		rec, _ := x.(map[string]any)
		recs = append(recs, map[string]any{
			"name":    str(rec, "name"),
			"roleARN": "arn:aws:iam::" + s.Account() + ":role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
			"recordingGroup": map[string]any{
				"allSupported": boolean(rec, "all_supported"), "includeGlobalResourceTypes": boolean(rec, "include_global_resource_types"),
				"resourceTypes": []any{},
			},
		})
	}
	return jsonResult(map[string]any{"ConfigurationRecorders": recs})
}

func configDescribeRecorderStatus(s *Server, req *Request) (*Response, error) {
	cfg, err := s.regionConfig(req)
	if err != nil {
		return nil, err
	}
	sts := []any{}
	for _, x := range list(cfg, "recorders") {
		rec, _ := x.(map[string]any)
		st := map[string]any{"name": str(rec, "name"), "recording": boolean(rec, "recording")}
		if v := strp(rec, "last_status"); v != nil {
			st["lastStatus"] = *v
		}
		sts = append(sts, st)
	}
	return jsonResult(map[string]any{"ConfigurationRecordersStatus": sts})
}

func configDescribeDeliveryChannels(s *Server, req *Request) (*Response, error) {
	cfg, err := s.regionConfig(req)
	if err != nil {
		return nil, err
	}
	chs := []any{}
	for _, x := range list(cfg, "delivery_channels") {
		c, _ := x.(map[string]any)
		ch := map[string]any{"name": str(c, "name"), "s3BucketName": str(c, "s3_bucket_name")}
		if v := strp(c, "sns_topic_arn"); v != nil {
			ch["snsTopicARN"] = *v
		}
		chs = append(chs, ch)
	}
	return jsonResult(map[string]any{"DeliveryChannels": chs})
}
