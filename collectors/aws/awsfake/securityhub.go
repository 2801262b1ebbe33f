package awsfake

import "net/http"

// Security Hub (restJson1): DescribeHub, from the aws_region resource's security_hub attribute.
// A region where it is not enabled answers InvalidAccessException, as AWS does.
func init() {
	services["securityhub"] = restJSONProtocol("securityhub", []restRoute{
		{http.MethodGet, "/accounts", "DescribeHub", securityHubDescribeHub},
	}, APIError{Status: http.StatusTooManyRequests, Code: "TooManyRequestsException"})
}

func securityHubDescribeHub(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, s.regionARN(req.Region), req.Region); err != nil {
		return nil, err
	}
	var hub map[string]any
	if r := s.regionResource(req.Region); r != nil {
		hub = object(r, "security_hub")
	}
	if hub == nil || !boolean(hub, "enabled") {
		return nil, &APIError{http.StatusUnauthorized, "InvalidAccessException", "Account " + s.Account() + " is not subscribed to AWS Security Hub"}
	}
	out := map[string]any{"AutoEnableControls": true, "ControlFindingGenerator": "SECURITY_CONTROL"}
	if v := strp(hub, "hub_arn"); v != nil {
		out["HubArn"] = *v
	}
	if v := strp(hub, "subscribed_at"); v != nil {
		out["SubscribedAt"] = *v
	}
	return restJSONResult(out)
}
