package awsfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/aws/smithy-go/encoding/cbor"
)

// The JSON-family wire protocols: awsJson1_1 (KMS, CloudTrail, Config, CloudWatch Logs),
// restJson1 (Access Analyzer, Security Hub, EFS) and rpcv2Cbor (CloudWatch, in its
// query-compatible mode).

// jsonProtocol routes awsJson1_1 requests by their X-Amz-Target header ("TrentService.ListKeys").
// service is the IAM prefix of the operation names (kms:ListKeys).
func jsonProtocol(service string, ops map[string]handler, throttleCode string) *protocol {
	return &protocol{
		route: func(s *Server, req *Request) (string, handler) {
			target := req.HTTP.Header.Get("X-Amz-Target")
			a := target[strings.LastIndex(target, ".")+1:]
			return service + ":" + a, ops[a]
		},
		errorResponse: func(s *Server, req *Request, e *APIError) *Response {
			body, _ := json.Marshal(map[string]string{"__type": e.Code, "message": e.Message})
			return &Response{Status: e.Status, ContentType: "application/x-amz-json-1.1", Body: body}
		},
		throttle: APIError{Status: 400, Code: throttleCode},
	}
}

// jsonResult renders an awsJson1_1 response.
func jsonResult(v any) (*Response, error) {
	body, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("awsfake: encode response: %w", err)
	}
	return &Response{Status: http.StatusOK, ContentType: "application/x-amz-json-1.1", Body: body}, nil
}

// jsonInput decodes a JSON request body (an empty body is an empty object).
func jsonInput(req *Request) map[string]any {
	in := map[string]any{}
	if len(req.Body) > 0 {
		_ = json.Unmarshal(req.Body, &in)
	}
	return in
}

// inputString returns a string member of a decoded JSON or CBOR request.
func inputString(in map[string]any, k string) string {
	switch v := in[k].(type) {
	case string:
		return v
	case float64:
		return fmt.Sprint(int64(v))
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

// restRoute is one restJson1 operation: method and path (a trailing "*" matches any rest).
type restRoute struct {
	method, path, action string
	h                    handler
}

// restJSONProtocol routes restJson1 requests by method and path.
func restJSONProtocol(service string, routes []restRoute, throttle APIError) *protocol {
	return &protocol{
		route: func(s *Server, req *Request) (string, handler) {
			for _, rt := range routes {
				if req.HTTP.Method != rt.method {
					continue
				}
				p := req.HTTP.URL.Path
				if p == rt.path || (strings.HasSuffix(rt.path, "*") && strings.HasPrefix(p, strings.TrimSuffix(rt.path, "*"))) {
					return service + ":" + rt.action, rt.h
				}
			}
			return service + ":Unknown", nil
		},
		errorResponse: func(s *Server, req *Request, e *APIError) *Response {
			body, _ := json.Marshal(map[string]string{"__type": e.Code, "message": e.Message})
			return &Response{
				Status: e.Status, ContentType: "application/json", Body: body,
				Header: http.Header{"X-Amzn-Errortype": {e.Code}},
			}
		},
		throttle: throttle,
	}
}

// restJSONResult renders a restJson1 response.
func restJSONResult(v any) (*Response, error) {
	body, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("awsfake: encode response: %w", err)
	}
	return &Response{Status: http.StatusOK, ContentType: "application/json", Body: body}, nil
}

// cborProtocol routes rpcv2Cbor requests by their path (/service/<Service>/operation/<Op>).
// Errors carry the awsQuery error code in X-Amzn-Query-Error, as query-compatible services do.
func cborProtocol(service string, ops map[string]handler, throttleCode string) *protocol {
	return &protocol{
		route: func(s *Server, req *Request) (string, handler) {
			p := req.HTTP.URL.Path
			a := p[strings.LastIndex(p, "/")+1:]
			return service + ":" + a, ops[a]
		},
		errorResponse: func(s *Server, req *Request, e *APIError) *Response {
			fault := "Sender"
			if e.Status >= 500 {
				fault = "Receiver"
			}
			return &Response{
				Status: e.Status, ContentType: "application/cbor",
				Body: cbor.Encode(cbor.Map{"__type": cbor.String(e.Code), "message": cbor.String(e.Message)}),
				Header: http.Header{
					"Smithy-Protocol":    {"rpc-v2-cbor"},
					"X-Amzn-Query-Error": {e.Code + ";" + fault},
				},
			}
		},
		throttle: APIError{Status: 400, Code: throttleCode},
	}
}

// cborResult renders an rpcv2Cbor response.
func cborResult(v cbor.Map) *Response {
	return &Response{
		Status: http.StatusOK, ContentType: "application/cbor", Body: cbor.Encode(v),
		Header: http.Header{"Smithy-Protocol": {"rpc-v2-cbor"}},
	}
}

// cborInput decodes an rpcv2Cbor request body into plain Go values (strings, float64 numbers,
// bools, lists, maps).
func cborInput(req *Request) map[string]any {
	out := map[string]any{}
	if len(req.Body) == 0 {
		return out
	}
	v, err := cbor.Decode(req.Body)
	if err != nil {
		return out
	}
	m, ok := v.(cbor.Map)
	if !ok {
		return out
	}
	for k, x := range m {
		out[k] = cborPlain(x)
	}
	return out
}

func cborPlain(v cbor.Value) any {
	switch x := v.(type) {
	case cbor.String:
		return string(x)
	case cbor.Uint:
		return float64(x)
	case cbor.NegInt:
		return -float64(x)
	case cbor.Bool:
		return bool(x)
	case cbor.Float64:
		return float64(x)
	case cbor.Float32:
		return float64(x)
	case cbor.List:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = cborPlain(e)
		}
		return out
	case cbor.Map:
		out := map[string]any{}
		for k, e := range x {
			out[k] = cborPlain(e)
		}
		return out
	}
	return nil
}
