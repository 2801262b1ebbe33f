// Package awsfake serves a fictional AWS account on 127.0.0.1 through the real wire protocols
// (awsQuery for IAM, STS and RDS, ec2Query for EC2, REST-XML for S3 and S3 Control, JSON 1.1 for
// KMS, CloudTrail, Config and CloudWatch Logs, REST-JSON for Access Analyzer, Security Hub and
// EFS, rpcv2 CBOR for CloudWatch), so that the
// real SDK, and therefore the real collector, can be tested without the internet.
//
// The account is seeded from a snapshot: New(snap) renders every response from the snapshot's
// resources, and injects the snapshot's errors entries as API failures (an entry with operation
// "s3:GetBucketPolicy", resource_id "arn:aws:s3:::x" and code AccessDenied makes that call for
// that bucket fail with that code and message; resource_id "" makes the list call in the
// entry's region fail; a throttling code fails every attempt). Collecting from the fake must
// give back the snapshot: that round trip is the collector's main test.
//
// Requests are routed by the service and region of the SigV4 credential scope in the
// Authorization header. What is not AWS (the seed, injected errors, small pages, throttling
// the first attempts of an operation, latency, the request log) is the fake-cloud core of
// collectors/fakecloud, which Server embeds; this package holds the AWS wire protocols.
package awsfake

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/incloud/incloud/collectors/fakecloud"
	"github.com/incloud/incloud/pkg/snapshot"
)

// Server is a fake AWS account: the provider-neutral fake-cloud core (seed, injected errors,
// pages, throttling, latency, request log) plus the AWS wire protocols.
type Server struct {
	*fakecloud.Core
	noRegion bool
	org      *Organization // organizations.go
}

// Option configures a Server.
type Option func(*options)

type options struct {
	core     []fakecloud.Option
	noRegion bool
	org      *Organization
}

// WithLatency delays every response by d.
func WithLatency(d time.Duration) Option {
	return func(o *options) { o.core = append(o.core, fakecloud.WithLatency(d)) }
}

// WithPageSize sets the largest page a list call returns (default 2).
func WithPageSize(n int) Option {
	return func(o *options) { o.core = append(o.core, fakecloud.WithPageSize(n)) }
}

// WithThrottle makes the first n attempts of op (service:Action, as in snapshot errors)
// fail with the service's throttling error; later attempts succeed.
func WithThrottle(op string, n int) Option {
	return func(o *options) { o.core = append(o.core, fakecloud.WithThrottle(op, n)) }
}

// WithCore passes options to the fake-cloud core (the conformance suite's).
func WithCore(opts ...fakecloud.Option) Option {
	return func(o *options) { o.core = append(o.core, opts...) }
}

// WithoutBucketRegion makes ListBuckets omit BucketRegion, as older S3-compatible services do,
// so that clients must call GetBucketLocation.
func WithoutBucketRegion() Option { return func(o *options) { o.noRegion = true } }

// New starts a fake account serving snap. Close it when done.
func New(snap *snapshot.Snapshot, opts ...Option) *Server {
	var o options
	for _, fn := range opts {
		fn(&o)
	}
	s := &Server{Core: fakecloud.New(snap, o.core...), noRegion: o.noRegion, org: o.org}
	s.Serve(s)
	return s
}

// Request is one decoded API request.
type Request struct {
	HTTP *http.Request
	// Service and Region come from the SigV4 credential scope.
	Service, Region string
	// Params are the query-protocol parameters (form body) merged with the URL query.
	Params url.Values
	Body   []byte
	// Op is the operation (service:Action), set by the router.
	Op string
}

// Response is what a handler returns.
type Response struct {
	Status      int
	ContentType string
	Header      http.Header
	Body        []byte
}

// APIError is an AWS error response.
type APIError struct {
	Status  int
	Code    string
	Message string
}

func (e *APIError) Error() string { return e.Code + ": " + e.Message }

type handler func(s *Server, req *Request) (*Response, error)

// protocol is one wire protocol family: how a service's requests are routed and its errors
// written.
type protocol struct {
	// route returns the operation and its handler; nil handler: unknown operation.
	route func(s *Server, req *Request) (op string, h handler)
	// errorResponse renders an API error.
	errorResponse func(s *Server, req *Request, e *APIError) *Response
	// throttle is the error the service answers when throttling.
	throttle APIError
}

// services maps a SigV4 signing name to its protocol. Service files add themselves in init.
var services = map[string]*protocol{}

func (s *Server) ServeHTTP(w http.ResponseWriter, hr *http.Request) {
	svc, region, ok := credentialScope(hr.Header.Get("Authorization"))
	if !ok {
		http.Error(w, "missing or malformed SigV4 Authorization header", http.StatusForbidden)
		return
	}
	p := services[svc]
	if p == nil {
		http.Error(w, "awsfake: service "+svc+" is not served", http.StatusNotImplemented)
		return
	}
	body, _ := io.ReadAll(hr.Body)
	req := &Request{HTTP: hr, Service: svc, Region: region, Body: body, Params: url.Values{}}
	for k, v := range hr.URL.Query() {
		req.Params[k] = v
	}
	if strings.HasPrefix(hr.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		form, err := url.ParseQuery(string(body))
		if err == nil {
			for k, v := range form {
				req.Params[k] = v
			}
		}
	}
	op, h := p.route(s, req)
	if h == nil {
		s.write(w, p.errorResponse(s, req, &APIError{400, "InvalidAction", fmt.Sprintf("awsfake: %s operation not served (%s %s)", svc, hr.Method, hr.URL.RequestURI())}))
		return
	}
	req.Op = op
	throttled, ok := s.Begin(hr.Context(), op)
	if !ok {
		return
	}
	if throttled {
		e := p.throttle
		e.Message = "Rate exceeded"
		s.write(w, p.errorResponse(s, req, &e))
		return
	}
	resp, err := h(s, req)
	if err != nil {
		ae, ok := err.(*APIError)
		if !ok {
			ae = &APIError{500, "InternalFailure", err.Error()}
		}
		s.write(w, p.errorResponse(s, req, ae))
		return
	}
	s.write(w, resp)
}

func (s *Server) write(w http.ResponseWriter, r *Response) {
	for k, vs := range r.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	if r.ContentType != "" {
		w.Header().Set("Content-Type", r.ContentType)
	}
	w.Header().Set("x-amzn-RequestId", s.NextRequestID())
	status := r.Status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	_, _ = w.Write(r.Body)
}

// credentialScope extracts service and region from "AWS4-HMAC-SHA256
// Credential=AKID/20260101/us-east-1/iam/aws4_request, SignedHeaders=..., Signature=...".
func credentialScope(auth string) (service, region string, ok bool) {
	i := strings.Index(auth, "Credential=")
	if i < 0 {
		return "", "", false
	}
	cred := auth[i+len("Credential="):]
	if j := strings.IndexAny(cred, ", "); j >= 0 {
		cred = cred[:j]
	}
	parts := strings.Split(cred, "/")
	if len(parts) != 5 || parts[4] != "aws4_request" {
		return "", "", false
	}
	return parts[3], parts[2], true
}

// injected returns the snapshot error entry for op on resourceID (or, for a list call with
// resourceID "", in region) as an API error, nil when there is none.
func (s *Server) injected(op, resourceID, region string) error {
	if e := s.Injected(op, resourceID, region); e != nil {
		return &APIError{Status: statusFor(e.Code), Code: e.Code, Message: e.Message}
	}
	return nil
}

// statusFor is the HTTP status AWS answers an error code with.
func statusFor(code string) int {
	switch {
	case code == "SlowDown" || code == "RequestLimitExceeded" || code == "ServiceUnavailable":
		return http.StatusServiceUnavailable
	case strings.Contains(code, "Throttl") || code == "TooManyRequestsException":
		return http.StatusBadRequest
	case strings.HasPrefix(code, "AccessDenied") || code == "UnauthorizedOperation" || code == "AuthFailure":
		return http.StatusForbidden
	case strings.HasPrefix(code, "NoSuch") || strings.HasSuffix(code, "NotFound") || strings.HasSuffix(code, "NotFoundError") || strings.HasSuffix(code, "NotFoundException"):
		return http.StatusNotFound
	}
	return http.StatusBadRequest
}

// account returns the aws_account resource (an empty one when the snapshot has none).
func (s *Server) account() snapshot.Resource {
	if rs := s.Resources("aws_account"); len(rs) > 0 {
		return rs[0]
	}
	return snapshot.Resource{"id": "arn:aws:iam::" + s.Account() + ":root"}
}

// Accessors for snapshot values (after New's re-read: string, bool, json.Number, []any,
// map[string]any, nil).

func str(m map[string]any, k string) string {
	v, _ := m[k].(string)
	return v
}

func strp(m map[string]any, k string) *string {
	v, ok := m[k].(string)
	if !ok {
		return nil
	}
	return &v
}

func boolean(m map[string]any, k string) bool {
	v, _ := m[k].(bool)
	return v
}

func number(m map[string]any, k string) string {
	return fmt.Sprint(m[k])
}

func list(m map[string]any, k string) []any {
	v, _ := m[k].([]any)
	return v
}

func object(m map[string]any, k string) map[string]any {
	v, _ := m[k].(map[string]any)
	return v
}

func isNull(m map[string]any, k string) bool { return m[k] == nil }

// tags returns a resource's tags sorted by key.
func tags(m map[string]any) [][2]string {
	var out [][2]string
	for k, v := range object(m, "tags") {
		out = append(out, [2]string{k, fmt.Sprint(v)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// lastSegment returns what follows the last "/" of an ARN.
func lastSegment(arn string) string { return arn[strings.LastIndex(arn, "/")+1:] }

// fakeID derives a stable AWS-style id (prefix + 17 characters) from a name.
func fakeID(prefix, name string) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	h := uint64(14695981039346656037)
	for _, c := range []byte(name) {
		h = (h ^ uint64(c)) * 1099511628211
	}
	b := make([]byte, 17)
	for i := range b {
		b[i] = alphabet[h%32]
		h = h/32 ^ (h << 7) ^ uint64(i)
	}
	return prefix + string(b)
}

// xmlNode is a minimal XML tree for rendering responses.
type xmlNode struct {
	name  string
	attrs [][2]string
	text  *string
	kids  []xmlNode
	skip  bool
}

// el is an element with children.
func el(name string, kids ...xmlNode) xmlNode { return xmlNode{name: name, kids: kids} }

// tx is an element with text.
func tx(name string, v any) xmlNode {
	s := fmt.Sprint(v)
	return xmlNode{name: name, text: &s}
}

// opt is tx when v is not nil, and nothing otherwise.
func opt(name string, v *string) xmlNode {
	if v == nil {
		return xmlNode{skip: true}
	}
	return tx(name, *v)
}

// none renders nothing.
func none() xmlNode { return xmlNode{skip: true} }

// wrap renames each item to itemName and puts them in an element name (<Users><member>...).
func wrap(name, itemName string, items []xmlNode) xmlNode {
	kids := make([]xmlNode, len(items))
	for i, it := range items {
		it.name = itemName
		kids[i] = it
	}
	return el(name, kids...)
}

func (x xmlNode) attr(k, v string) xmlNode {
	x.attrs = append(append([][2]string{}, x.attrs...), [2]string{k, v})
	return x
}

func (x xmlNode) render(b *bytes.Buffer) {
	if x.skip {
		return
	}
	b.WriteByte('<')
	b.WriteString(x.name)
	for _, a := range x.attrs {
		fmt.Fprintf(b, " %s=\"", a[0])
		xmlEscape(b, a[1])
		b.WriteByte('"')
	}
	b.WriteByte('>')
	if x.text != nil {
		xmlEscape(b, *x.text)
	}
	for _, k := range x.kids {
		k.render(b)
	}
	b.WriteString("</")
	b.WriteString(x.name)
	b.WriteByte('>')
}

func xmlEscape(b *bytes.Buffer, s string) {
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&apos;")
		default:
			b.WriteRune(r)
		}
	}
}

// xmlResponse renders root as an XML document.
func xmlResponse(status int, root xmlNode) *Response {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	root.render(&b)
	return &Response{Status: status, ContentType: "text/xml", Body: b.Bytes()}
}

// queryResult renders an awsQuery response: <ActionResponse><ActionResult>...</ActionResult>
// <ResponseMetadata><RequestId/></ResponseMetadata></ActionResponse>.
func (s *Server) queryResult(action, xmlns string, kids ...xmlNode) *Response {
	return xmlResponse(200, el(action+"Response",
		el(action+"Result", kids...),
		el("ResponseMetadata", tx("RequestId", s.NextRequestID())),
	).attr("xmlns", xmlns))
}

// queryError renders an awsQuery error.
func (s *Server) queryError(xmlns string, e *APIError) *Response {
	kind := "Sender"
	if e.Status >= 500 {
		kind = "Receiver"
	}
	return xmlResponse(e.Status, el("ErrorResponse",
		el("Error", tx("Type", kind), tx("Code", e.Code), tx("Message", e.Message)),
		tx("RequestId", s.NextRequestID()),
	).attr("xmlns", xmlns))
}

// queryProtocol routes awsQuery requests by their Action parameter.
func queryProtocol(service, xmlns string, ops map[string]handler) *protocol {
	return &protocol{
		route: func(s *Server, req *Request) (string, handler) {
			a := req.Params.Get("Action")
			return service + ":" + a, ops[a]
		},
		errorResponse: func(s *Server, req *Request, e *APIError) *Response { return s.queryError(xmlns, e) },
		throttle:      APIError{Status: 400, Code: "Throttling"},
	}
}
