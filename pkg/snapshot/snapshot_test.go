package snapshot

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

const minimalSnapshot = `{
  "schema_version": "1",
  "provider": "aws",
  "account": "123456789012",
  "collected_at": "2026-11-20T06:00:00Z",
  "collector": {"name": "incloud-aws", "version": "0.1.0"},
  "scope": {"regions": ["us-east-1"], "services": ["s3"]},
  "complete": true,
  "resources": {
    "aws_s3_bucket": [
      {"id": "arn:aws:s3:::b", "name": "b", "region": "us-east-1", "tags": {}, "size": 3}
    ]
  },
  "errors": []
}`

func TestParseValid(t *testing.T) {
	s, err := Parse([]byte(minimalSnapshot))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if s.Account != "123456789012" || !s.CollectedAt.Equal(time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC)) || !s.Complete {
		t.Errorf("envelope decoded wrongly: %+v", s)
	}
	b := s.Resources["aws_s3_bucket"][0]
	if b.ID() != "arn:aws:s3:::b" || b.Region() != "us-east-1" {
		t.Errorf("resource decoded wrongly: %v", b)
	}
	if n, ok := b["size"].(interface{ String() string }); !ok || n.String() != "3" {
		t.Errorf("numbers must decode as json.Number, got %T", b["size"])
	}
}

func TestParseErrors(t *testing.T) {
	replace := func(old, new string) string {
		if !strings.Contains(minimalSnapshot, old) {
			t.Fatalf("test snapshot has no %q", old)
		}
		return strings.Replace(minimalSnapshot, old, new, 1)
	}
	tests := []struct {
		name, doc, want string
	}{
		{"malformed JSON", replace(`"account": "123456789012",`, `"account": "123456789012"`),
			"malformed JSON at line 5, column 3: "},
		{"truncated", minimalSnapshot[:200], "malformed JSON: the document ends early"},
		{"empty", "", "empty snapshot"},
		{"trailing data", minimalSnapshot + "\n{}", "line 16, column 2: unexpected data after the snapshot object"},
		// For a value of the wrong type, encoding/json reports the position just after the value.
		{"wrong top-level type", replace(`"complete": true`, `"complete": "yes"`),
			"wrong type at $.complete (line 8, column 20): got JSON string, want boolean"},
		{"wrong nested type", replace(`"regions": ["us-east-1"]`, `"regions": "us-east-1"`),
			"wrong type at $.scope.regions (line 7, column 35): got JSON string, want array"},
		{"unknown field", replace(`"complete": true`, `"complete": true, "extra": 1`), `unknown top-level field "extra"`},
		{"unknown schema version", replace(`"schema_version": "1"`, `"schema_version": "2"`),
			`unsupported snapshot schema_version "2": this build of incloud reads version "1" only`},
		{"unknown schema version with other fields", replace(`"schema_version": "1"`, `"schema_version": "2", "regions": {}`),
			`unsupported snapshot schema_version "2"`},
		{"missing schema version", replace(`"schema_version": "1",`, ``), "missing $.schema_version"},
		{"unknown provider", replace(`"provider": "aws"`, `"provider": "oci"`), `wrong value at $.provider: "oci" (want one of aws, gcp, azure)`},
		{"missing account", replace(`"account": "123456789012",`, ``), "missing $.account"},
		{"bad time", replace(`"2026-11-20T06:00:00Z"`, `"20 Nov 2026"`), "wrong value at $.collected_at: want an RFC 3339 time"},
		{"missing resources", replace(`"resources": {`, `"resourcez": {`), `unknown top-level field "resourcez"`},
		{"missing id", replace(`"id": "arn:aws:s3:::b", `, ``),
			"wrong value at $.resources.aws_s3_bucket[0].id: want a non-empty string, got null"},
		{"empty id", replace(`"id": "arn:aws:s3:::b"`, `"id": ""`),
			`wrong value at $.resources.aws_s3_bucket[0].id: want a non-empty string, got string ""`},
		{"numeric region", replace(`"region": "us-east-1"`, `"region": 1`),
			"wrong value at $.resources.aws_s3_bucket[0].region: want a non-empty string, got number 1"},
		{"tag not a string", replace(`"tags": {}`, `"tags": {"env": true}`),
			"wrong type at $.resources.aws_s3_bucket[0].tags.env: want string, got boolean"},
		{"type of another provider", replace(`"aws_s3_bucket": [`, `"gcp_storage_bucket": [`),
			`wrong key at $.resources.gcp_storage_bucket: resource types of a aws snapshot start with "aws_"`},
		{"null resource", replace(`{"id": "arn:aws:s3:::b", "name": "b", "region": "us-east-1", "tags": {}, "size": 3}`, `null`),
			"wrong type at $.resources.aws_s3_bucket[0]: got null, want object"},
		{"complete with errors", replace(`"errors": []`, `"errors": [{"resource_type": "aws_s3_bucket", "resource_id": "", "region": "us-east-1", "operation": "s3:ListBuckets", "code": "AccessDenied", "message": "no"}]`),
			"wrong value at $.complete: true, but $.errors lists collection failures"},
		{"error without operation", replace(`"errors": []`, `"errors": [{"resource_type": "aws_s3_bucket", "resource_id": "", "region": "", "operation": "", "code": "", "message": ""}]`),
			"wrong value at $.errors[0]: resource_type and operation are required"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse([]byte(tc.doc))
			if err == nil {
				t.Fatalf("Parse succeeded: %+v", s)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("got  %q\nwant %q...", err, tc.want)
			}
		})
	}
}

func TestReadFileNamesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "snap.json")
	if err := os.WriteFile(path, []byte(`{"schema_version": "1",`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadFile(path)
	if err == nil || !strings.HasPrefix(err.Error(), path+": malformed JSON") {
		t.Errorf("got %v, want an error starting with the path", err)
	}
	if _, err := ReadFile(filepath.Join(t.TempDir(), "missing.json")); err == nil || !strings.Contains(err.Error(), "read snapshot") {
		t.Errorf("missing file: got %v", err)
	}
}

func sampleSnapshot(reverse bool) *Snapshot {
	s := New("aws", "123456789012", time.Date(2026, 11, 20, 6, 0, 0, 5e8, time.FixedZone("x", 3600)))
	s.Collector = Collector{Name: "incloud-aws", Version: "0.1.0"}
	s.Scope = Scope{Regions: []string{"us-east-1"}, Services: []string{"s3"}}
	buckets := []Resource{
		{"id": "arn:aws:s3:::a", "name": "a", "region": "us-east-1", "tags": map[string]any{"z": "1", "a": "2"}, "note": "<&>"},
		{"id": "arn:aws:s3:::b", "name": "b", "region": "us-east-1", "tags": map[string]any{}},
		{"id": "arn:aws:s3:::c", "name": "c", "region": "eu-west-1", "tags": map[string]any{}},
	}
	errs := []CollectionError{
		{ResourceType: "aws_s3_bucket", ResourceID: "arn:aws:s3:::b", Region: "us-east-1", Operation: "s3:GetBucketPolicy", Code: "AccessDenied"},
		{ResourceType: "aws_s3_bucket", ResourceID: "arn:aws:s3:::b", Region: "us-east-1", Operation: "s3:GetBucketAcl", Code: "AccessDenied"},
		{ResourceType: "aws_region", ResourceID: "", Region: "eu-west-1", Operation: "ec2:DescribeRegions", Code: "Throttling"},
	}
	if reverse {
		for i, j := 0, len(buckets)-1; i < j; i, j = i+1, j-1 {
			buckets[i], buckets[j] = buckets[j], buckets[i]
		}
		for i, j := 0, len(errs)-1; i < j; i, j = i+1, j-1 {
			errs[i], errs[j] = errs[j], errs[i]
		}
	}
	for _, b := range buckets {
		s.Add("aws_s3_bucket", b)
	}
	for _, e := range errs {
		s.AddError(e)
	}
	return s
}

func TestMarshalDeterministic(t *testing.T) {
	a, err := Marshal(sampleSnapshot(false))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Marshal(sampleSnapshot(true))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatalf("same content in another order gives other bytes:\n%s\n---\n%s", a, b)
	}
	s, err := Parse(a)
	if err != nil {
		t.Fatalf("Parse(Marshal(s)): %v", err)
	}
	var ids []string
	for _, r := range s.Resources["aws_s3_bucket"] {
		ids = append(ids, r.ID())
	}
	if want := []string{"arn:aws:s3:::a", "arn:aws:s3:::b", "arn:aws:s3:::c"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("resources not sorted by id: %v", ids)
	}
	var ops []string
	for _, e := range s.Errors {
		ops = append(ops, e.ResourceType+" "+e.Operation)
	}
	if want := []string{"aws_region ec2:DescribeRegions", "aws_s3_bucket s3:GetBucketAcl", "aws_s3_bucket s3:GetBucketPolicy"}; !reflect.DeepEqual(ops, want) {
		t.Errorf("errors not sorted: %v", ops)
	}
	for _, want := range []string{`"collected_at": "2026-11-20T05:00:00Z"`, `"note": "<&>"`, "\n  \"provider\": \"aws\",\n", `"complete": false`} {
		if !bytes.Contains(a, []byte(want)) {
			t.Errorf("marshalled snapshot lacks %s:\n%s", want, a)
		}
	}
	again, err := Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, again) {
		t.Errorf("Marshal(Parse(Marshal(s))) differs from Marshal(s)")
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "snap.json")
	s := sampleSnapshot(false)
	if err := WriteFile(path, s); err != nil {
		t.Fatalf("WriteFile: %v", err)
	}
	got, err := ReadFile(path)
	if err != nil {
		t.Fatalf("ReadFile: %v", err)
	}
	if got.Account != s.Account || len(got.Resources["aws_s3_bucket"]) != 3 || len(got.Errors) != 3 {
		t.Errorf("read back %+v", got)
	}
	before, _ := os.ReadFile(path)

	// A value that cannot be encoded: the write must fail and leave the old file alone.
	bad := sampleSnapshot(false)
	bad.Add("aws_s3_bucket", Resource{"id": "arn:aws:s3:::d", "name": "d", "region": "us-east-1", "size": math.NaN()})
	if err := WriteFile(path, bad); err == nil || !strings.Contains(err.Error(), "encode snapshot") {
		t.Fatalf("WriteFile with NaN: got %v, want an encode error", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("failed WriteFile changed the target file")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "snap.json" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %v, want only snap.json (no temporary files)", names)
	}
	// A directory that does not exist: an error, nothing created.
	if err := WriteFile(filepath.Join(dir, "no", "snap.json"), s); err == nil {
		t.Error("WriteFile into a missing directory succeeded")
	}
}
