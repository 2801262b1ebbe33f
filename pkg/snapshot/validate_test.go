package snapshot

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/incloud/incloud/policies"
)

func newTestValidator(t testing.TB) *Validator {
	t.Helper()
	v, err := NewValidator(policies.FS, "schemas")
	if err != nil {
		t.Fatalf("NewValidator: %v", err)
	}
	return v
}

const validBucket = `{
  "id": "arn:aws:s3:::acme-web-assets",
  "name": "acme-web-assets",
  "region": "us-east-1",
  "tags": {"env": "prod", "aws:cloudformation:stack-name": "web"},
  "creation_date": "2024-03-01T10:00:00Z",
  "acl": {"owner_id": "abc", "grants": [
    {"grantee_type": "CanonicalUser", "grantee_id": "abc", "grantee_uri": null, "permission": "FULL_CONTROL"},
    {"grantee_type": "Group", "grantee_id": null, "grantee_uri": "http://acs.amazonaws.com/groups/global/AllUsers", "permission": "READ"}
  ]},
  "policy": {"Version": "2012-10-17", "Statement": []},
  "policy_is_public": false,
  "public_access_block": null,
  "encryption": {"rules": [{"sse_algorithm": "AES256", "kms_master_key_id": null, "bucket_key_enabled": false}]},
  "versioning": {"status": "", "mfa_delete": ""},
  "logging": null,
  "object_ownership": null
}`

const validSecurityGroup = `{
  "id": "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0a1b2c3d4e5f60718",
  "name": "web",
  "region": "us-east-1",
  "tags": {},
  "group_id": "sg-0a1b2c3d4e5f60718",
  "vpc_id": "vpc-0a1b2c3d4e5f60718",
  "description": "web servers",
  "is_default": false,
  "ingress_rules": [{"ip_protocol": "tcp", "from_port": 443, "to_port": 443, "ipv4_ranges": ["0.0.0.0/0"], "ipv6_ranges": [], "prefix_list_ids": [], "source_group_ids": []}],
  "egress_rules": [{"ip_protocol": "-1", "from_port": null, "to_port": null, "ipv4_ranges": ["0.0.0.0/0"], "ipv6_ranges": [], "prefix_list_ids": [], "source_group_ids": []}]
}`

// decodeResource decodes a resource the way Parse does (json.Number for numbers).
func decodeResource(t *testing.T, src string) Resource {
	t.Helper()
	var r Resource
	dec := json.NewDecoder(strings.NewReader(src))
	dec.UseNumber()
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("decode test resource: %v", err)
	}
	return r
}

func testSnapshot(resources map[string][]Resource) *Snapshot {
	s := New("aws", "123456789012", time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC))
	for t, rs := range resources {
		s.Add(t, rs...)
	}
	return s
}

func errorStrings(errs []error) []string {
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = e.Error()
	}
	return out
}

func TestValidateValidResources(t *testing.T) {
	v := newTestValidator(t)
	s := testSnapshot(map[string][]Resource{
		"aws_s3_bucket":          {decodeResource(t, validBucket)},
		"aws_ec2_security_group": {decodeResource(t, validSecurityGroup)},
	})
	if errs := v.Validate(s); len(errs) != 0 {
		t.Fatalf("valid snapshot: got errors:\n%s", strings.Join(errorStrings(errs), "\n"))
	}
}

func TestValidateViolations(t *testing.T) {
	v := newTestValidator(t)
	tests := []struct {
		name   string
		typ    string
		src    string
		mutate func(r Resource)
		want   string // the whole first line of the only expected error, or its prefix ending in ": "
	}{
		{"missing attribute", "aws_s3_bucket", validBucket,
			func(r Resource) { delete(r, "versioning") },
			"$.resources.aws_s3_bucket[1].versioning: missing required attribute"},
		{"wrong type", "aws_s3_bucket", validBucket,
			func(r Resource) { r["policy_is_public"] = "no" },
			"$.resources.aws_s3_bucket[1].policy_is_public: wrong type: got string, want boolean"},
		{"bad enum in nested array", "aws_s3_bucket", validBucket,
			func(r Resource) { grant(r, 1)["permission"] = "READ_ALL" },
			`$.resources.aws_s3_bucket[1].acl.grants[1].permission: value must be one of "FULL_CONTROL", "READ", "WRITE", "READ_ACP", "WRITE_ACP" (got "READ_ALL")`},
		{"unknown attribute", "aws_s3_bucket", validBucket,
			func(r Resource) { r["aclz"] = nil },
			"$.resources.aws_s3_bucket[1].aclz: unknown attribute (not in the schema)"},
		{"unknown nested attribute", "aws_s3_bucket", validBucket,
			func(r Resource) { grant(r, 0)["display_name"] = "me" },
			"$.resources.aws_s3_bucket[1].acl.grants[0].display_name: unknown attribute (not in the schema)"},
		{"missing nested attribute", "aws_s3_bucket", validBucket,
			func(r Resource) { delete(grant(r, 0), "grantee_uri") },
			"$.resources.aws_s3_bucket[1].acl.grants[0].grantee_uri: missing required attribute"},
		{"null where not nullable", "aws_s3_bucket", validBucket,
			func(r Resource) { r["creation_date"] = nil },
			"$.resources.aws_s3_bucket[1].creation_date: wrong type: got null, want string"},
		{"bad time", "aws_s3_bucket", validBucket,
			func(r Resource) { r["creation_date"] = "2024-03-01 10:00:00" },
			"$.resources.aws_s3_bucket[1].creation_date: "},
		{"tag value not a string", "aws_s3_bucket", validBucket,
			func(r Resource) { r["tags"].(map[string]any)["aws:cloudformation:stack-name"] = json.Number("3") },
			`$.resources.aws_s3_bucket[1].tags["aws:cloudformation:stack-name"]: wrong type: got number, want string`},
		{"non-integer port", "aws_ec2_security_group", validSecurityGroup,
			func(r Resource) { r["ingress_rules"].([]any)[0].(map[string]any)["from_port"] = json.Number("22.5") },
			"$.resources.aws_ec2_security_group[1].ingress_rules[0].from_port: wrong type: got number, want integer or null"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			good := decodeResource(t, tc.src)
			bad := decodeResource(t, tc.src)
			// Give the bad one a later id so that it sorts second.
			bad["id"] = bad.ID() + "-z"
			tc.mutate(bad)
			errs := v.Validate(testSnapshot(map[string][]Resource{tc.typ: {good, bad}}))
			if len(errs) != 1 {
				t.Fatalf("got %d errors, want 1:\n%s", len(errs), strings.Join(errorStrings(errs), "\n"))
			}
			got := errs[0].Error()
			if strings.HasSuffix(tc.want, ": ") {
				if !strings.HasPrefix(got, tc.want) || strings.Contains(got, "\n") {
					t.Errorf("got %q, want one line starting %q", got, tc.want)
				}
			} else if got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
			var se *SchemaError
			if !errors.As(errs[0], &se) || !strings.HasPrefix(se.Path, "$.resources."+tc.typ+"[1]") {
				t.Errorf("error %#v is not a *SchemaError with the resource's path", errs[0])
			}
		})
	}
}

func grant(r Resource, i int) map[string]any {
	return r["acl"].(map[string]any)["grants"].([]any)[i].(map[string]any)
}

func TestValidateReportsEveryProblemOnce(t *testing.T) {
	v := newTestValidator(t)
	r := decodeResource(t, validBucket)
	delete(r, "logging")
	r["versioning"] = map[string]any{"status": "On", "mfa_delete": ""}
	r["object_ownership"] = json.Number("1") // wrong type: reported once, not again as a bad enum value
	errs := v.Validate(testSnapshot(map[string][]Resource{"aws_s3_bucket": {r}}))
	got := errorStrings(errs)
	want := []string{
		"$.resources.aws_s3_bucket[0].logging: missing required attribute",
		"$.resources.aws_s3_bucket[0].object_ownership: wrong type: got number, want string or null",
		`$.resources.aws_s3_bucket[0].versioning.status: value must be one of "Enabled", "Suspended", "" (got "On")`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestValidateUnknownTypeAndErrorEntries(t *testing.T) {
	v := newTestValidator(t)
	s := testSnapshot(map[string][]Resource{
		"aws_s3_bucket":  {decodeResource(t, validBucket)},
		"aws_s3_bukkit":  {decodeResource(t, validBucket)},
		"aws_iam_user_x": {},
	})
	s.AddError(CollectionError{ResourceType: "aws_s3_bucket", ResourceID: "arn:aws:s3:::acme-web-assets", Region: "us-east-1",
		Operation: "s3:GetBucketPolicy", Code: "AccessDenied", Message: "denied", Attributes: []string{"policy", "polcy_is_public"}})
	s.AddError(CollectionError{ResourceType: "aws_lambda_function", Region: "us-east-1",
		Operation: "lambda:ListFunctions", Code: "AccessDenied", Message: "denied"})
	s.AddError(CollectionError{ResourceType: "aws_region", ResourceID: "arn:aws:ec2:eu-west-1:123456789012:region/eu-west-1", Region: "eu-west-1",
		Operation: "ec2:GetEbsEncryptionByDefault", Code: "Throttling", Message: "rate exceeded", Attributes: []string{"ebs_encryption_by_default"}})
	got := errorStrings(v.Validate(s))
	want := []string{
		`$.resources.aws_iam_user_x: unknown resource type "aws_iam_user_x" for provider aws (known: ` + strings.Join(v.Types("aws"), ", ") + ")",
		`$.resources.aws_s3_bukkit: unknown resource type "aws_s3_bukkit" for provider aws (known: ` + strings.Join(v.Types("aws"), ", ") + ")",
		`$.errors[0].attributes[1]: "polcy_is_public" is not an attribute of aws_s3_bucket`,
		`$.errors[1].resource_type: unknown resource type "aws_lambda_function" for provider aws`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestValidateGoTypedResources(t *testing.T) {
	v := newTestValidator(t)
	// As a collector builds it in memory, before any JSON round trip.
	sg := Resource{
		"id": "arn:aws:ec2:us-east-1:123456789012:security-group/sg-1", "name": "web", "region": "us-east-1",
		"tags": map[string]string{"env": "prod"}, "group_id": "sg-1", "vpc_id": "vpc-1", "description": "web",
		"is_default": false,
		"ingress_rules": []map[string]any{{"ip_protocol": "tcp", "from_port": 22, "to_port": int32(22),
			"ipv4_ranges": []string{"10.0.0.0/8"}, "ipv6_ranges": []string{}, "prefix_list_ids": []string{}, "source_group_ids": []string{"sg-2"}}},
		"egress_rules": []map[string]any{},
	}
	if errs := v.Validate(testSnapshot(map[string][]Resource{"aws_ec2_security_group": {sg}})); len(errs) != 0 {
		t.Fatalf("Go-typed valid resource: %v", errs)
	}
	sg["ingress_rules"].([]map[string]any)[0]["to_port"] = "22"
	sg["ingress_rules"].([]map[string]any)[0]["ipv4_ranges"] = []int{10}
	got := errorStrings(v.Validate(testSnapshot(map[string][]Resource{"aws_ec2_security_group": {sg}})))
	want := []string{
		"$.resources.aws_ec2_security_group[0].ingress_rules[0].ipv4_ranges[0]: wrong type: got number, want string",
		"$.resources.aws_ec2_security_group[0].ingress_rules[0].to_port: wrong type: got string, want integer or null",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The resource itself is not changed by validation.
	if _, ok := sg["tags"].(map[string]string); !ok {
		t.Errorf("Validate changed the resource's Go types")
	}
}

func TestTypesAndSchema(t *testing.T) {
	v := newTestValidator(t)
	types := v.Types("aws")
	if len(types) != 21 {
		t.Errorf("got %d aws types, want 21: %v", len(types), types)
	}
	for i := 1; i < len(types); i++ {
		if types[i-1] >= types[i] {
			t.Errorf("types not sorted: %q before %q", types[i-1], types[i])
		}
	}
	if got := v.Types("gcp"); len(got) != 23 {
		t.Errorf("got %d gcp types, want 23: %v", len(got), got)
	}
	s, ok := v.Schema("aws_s3_bucket")
	if !ok {
		t.Fatal("Schema(aws_s3_bucket): not found")
	}
	if s["additionalProperties"] != false {
		t.Errorf("aws_s3_bucket schema: additionalProperties = %v", s["additionalProperties"])
	}
	delete(s, "properties")
	if again, _ := v.Schema("aws_s3_bucket"); again["properties"] == nil {
		t.Error("Schema returned shared state: a caller's change leaked into the next call")
	}
	if _, ok := v.Schema("aws_s3_bukkit"); ok {
		t.Error("Schema(aws_s3_bukkit): found")
	}
	if !v.HasAttribute("aws_region", "ebs_default_kms_key_id") || v.HasAttribute("aws_region", "ebs_kms") {
		t.Error("HasAttribute gives wrong answers for aws_region")
	}
}

// TestSchemasAreClosed checks the schema conventions the OPA type checker relies on: every
// object closed (additionalProperties false) and every property required, except tags and
// IAM policy documents, which are free-form.
func TestSchemasAreClosed(t *testing.T) {
	v := newTestValidator(t)
	for _, typ := range v.Types("aws") {
		s, _ := v.Schema(typ)
		for _, common := range []string{"id", "name", "region", "tags"} {
			if !v.HasAttribute(typ, common) {
				t.Errorf("%s: no %s attribute", typ, common)
			}
		}
		checkClosed(t, typ, "$", s)
	}
}

func checkClosed(t *testing.T, typ, at string, s map[string]any) {
	t.Helper()
	if props, ok := s["properties"].(map[string]any); ok {
		if s["additionalProperties"] != false {
			t.Errorf("%s %s: object without additionalProperties false", typ, at)
		}
		req := map[string]bool{}
		for _, r := range s["required"].([]any) {
			req[r.(string)] = true
		}
		for name, p := range props {
			if !req[name] {
				t.Errorf("%s %s.%s: not required", typ, at, name)
			}
			checkClosed(t, typ, at+"."+name, p.(map[string]any))
		}
		return
	}
	if items, ok := s["items"].(map[string]any); ok {
		checkClosed(t, typ, at+"[]", items)
		return
	}
	types := s["type"]
	isObject := types == "object"
	if l, ok := types.([]any); ok {
		isObject = l[0] == "object"
	}
	if !isObject {
		return
	}
	name := at[strings.LastIndex(at, ".")+1:]
	switch name {
	case "tags", "document", "assume_role_policy", "policy":
	default:
		t.Errorf("%s %s: free-form object", typ, at)
	}
}

func TestNewValidatorErrors(t *testing.T) {
	schema := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	const ok = `{"type":"object","properties":{"id":{"type":"string"}}}`
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"no directory", fstest.MapFS{}, "read schema directory s"},
		{"no schemas", fstest.MapFS{"s/aws/README.md": schema("x")}, "no schemas found"},
		{"type without provider prefix", fstest.MapFS{"s/aws/s3_bucket.json": schema(ok)}, `resource type "s3_bucket" does not start with "aws_"`},
		{"malformed JSON", fstest.MapFS{"s/aws/aws_x.json": schema(`{"type":`)}, "schema s/aws/aws_x.json"},
		{"not a schema", fstest.MapFS{"s/aws/aws_x.json": schema(`{"type":"object","properties":{"id":{"type":5}}}`)}, "schema s/aws/aws_x.json"},
		{"no properties", fstest.MapFS{"s/aws/aws_x.json": schema(`{"type":"object"}`)}, "describes no properties"},
		{"unknown $ref file", fstest.MapFS{"s/aws/aws_x.json": schema(`{"type":"object","properties":{"id":{"$ref":"../nope.json#/$defs/id"}}}`)}, `$ref "../nope.json#/$defs/id"`},
		{"unknown $ref definition", fstest.MapFS{"s/resource.json": schema(`{"$defs":{}}`), "s/aws/aws_x.json": schema(`{"type":"object","properties":{"id":{"$ref":"../resource.json#/$defs/id"}}}`)}, `no "id" in s/resource.json`},
		{"$ref outside the directory", fstest.MapFS{"s/aws/aws_x.json": schema(`{"type":"object","properties":{"id":{"$ref":"file:///etc/passwd"}}}`)}, "only references to files of the schema directory"},
		{"keyword beside $ref", fstest.MapFS{"s/resource.json": schema(`{"$defs":{"id":{"type":"string"}}}`), "s/aws/aws_x.json": schema(`{"type":"object","properties":{"id":{"$ref":"../resource.json#/$defs/id","type":"number"}}}`)}, `keyword "type" beside $ref`},
		{"$ref cycle", fstest.MapFS{"s/aws/aws_x.json": schema(`{"$defs":{"a":{"$ref":"#/$defs/a"}},"type":"object","properties":{"id":{"$ref":"#/$defs/a"}}}`)}, "nested too deeply"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewValidator(tc.fsys, "s")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
	v, err := NewValidator(fstest.MapFS{"s/aws/aws_x.json": schema(ok), "s/gcp/gcp_y.json": schema(ok)}, "s")
	if err != nil {
		t.Fatal(err)
	}
	// A $ref to the shared base resolves: the resolved schema holds the definition itself.
	base := fstest.MapFS{
		"s/resource.json":  schema(`{"$defs":{"id":{"type":"string","minLength":1}}}`),
		"s/aws/aws_x.json": schema(`{"type":"object","properties":{"id":{"$ref":"../resource.json#/$defs/id"}}}`),
	}
	bv, err := NewValidator(base, "s")
	if err != nil {
		t.Fatal(err)
	}
	if sch, _ := bv.Schema("aws_x"); !reflect.DeepEqual(sch["properties"], map[string]any{"id": map[string]any{"type": "string", "minLength": 1.0}}) {
		t.Errorf("resolved schema: %v", sch)
	}
	if errs := bv.Validate(&Snapshot{Provider: "aws", Resources: map[string][]Resource{"aws_x": {{"id": ""}}}}); len(errs) != 1 || !strings.Contains(errs[0].Error(), ".id") {
		t.Errorf("an empty id against the base definition: %v", errs)
	}
	if !reflect.DeepEqual(v.Types("aws"), []string{"aws_x"}) || !reflect.DeepEqual(v.Types("gcp"), []string{"gcp_y"}) {
		t.Errorf("types: aws %v, gcp %v", v.Types("aws"), v.Types("gcp"))
	}
}

const validUser = `{
  "id": "arn:aws:iam::123456789012:user/bob", "name": "bob", "region": "global", "tags": {},
  "user_id": "AIDAEXAMPLEBOB0000001", "path": "/", "create_date": "2025-01-01T00:00:00Z",
  "password_enabled": true, "password_last_used": null, "password_last_changed": "2025-01-01T00:00:00Z",
  "mfa_active": false, "mfa_devices": [], "access_keys": [], "groups": ["dev"],
  "attached_policies": [], "inline_policies": []
}`

const validRegion = `{
  "id": "arn:aws:ec2:us-east-1:123456789012:region/us-east-1", "name": "us-east-1", "region": "us-east-1", "tags": {},
  "opt_in_status": "opt-in-not-required", "ebs_encryption_by_default": true, "ebs_default_kms_key_id": "alias/aws/ebs",
  "access_analyzers": [], "security_hub": {"enabled": false, "hub_arn": null, "subscribed_at": null},
  "config": {"recorders": [], "delivery_channels": []}
}`

// TestValidateNullWhereUnread checks the README's convention that null also means "could not be
// read" when an error entry names the attribute, on the resource or on its type and region.
func TestValidateNullWhereUnread(t *testing.T) {
	v := newTestValidator(t)
	userID := "arn:aws:iam::123456789012:user/bob"
	userErr := func(attrs ...string) CollectionError {
		return CollectionError{ResourceType: "aws_iam_user", ResourceID: userID, Region: "global",
			Operation: "iam:ListGroupsForUser", Code: "AccessDenied", Attributes: attrs}
	}
	regionErr := func(region string) CollectionError {
		return CollectionError{ResourceType: "aws_region", Region: region, Operation: "ec2:DescribeRegions", Code: "AccessDenied"}
	}
	tests := []struct {
		name   string
		typ    string
		src    string
		mutate func(r Resource)
		errs   []CollectionError
		want   []string
	}{
		{"null without an error entry", "aws_iam_user", validUser, func(r Resource) { r["groups"] = nil }, nil,
			[]string{"$.resources.aws_iam_user[0].groups: wrong type: got null, want array"}},
		{"null named by an error entry", "aws_iam_user", validUser, func(r Resource) { r["groups"] = nil },
			[]CollectionError{userErr("groups")}, nil},
		{"error entry names another attribute", "aws_iam_user", validUser, func(r Resource) { r["groups"] = nil },
			[]CollectionError{userErr("attached_policies")},
			[]string{"$.resources.aws_iam_user[0].groups: wrong type: got null, want array"}},
		{"error entry naming no attribute", "aws_iam_user", validUser,
			func(r Resource) { r["groups"], r["mfa_active"], r["create_date"] = nil, nil, nil },
			[]CollectionError{userErr()}, nil},
		{"only null is excused", "aws_iam_user", validUser, func(r Resource) { r["groups"] = "dev" },
			[]CollectionError{userErr("groups")},
			[]string{"$.resources.aws_iam_user[0].groups: wrong type: got string, want array"}},
		{"nested null is not excused", "aws_iam_user", validUser, func(r Resource) { r["mfa_devices"] = []any{nil} },
			[]CollectionError{userErr("mfa_devices")},
			[]string{"$.resources.aws_iam_user[0].mfa_devices[0]: wrong type: got null, want object"}},
		{"failed global list call", "aws_region", validRegion, func(r Resource) { r["opt_in_status"] = nil },
			[]CollectionError{regionErr("global")}, nil},
		{"failed list call in another region", "aws_region", validRegion, func(r Resource) { r["opt_in_status"] = nil },
			[]CollectionError{regionErr("eu-west-1")},
			[]string{"$.resources.aws_region[0].opt_in_status: wrong type: got null, want string"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := decodeResource(t, tc.src)
			tc.mutate(r)
			s := testSnapshot(map[string][]Resource{tc.typ: {r}})
			for _, e := range tc.errs {
				s.AddError(e)
			}
			got := errorStrings(v.Validate(s))
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func BenchmarkValidateDemo(b *testing.B) {
	v := newTestValidator(b)
	data, err := os.ReadFile("../../testdata/snapshots/aws-demo.json")
	if err != nil {
		b.Fatal(err)
	}
	s, err := Parse(data)
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, rs := range s.Resources {
		n += len(rs)
	}
	b.ResetTimer()
	for b.Loop() {
		if errs := v.Validate(s); len(errs) != 0 {
			b.Fatal(errs)
		}
	}
	b.ReportMetric(float64(n), "resources/op")
}

func BenchmarkNewValidator(b *testing.B) {
	for b.Loop() {
		newTestValidator(b)
	}
}
