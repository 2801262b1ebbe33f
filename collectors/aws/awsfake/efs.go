package awsfake

import "net/http"

// EFS (restJson1, signing name elasticfilesystem): file systems.
func init() {
	services["elasticfilesystem"] = restJSONProtocol("elasticfilesystem", []restRoute{
		{http.MethodGet, "/2015-02-01/file-systems", "DescribeFileSystems", efsDescribeFileSystems},
	}, APIError{Status: http.StatusTooManyRequests, Code: "ThrottlingException"})
}

func efsDescribeFileSystems(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", req.Region); err != nil {
		return nil, err
	}
	var items []any
	for _, fs := range s.inRegion("aws_efs_file_system", req.Region) {
		kvs := []any{}
		for _, kv := range tags(fs) {
			kvs = append(kvs, map[string]any{"Key": kv[0], "Value": kv[1]})
		}
		m := map[string]any{
			"OwnerId": s.Account(), "CreationToken": str(fs, "file_system_id"), "FileSystemId": str(fs, "file_system_id"),
			"FileSystemArn": fs.ID(), "CreationTime": 1.7e9, "LifeCycleState": "available", "NumberOfMountTargets": 1,
			"SizeInBytes": map[string]any{"Value": 6144}, "PerformanceMode": "generalPurpose",
			"Encrypted": boolean(fs, "encrypted"), "ThroughputMode": "bursting", "Tags": kvs,
		}
		if v, ok := object(fs, "tags")["Name"].(string); ok {
			m["Name"] = v
		}
		if v := strp(fs, "kms_key_id"); v != nil {
			m["KmsKeyId"] = *v
		}
		items = append(items, m)
	}
	marker := req.Params.Get("Marker")
	start, end, next := s.Page(len(items), marker, req.Params.Get("MaxItems"))
	out := map[string]any{"FileSystems": append([]any{}, items[start:end]...)}
	if marker != "" {
		out["Marker"] = marker
	}
	if next != "" {
		out["NextMarker"] = next
	}
	return restJSONResult(out)
}
