package awsfake

import "net/http"

// IAM Access Analyzer (restJson1): a region's analyzers, from the aws_region resource's
// access_analyzers attribute.
func init() {
	services["access-analyzer"] = restJSONProtocol("access-analyzer", []restRoute{
		{http.MethodGet, "/analyzer", "ListAnalyzers", accessAnalyzerListAnalyzers},
	}, APIError{Status: http.StatusTooManyRequests, Code: "ThrottlingException"})
}

func accessAnalyzerListAnalyzers(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, s.regionARN(req.Region), req.Region); err != nil {
		return nil, err
	}
	var items []any
	if r := s.regionResource(req.Region); r != nil {
		want := req.Params.Get("type")
		for _, x := range list(r, "access_analyzers") {
			a, _ := x.(map[string]any)
			if want != "" && str(a, "type") != want {
				continue
			}
			items = append(items, map[string]any{
				"arn": str(a, "arn"), "name": str(a, "name"), "type": str(a, "type"), "status": str(a, "status"),
				"createdAt": "2025-01-01T00:00:00Z", "tags": map[string]any{},
			})
		}
	}
	start, end, next := s.Page(len(items), req.Params.Get("nextToken"), req.Params.Get("maxResults"))
	out := map[string]any{"analyzers": append([]any{}, items[start:end]...)}
	if next != "" {
		out["nextToken"] = next
	}
	return restJSONResult(out)
}
