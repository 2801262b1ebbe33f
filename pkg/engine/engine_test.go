package engine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/snapshot"
)

const bucketSchema = `{
  "type": "object",
  "additionalProperties": false,
  "required": ["id", "name", "region", "tags", "public", "policy", "owner"],
  "properties": {
    "id": {"type": "string"}, "name": {"type": "string"}, "region": {"type": "string"},
    "tags": {"type": "object", "additionalProperties": {"type": "string"}},
    "public": {"type": ["boolean", "null"]},
    "policy": {"type": ["object", "null"]},
    "owner": {"type": ["string", "null"]}
  }
}`

const accountSchema = `{
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "id": {"type": "string"}, "name": {"type": "string"}, "region": {"type": "string"},
    "tags": {"type": "object"},
    "strict": {"type": ["boolean", "null"]}
  }
}`

func meta(id, rtype, deps string) string {
	return `# METADATA
# title: Test check ` + id + `
# description: A check used by the engine tests.
# scope: package
# custom:
#   id: ` + id + `
#   severity: high
#   area: data-protection
#   resource_type: ` + rtype + `
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["9.9"]
#   remediation: Fix it.
#   rationale: The customer configures it.
#   depends_on: ` + deps + `
`
}

// publicCheck fails public buckets.
var publicCheck = meta("aws-s3-not-public", "aws_s3_bucket", "[public]") + `package incloud.aws.s3.not_public

deny contains {"resource_id": b.id, "message": sprintf("bucket %s is public", [b.name])} if {
	some b in input.resources.aws_s3_bucket
	b.public == true
}
`

// strictCheck fails every bucket unless the account is strict: it reads another type.
var strictCheck = meta("aws-s3-account-strict", "aws_s3_bucket", "[aws_account.strict]") + `package incloud.aws.s3.account_strict

deny contains {"resource_id": b.id, "message": "account is not strict"} if {
	some b in input.resources.aws_s3_bucket
	not input.resources.aws_account[0].strict
}
`

// ownerCheck cannot decide buckets without an owner.
var ownerCheck = meta("aws-s3-owner", "aws_s3_bucket", "[owner]") + `package incloud.aws.s3.owner

deny contains {"resource_id": b.id, "message": "owned by a stranger"} if {
	some b in input.resources.aws_s3_bucket
	b.owner == "stranger"
}

unknown contains {"resource_id": b.id, "message": "owner unknown"} if {
	some b in input.resources.aws_s3_bucket
	is_null(b.owner)
}
`

func testFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"schemas/aws/aws_s3_bucket.json": {Data: []byte(bucketSchema)},
		"schemas/aws/aws_account.json":   {Data: []byte(accountSchema)},
	}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}

func bucket(name string, public any, owner any) snapshot.Resource {
	return snapshot.Resource{"id": "arn:aws:s3:::" + name, "name": name, "region": "us-east-1", "tags": map[string]any{}, "public": public, "policy": nil, "owner": owner}
}

func testSnapshot() *snapshot.Snapshot {
	s := snapshot.New("aws", "123456789012", time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC))
	s.Add("aws_account", snapshot.Resource{"id": "arn:aws:iam::123456789012:root", "name": "123456789012", "region": "global", "tags": map[string]any{}, "strict": true})
	s.Add("aws_s3_bucket", bucket("open", true, "me"), bucket("closed", false, "me"), bucket("denied", nil, "me"), bucket("strange", false, "stranger"), bucket("orphan", false, nil))
	s.AddError(snapshot.CollectionError{ResourceType: "aws_s3_bucket", ResourceID: "arn:aws:s3:::denied", Region: "us-east-1", Operation: "s3:GetBucketPolicy", Code: "AccessDenied", Message: "Access Denied", Attributes: []string{"public"}})
	s.AddError(snapshot.CollectionError{ResourceType: "aws_s3_bucket", Region: "eu-west-1", Operation: "s3:ListBuckets", Code: "Throttling", Message: "Rate exceeded"})
	return s
}

func load(t *testing.T, files map[string]string) *Engine {
	t.Helper()
	e, err := Load(Options{Builtin: testFS(files)})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return e
}

func byKey(rs []findings.Result) map[string]findings.Result {
	m := map[string]findings.Result{}
	for _, r := range rs {
		m[r.CheckID+" "+r.Region+" "+r.ResourceID] = r
	}
	return m
}

func TestCollectionErrorsNeverPass(t *testing.T) {
	e := load(t, map[string]string{"aws/s3/not_public.rego": publicCheck, "aws/s3/owner.rego": ownerCheck})
	rep, err := e.Evaluate(context.Background(), testSnapshot())
	if err != nil {
		t.Fatal(err)
	}
	got := byKey(rep.Results)
	want := map[string]findings.Status{
		"aws-s3-not-public us-east-1 arn:aws:s3:::open":    findings.StatusFail,
		"aws-s3-not-public us-east-1 arn:aws:s3:::closed":  findings.StatusPass,
		"aws-s3-not-public us-east-1 arn:aws:s3:::denied":  findings.StatusError, // its attribute could not be read
		"aws-s3-not-public us-east-1 arn:aws:s3:::strange": findings.StatusPass,
		"aws-s3-not-public us-east-1 arn:aws:s3:::orphan":  findings.StatusPass,
		"aws-s3-not-public eu-west-1 ":                     findings.StatusError, // the list call failed
		"aws-s3-owner us-east-1 arn:aws:s3:::open":         findings.StatusPass,
		"aws-s3-owner us-east-1 arn:aws:s3:::denied":       findings.StatusPass, // the error is on an attribute the check does not read
		"aws-s3-owner us-east-1 arn:aws:s3:::strange":      findings.StatusFail,
		"aws-s3-owner us-east-1 arn:aws:s3:::orphan":       findings.StatusError, // the check said it cannot decide
		"aws-s3-owner us-east-1 arn:aws:s3:::closed":       findings.StatusPass,
		"aws-s3-owner eu-west-1 ":                          findings.StatusError,
	}
	if len(rep.Results) != len(want) {
		t.Errorf("got %d results, want exactly one per check and resource (%d): %v", len(rep.Results), len(want), got)
	}
	for k, st := range want {
		r, ok := got[k]
		if !ok {
			t.Errorf("missing result %s", k)
			continue
		}
		if r.Status != st {
			t.Errorf("%s: status %s (%s), want %s", k, r.Status, r.Message, st)
		}
	}
	if m := got["aws-s3-not-public us-east-1 arn:aws:s3:::denied"].Message; !strings.Contains(m, "s3:GetBucketPolicy") || !strings.Contains(m, "AccessDenied") {
		t.Errorf("error result should say why: %q", m)
	}
	if m := got["aws-s3-not-public eu-west-1 "].Message; !strings.Contains(m, "Throttling") || !strings.Contains(m, "eu-west-1") {
		t.Errorf("list error result should say why: %q", m)
	}
	if rep.Summary.ByStatus[findings.StatusError] != 4 || rep.Summary.ByStatus[findings.StatusFail] != 2 {
		t.Errorf("summary %+v", rep.Summary.ByStatus)
	}
	if len(rep.Targets) != 1 || rep.Targets[0].Complete {
		t.Errorf("target should be marked incomplete: %+v", rep.Targets)
	}
}

func TestCrossTypeErrorTurnsEveryResultIntoError(t *testing.T) {
	e := load(t, map[string]string{"aws/s3/account_strict.rego": strictCheck})
	s := testSnapshot()
	rep, err := e.Evaluate(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Results {
		if r.ResourceID != "" && r.Status != findings.StatusPass && r.ResourceID != "arn:aws:s3:::denied" {
			t.Errorf("strict account: %s should pass, got %s (%s)", r.ResourceID, r.Status, r.Message)
		}
	}
	// Now the account setting could not be read: no bucket may pass, whatever the check says.
	s.Resources["aws_account"][0]["strict"] = nil
	s.AddError(snapshot.CollectionError{ResourceType: "aws_account", ResourceID: "arn:aws:iam::123456789012:root", Region: "global", Operation: "s3control:GetPublicAccessBlock", Code: "AccessDenied", Message: "denied", Attributes: []string{"strict"}})
	rep, err = e.Evaluate(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Results {
		if r.Status != findings.StatusError {
			t.Errorf("%s: %s, want error because aws_account.strict is unknown", r.ResourceID, r.Status)
		}
		if !strings.Contains(r.Message, "s3control:GetPublicAccessBlock") && r.ResourceID != "" {
			t.Errorf("message should name the failed call: %q", r.Message)
		}
	}
}

func TestBrokenCheckYieldsErrorsNotPasses(t *testing.T) {
	slow := meta("aws-s3-slow", "aws_s3_bucket", "[public]") + `package incloud.aws.s3.slow

deny contains {"resource_id": b.id, "message": "slow"} if {
	some b in input.resources.aws_s3_bucket
	count([x | some x in numbers.range(1, 50000000)]) < 0
}
`
	crash := meta("aws-s3-crash", "aws_s3_bucket", "[owner]") + `package incloud.aws.s3.crash

deny contains {"resource_id": b.id, "message": "x"} if {
	some b in input.resources.aws_s3_bucket
	to_number(b.name) > 1
}
`
	e, err := Load(Options{Builtin: testFS(map[string]string{"aws/s3/slow.rego": slow, "aws/s3/crash.rego": crash}), CheckTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	rep, err := e.Evaluate(context.Background(), testSnapshot())
	if err != nil {
		t.Fatal(err)
	}
	if time.Since(start) > 10*time.Second {
		t.Errorf("the per-check timeout did not stop the slow check")
	}
	for _, r := range rep.Results {
		if r.Status != findings.StatusError {
			t.Errorf("%s %s: %s, want error", r.CheckID, r.ResourceID, r.Status)
		}
	}
	got := byKey(rep.Results)
	if m := got["aws-s3-slow us-east-1 arn:aws:s3:::open"].Message; !strings.Contains(m, "timed out") {
		t.Errorf("slow check message: %q", m)
	}
	if m := got["aws-s3-crash us-east-1 arn:aws:s3:::open"].Message; !strings.Contains(m, "could not be evaluated") {
		t.Errorf("crashing check message: %q", m)
	}
}

func TestLoadRejects(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"http.send", meta("aws-s3-net", "aws_s3_bucket", "[public]") + `package incloud.aws.s3.net
deny contains {"resource_id": "x", "message": "m"} if { http.send({"method": "get", "url": "http://127.0.0.1"}) }
`, "http.send is not allowed"},
		{"time.now_ns", meta("aws-s3-now", "aws_s3_bucket", "[public]") + `package incloud.aws.s3.now
deny contains {"resource_id": "x", "message": "m"} if { time.now_ns() > 0 }
`, "time.now_ns is not allowed"},
		{"attribute typo", meta("aws-s3-typo", "aws_s3_bucket", "[public]") + `package incloud.aws.s3.typo
deny contains {"resource_id": b.id, "message": "m"} if { some b in input.resources.aws_s3_bucket; b.publik == true }
`, "publik"},
		{"unknown area", strings.Replace(publicCheck, "area: data-protection", "area: physical-security", 1), "unknown responsibility area"},
		{"bad severity", strings.Replace(publicCheck, "severity: high", "severity: urgent", 1), "custom.severity"},
		{"missing rationale", strings.Replace(publicCheck, "#   rationale: The customer configures it.\n", "", 1), "missing custom.rationale"},
		{"depends_on typo", strings.Replace(publicCheck, "depends_on: [public]", "depends_on: [publik]", 1), `"publik" is neither an attribute`},
		{"unknown type", strings.Replace(publicCheck, "resource_type: aws_s3_bucket", "resource_type: aws_s3_buckets", 1), "has no schema"},
		{"no metadata", "package incloud.aws.s3.bare\ndeny contains {\"resource_id\": \"x\", \"message\": \"m\"} if { true }\n", "no `# METADATA`"},
		{"syntax", "package incloud.aws.s3.broken\ndeny contains if {\n", "parse policy"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(Options{Builtin: testFS(map[string]string{"aws/s3/x.rego": c.src})})
			if err == nil {
				t.Fatalf("loaded a policy with %s", c.name)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not contain %q", err, c.want)
			}
			if c.name != "syntax" && !strings.Contains(err.Error(), "x.rego") {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestDuplicateIDAndUserPolicyDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "again.rego"), []byte(strings.Replace(publicCheck, "package incloud.aws.s3.not_public", "package incloud.aws.s3.again", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(Options{Builtin: testFS(map[string]string{"aws/s3/not_public.rego": publicCheck}), PolicyDirs: []string{dir}})
	if err == nil || !strings.Contains(err.Error(), "already used") {
		t.Fatalf("duplicate id: %v", err)
	}
	e, err := Load(Options{Builtin: testFS(map[string]string{"aws/s3/owner.rego": ownerCheck}), PolicyDirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if ids := e.Metadata(); len(ids) != 2 || ids[0].ID != "aws-s3-not-public" || !strings.HasPrefix(ids[0].Source, dir) {
		t.Errorf("user check not loaded: %+v", ids)
	}
}

func TestFingerprintsStable(t *testing.T) {
	e := load(t, map[string]string{"aws/s3/not_public.rego": publicCheck})
	a, err := e.Evaluate(context.Background(), testSnapshot())
	if err != nil {
		t.Fatal(err)
	}
	s := testSnapshot()
	s.Add("aws_s3_bucket", bucket("another", true, "me"))
	s.CollectedAt = s.CollectedAt.Add(24 * time.Hour)
	b, err := e.Evaluate(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	fb := byKey(b.Results)
	for k, r := range byKey(a.Results) {
		if fb[k].Fingerprint != r.Fingerprint {
			t.Errorf("%s: fingerprint changed across runs", k)
		}
	}
	if fb["aws-s3-not-public us-east-1 arn:aws:s3:::open"].Fingerprint == fb["aws-s3-not-public us-east-1 arn:aws:s3:::closed"].Fingerprint {
		t.Error("different resources share a fingerprint")
	}
}

// TestDenyValueShapes: what a deny rule yields is read as OPA's value: a set or an array of
// {"resource_id", "message"} objects, messages that are not strings printed as values, and
// anything else (no resource_id, not objects, not a collection) an error result saying what.
func TestDenyValueShapes(t *testing.T) {
	check := func(id, body string) string {
		return meta(id, "aws_s3_bucket", "[public]") + "package incloud.aws.s3." + strings.ReplaceAll(id, "-", "_") + "\n\n" + body
	}
	e := load(t, map[string]string{
		"aws/s3/a.rego": check("aws-s3-array", `deny := [{"resource_id": "arn:aws:s3:::open", "message": "from an array"}]`),
		"aws/s3/b.rego": check("aws-s3-number", `deny contains {"resource_id": "arn:aws:s3:::open", "message": 42}
deny contains {"resource_id": "arn:aws:s3:::open", "message": {"k": "v"}}
deny contains {"resource_id": "arn:aws:s3:::closed"}`),
		"aws/s3/c.rego": check("aws-s3-no-id", `deny contains {"message": "whose?"}`),
		"aws/s3/d.rego": check("aws-s3-strings", `deny contains "arn:aws:s3:::open"`),
		"aws/s3/e.rego": check("aws-s3-scalar", `deny := "everything"`),
	})
	rep, err := e.Evaluate(context.Background(), testSnapshot())
	if err != nil {
		t.Fatal(err)
	}
	got := byKey(rep.Results)
	want := map[string]struct {
		status findings.Status
		msg    string
	}{
		"aws-s3-array us-east-1 arn:aws:s3:::open":    {findings.StatusFail, "from an array"},
		"aws-s3-array us-east-1 arn:aws:s3:::closed":  {findings.StatusPass, ""},
		"aws-s3-number us-east-1 arn:aws:s3:::open":   {findings.StatusFail, "42; map[k:v]"},
		"aws-s3-number us-east-1 arn:aws:s3:::closed": {findings.StatusFail, "<nil>"},
		"aws-s3-no-id us-east-1 arn:aws:s3:::open":    {findings.StatusError, `an entry has no string resource_id: map[message:whose?]`},
		"aws-s3-strings us-east-1 arn:aws:s3:::open":  {findings.StatusError, `want {"resource_id", "message"} objects, got arn:aws:s3:::open`},
		"aws-s3-scalar us-east-1 arn:aws:s3:::open":   {findings.StatusError, `want a set of {"resource_id", "message"} objects, got string`},
	}
	for key, w := range want {
		r, ok := got[key]
		if !ok {
			t.Errorf("%s: no result", key)
			continue
		}
		if r.Status != w.status || (w.msg != "" && !strings.Contains(r.Message, w.msg)) {
			t.Errorf("%s: %s %q, want %s containing %q", key, r.Status, r.Message, w.status, w.msg)
		}
	}
}

// TestVerdictsAndErrorsBeyondTheResourcesAreKept: a failure or an undecided verdict on an id that
// is not a resource of the snapshot, and a collection error on a resource that never made it into
// the snapshot, each get their one result; nothing is dropped and nothing counted twice.
func TestVerdictsAndErrorsBeyondTheResourcesAreKept(t *testing.T) {
	ghost := meta("aws-s3-ghost", "aws_s3_bucket", "[public]") + `package incloud.aws.s3.ghost

deny contains {"resource_id": "arn:aws:s3:::ghost", "message": "a bucket the snapshot does not list"}
deny contains {"resource_id": "arn:aws:s3:::open", "message": "open"}
deny contains {"resource_id": "arn:aws:s3:::both", "message": "denied and undecided"}
unknown contains {"resource_id": "arn:aws:s3:::both", "message": "undecided"}
unknown contains {"resource_id": "arn:aws:s3:::phantom", "message": "undecided"}
`
	e := load(t, map[string]string{"aws/s3/ghost.rego": ghost})
	s := testSnapshot()
	s.AddError(snapshot.CollectionError{ResourceType: "aws_s3_bucket", ResourceID: "arn:aws:s3:::vanished", Region: "us-east-1", Operation: "s3:GetBucketAcl", Code: "AccessDenied", Message: "Access Denied"})
	rep, err := e.Evaluate(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]findings.Result{}
	for _, r := range rep.Results {
		if _, dup := got[r.ResourceID+" "+r.Region]; dup {
			t.Errorf("%s %s: more than one result", r.ResourceID, r.Region)
		}
		got[r.ResourceID+" "+r.Region] = r
	}
	for key, want := range map[string]findings.Status{
		"arn:aws:s3:::ghost ":             findings.StatusFail,
		"arn:aws:s3:::both ":              findings.StatusError,
		"arn:aws:s3:::phantom ":           findings.StatusError,
		"arn:aws:s3:::vanished us-east-1": findings.StatusError,
		"arn:aws:s3:::open us-east-1":     findings.StatusFail,
		"arn:aws:s3:::closed us-east-1":   findings.StatusPass,
		"arn:aws:s3:::denied us-east-1":   findings.StatusError,
		" eu-west-1":                      findings.StatusError,
	} {
		if r, ok := got[key]; !ok || r.Status != want {
			t.Errorf("%s: %+v, want %s", key, r, want)
		}
	}
	if m := got["arn:aws:s3:::vanished us-east-1"].Message; !strings.Contains(m, "s3:GetBucketAcl") {
		t.Errorf("the error on a resource not in the snapshot should say why: %q", m)
	}
	// One result per listed bucket (5), plus ghost, both, phantom, vanished and the eu-west-1 list.
	if len(rep.Results) != 10 {
		t.Errorf("%d results, want 10", len(rep.Results))
	}
}
