package awsfake

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/incloud/incloud/pkg/snapshot"
)

const (
	s3XMLNS        = "http://s3.amazonaws.com/doc/2006-03-01/"
	s3ControlXMLNS = "http://awss3control.amazonaws.com/doc/2018-08-20/"
	xsiNS          = "http://www.w3.org/2001/XMLSchema-instance"
)

// s3BucketOps maps a bucket sub-resource (the query parameter of GET /<bucket>?acl) to its
// operation and handler.
var s3BucketOps = []struct {
	param, action string
	h             func(s *Server, req *Request, b snapshot.Resource) (*Response, error)
}{
	{"acl", "GetBucketAcl", bucketACL},
	{"policyStatus", "GetBucketPolicyStatus", bucketPolicyStatus},
	{"policy", "GetBucketPolicy", bucketPolicy},
	{"publicAccessBlock", "GetPublicAccessBlock", bucketPublicAccessBlock},
	{"encryption", "GetBucketEncryption", bucketEncryption},
	{"versioning", "GetBucketVersioning", bucketVersioning},
	{"logging", "GetBucketLogging", bucketLogging},
	{"ownershipControls", "GetBucketOwnershipControls", bucketOwnershipControls},
	{"tagging", "GetBucketTagging", bucketTagging},
	{"location", "GetBucketLocation", bucketLocation},
}

// S3 and S3 Control both sign as "s3": S3 Control requests are told apart by their path.
func init() {
	services["s3"] = &protocol{
		route: routeS3,
		errorResponse: func(s *Server, req *Request, e *APIError) *Response {
			if strings.HasPrefix(req.Op, "s3control:") {
				return xmlResponse(e.Status, el("ErrorResponse",
					el("Error", tx("Code", e.Code), tx("Message", e.Message)), tx("RequestId", s.NextRequestID())))
			}
			resp := xmlResponse(e.Status, el("Error", tx("Code", e.Code), tx("Message", e.Message),
				tx("RequestId", s.NextRequestID()), tx("HostId", "awsfake")))
			if e.Code == "PermanentRedirect" {
				resp.Header = http.Header{"X-Amz-Bucket-Region": {bucketRegionOf(s, req)}}
			}
			return resp
		},
		throttle: APIError{Status: 503, Code: "SlowDown"},
	}
}

func routeS3(s *Server, req *Request) (string, handler) {
	path := req.HTTP.URL.Path
	if req.HTTP.Method != http.MethodGet {
		return "s3:" + req.HTTP.Method, nil
	}
	if strings.HasPrefix(path, "/v20180820/") {
		if path == "/v20180820/configuration/publicAccessBlock" {
			return "s3control:GetPublicAccessBlock", accountPublicAccessBlock
		}
		return "s3control:Unknown", nil
	}
	if path == "/" {
		return "s3:ListBuckets", listBuckets
	}
	name := strings.Trim(path, "/")
	if strings.Contains(name, "/") {
		return "s3:GetObject", nil
	}
	q := req.HTTP.URL.Query()
	for _, o := range s3BucketOps {
		if _, ok := q[o.param]; !ok {
			continue
		}
		h := o.h
		op := o.action
		return "s3:" + op, func(s *Server, req *Request) (*Response, error) {
			b := s.Find("aws_s3_bucket", "name", name)
			if b == nil {
				return nil, &APIError{404, "NoSuchBucket", "The specified bucket does not exist"}
			}
			// Bucket calls must be sent to the bucket's region (GetBucketLocation excepted).
			if op != "GetBucketLocation" && req.Region != b.Region() {
				return nil, &APIError{301, "PermanentRedirect", "The bucket you are attempting to access must be addressed using the specified endpoint."}
			}
			if err := s.injected(req.Op, b.ID(), b.Region()); err != nil {
				return nil, err
			}
			return h(s, req, b)
		}
	}
	return "s3:Unknown", nil
}

func bucketRegionOf(s *Server, req *Request) string {
	if b := s.Find("aws_s3_bucket", "name", strings.Trim(req.HTTP.URL.Path, "/")); b != nil {
		return b.Region()
	}
	return ""
}

func s3Doc(root xmlNode) *Response { return xmlResponse(200, root.attr("xmlns", s3XMLNS)) }

// ownerID is the account's canonical user id: the first bucket ACL's owner, or a fixed one.
func (s *Server) ownerID() string {
	for _, b := range s.Resources("aws_s3_bucket") {
		if id := str(object(b, "acl"), "owner_id"); id != "" {
			return id
		}
	}
	return "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
}

func listBuckets(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", snapshot.GlobalRegion); err != nil {
		return nil, err
	}
	q := req.HTTP.URL.Query()
	all := s.Resources("aws_s3_bucket")
	start, end, next := s.Page(len(all), q.Get("continuation-token"), q.Get("max-buckets"))
	var items []xmlNode
	for _, b := range all[start:end] {
		region := tx("BucketRegion", b.Region())
		if s.noRegion {
			region = none()
		}
		items = append(items, el("Bucket", tx("Name", str(b, "name")), tx("CreationDate", str(b, "creation_date")), region))
	}
	kids := []xmlNode{wrap("Buckets", "Bucket", items), el("Owner", tx("DisplayName", "owner"), tx("ID", s.ownerID()))}
	if next != "" {
		kids = append(kids, tx("ContinuationToken", next))
	}
	return s3Doc(el("ListAllMyBucketsResult", kids...)), nil
}

func bucketLocation(s *Server, req *Request, b snapshot.Resource) (*Response, error) {
	loc := b.Region()
	if loc == "us-east-1" {
		loc = ""
	}
	return s3Doc(tx("LocationConstraint", loc)), nil
}

func bucketACL(s *Server, req *Request, b snapshot.Resource) (*Response, error) {
	acl := object(b, "acl")
	var grants []xmlNode
	for _, g := range list(acl, "grants") {
		g, _ := g.(map[string]any)
		typ := str(g, "grantee_type")
		var kids []xmlNode
		switch typ {
		case "Group":
			kids = append(kids, opt("URI", strp(g, "grantee_uri")))
		case "AmazonCustomerByEmail":
			kids = append(kids, opt("EmailAddress", strp(g, "grantee_id")))
		default:
			kids = append(kids, opt("ID", strp(g, "grantee_id")), opt("URI", strp(g, "grantee_uri")))
		}
		grantee := el("Grantee", kids...).attr("xmlns:xsi", xsiNS).attr("xsi:type", typ)
		grants = append(grants, el("Grant", grantee, tx("Permission", str(g, "permission"))))
	}
	return s3Doc(el("AccessControlPolicy",
		el("Owner", tx("ID", str(acl, "owner_id"))),
		wrap("AccessControlList", "Grant", grants))), nil
}

func bucketPolicy(s *Server, req *Request, b snapshot.Resource) (*Response, error) {
	if isNull(b, "policy") {
		return nil, &APIError{404, "NoSuchBucketPolicy", "The bucket policy does not exist"}
	}
	body, err := json.Marshal(b["policy"])
	if err != nil {
		return nil, err
	}
	return &Response{ContentType: "application/json", Body: body}, nil
}

func bucketPolicyStatus(s *Server, req *Request, b snapshot.Resource) (*Response, error) {
	if isNull(b, "policy_is_public") {
		return nil, &APIError{404, "NoSuchBucketPolicy", "The bucket policy does not exist"}
	}
	return s3Doc(el("PolicyStatus", tx("IsPublic", boolean(b, "policy_is_public")))), nil
}

func publicAccessBlockNodes(p map[string]any) []xmlNode {
	return []xmlNode{
		tx("BlockPublicAcls", boolean(p, "block_public_acls")), tx("IgnorePublicAcls", boolean(p, "ignore_public_acls")),
		tx("BlockPublicPolicy", boolean(p, "block_public_policy")), tx("RestrictPublicBuckets", boolean(p, "restrict_public_buckets")),
	}
}

func bucketPublicAccessBlock(s *Server, req *Request, b snapshot.Resource) (*Response, error) {
	p := object(b, "public_access_block")
	if p == nil {
		return nil, &APIError{404, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found"}
	}
	return s3Doc(el("PublicAccessBlockConfiguration", publicAccessBlockNodes(p)...)), nil
}

func bucketEncryption(s *Server, req *Request, b snapshot.Resource) (*Response, error) {
	enc := object(b, "encryption")
	if enc == nil {
		return nil, &APIError{404, "ServerSideEncryptionConfigurationNotFoundError", "The server side encryption configuration was not found"}
	}
	var rules []xmlNode
	for _, r := range list(enc, "rules") {
		r, _ := r.(map[string]any)
		rules = append(rules, el("Rule",
			el("ApplyServerSideEncryptionByDefault", tx("SSEAlgorithm", str(r, "sse_algorithm")), opt("KMSMasterKeyID", strp(r, "kms_master_key_id"))),
			tx("BucketKeyEnabled", boolean(r, "bucket_key_enabled"))))
	}
	return s3Doc(el("ServerSideEncryptionConfiguration", rules...)), nil
}

func bucketVersioning(s *Server, req *Request, b snapshot.Resource) (*Response, error) {
	v := object(b, "versioning")
	var kids []xmlNode
	if st := str(v, "status"); st != "" {
		kids = append(kids, tx("Status", st))
	}
	if m := str(v, "mfa_delete"); m != "" {
		kids = append(kids, tx("MfaDelete", m))
	}
	return s3Doc(el("VersioningConfiguration", kids...)), nil
}

func bucketLogging(s *Server, req *Request, b snapshot.Resource) (*Response, error) {
	l := object(b, "logging")
	if l == nil {
		return s3Doc(el("BucketLoggingStatus")), nil
	}
	return s3Doc(el("BucketLoggingStatus", el("LoggingEnabled", tx("TargetBucket", str(l, "target_bucket")), tx("TargetPrefix", str(l, "target_prefix"))))), nil
}

func bucketOwnershipControls(s *Server, req *Request, b snapshot.Resource) (*Response, error) {
	o := strp(b, "object_ownership")
	if o == nil {
		return nil, &APIError{404, "OwnershipControlsNotFoundError", "The bucket ownership controls were not found"}
	}
	return s3Doc(el("OwnershipControls", el("Rule", tx("ObjectOwnership", *o)))), nil
}

func bucketTagging(s *Server, req *Request, b snapshot.Resource) (*Response, error) {
	ts := tags(b)
	if len(ts) == 0 {
		return nil, &APIError{404, "NoSuchTagSet", "The TagSet does not exist"}
	}
	var items []xmlNode
	for _, t := range ts {
		items = append(items, el("Tag", tx("Key", t[0]), tx("Value", t[1])))
	}
	return s3Doc(el("Tagging", wrap("TagSet", "Tag", items))), nil
}

func accountPublicAccessBlock(s *Server, req *Request) (*Response, error) {
	acct := req.HTTP.Header.Get("X-Amz-Account-Id")
	if acct != s.Account() {
		return nil, &APIError{403, "AccessDenied", "Access Denied: account " + acct + " is not the caller's account"}
	}
	if err := s.accountCheck(req); err != nil {
		return nil, err
	}
	p := object(s.account(), "s3_public_access_block")
	if p == nil {
		return nil, &APIError{404, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found"}
	}
	return xmlResponse(200, el("PublicAccessBlockConfiguration", publicAccessBlockNodes(p)...).attr("xmlns", s3ControlXMLNS)), nil
}
