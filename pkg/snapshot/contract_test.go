package snapshot

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/incloud/incloud/policies"
)

func awsDemoText(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("../../testdata/snapshots/aws-demo.json")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// mustReplace replaces the first old in doc, failing the test when there is none.
func mustReplace(t testing.TB, doc, old, new string) string {
	t.Helper()
	if !strings.Contains(doc, old) {
		t.Fatalf("the document has no %q", old)
	}
	return strings.Replace(doc, old, new, 1)
}

// TestKeysAreExact (issue 12 defect 5): a key differing from an envelope key by case or by a
// Unicode folding ("ſ" folds to "s") is unknown, not an alias that replaces the real one, and a
// key given twice is an error naming it, in Read and Parse alike.
func TestKeysAreExact(t *testing.T) {
	demo := awsDemoText(t)
	const errorsKey = `  "errors": [`
	tests := []struct{ name, doc, want string }{
		{"Errors after errors", mustReplace(t, demo, errorsKey, `  "Errors": [], "errors": [`), `"Errors"`},
		{"errorſ after errors", mustReplace(t, demo, errorsKey, `  "errorſ": [], "errors": [`), `"errorſ"`},
		{"reſources", mustReplace(t, demo, `  "resources": {`, `  "reſources": {}, "resources": {`), `"reſources"`},
		{"errors twice", mustReplace(t, demo, errorsKey, `  "errors": [], "errors": [`), `duplicate key "errors"`},
		{"attribute twice", mustReplace(t, demo, `"storage_encrypted": true,`, `"storage_encrypted": true, "storage_encrypted": false,`), `duplicate key "storage_encrypted"`},
		{"error field in other case", mustReplace(t, demo, `"resource_type": "aws_rds_db_instance",`, `"resource_type": "aws_rds_db_instance", "Resource_ID": "x",`), `"Resource_ID"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, rerr := Read([]byte(tc.doc))
			_, perr := Parse([]byte(tc.doc))
			for _, err := range []error{rerr, perr} {
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("got %v, want an error naming %s", err, tc.want)
				}
			}
		})
	}
}

// TestDuplicateIDsRefused (issue 12 defect 10): the same id twice in one type is refused.
func TestDuplicateIDsRefused(t *testing.T) {
	var s Snapshot
	if err := json.Unmarshal([]byte(awsDemoText(t)), &s); err != nil {
		t.Fatal(err)
	}
	users := s.Resources["aws_iam_user"]
	users[1]["id"] = users[0]["id"]
	data, err := json.Marshal(&s)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Read(data)
	if err == nil || !strings.Contains(err.Error(), "$.resources.aws_iam_user[1].id") || !strings.Contains(err.Error(), "ids are unique") {
		t.Errorf("got %v, want the duplicate id refused with its path", err)
	}
	// The same id in two types is fine (the types are different namespaces).
	s.Resources["aws_iam_user"] = users[1:]
	s.Resources["aws_iam_group"][0]["id"] = users[1]["id"]
	data, _ = json.Marshal(&s)
	if _, err := Read(data); err != nil {
		t.Errorf("the same id in two types: %v", err)
	}
}

// TestInvalidUTF8Refused (issue 12 defect 10): invalid UTF-8 anywhere is refused with its byte
// offset (encoding/json would silently replace it with U+FFFD).
func TestInvalidUTF8Refused(t *testing.T) {
	demo := awsDemoText(t)
	at := strings.Index(demo, `"acme-reporting"`) + 5
	for _, bad := range []string{"\xff", "\xc3", "\xed\xa0\x80"} {
		doc := demo[:at] + bad + demo[at:]
		_, err := Read([]byte(doc))
		want := "invalid UTF-8 at byte offset " + itoa(at)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", bad, err, want)
		}
		if _, err := Parse([]byte(doc)); err == nil {
			t.Errorf("%q: Parse accepted it", bad)
		}
	}
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

// TestCoversScopes: the one rule deciding which resources an error covers (issue 12 defect 1).
func TestCoversScopes(t *testing.T) {
	const typ = "aws_rds_db_instance"
	r := struct{ id, region string }{"arn:db/a", "us-east-1"}
	tests := []struct {
		name string
		e    CollectionError
		want bool
	}{
		{"the resource", CollectionError{ResourceType: typ, ResourceID: r.id, Region: "us-east-1"}, true},
		{"another resource", CollectionError{ResourceType: typ, ResourceID: "arn:db/b", Region: "us-east-1"}, false},
		{"its region", CollectionError{ResourceType: typ, Region: "us-east-1"}, true},
		{"another region", CollectionError{ResourceType: typ, Region: "eu-west-1"}, false},
		{"global: the account", CollectionError{ResourceType: typ, Region: GlobalRegion}, true},
		{"no region: the whole type", CollectionError{ResourceType: typ}, true},
		{"another type", CollectionError{ResourceType: "aws_rds_db_snapshot"}, false},
	}
	for _, tc := range tests {
		if got := tc.e.Covers(typ, r.id, r.region); got != tc.want {
			t.Errorf("%s: Covers = %v, want %v", tc.name, got, tc.want)
		}
		c := NewCoverage([]CollectionError{tc.e})
		if got := len(c.Covering(typ, r.id, r.region)) == 1; got != tc.want {
			t.Errorf("%s: Coverage.Covering = %v, want %v", tc.name, got, tc.want)
		}
	}
	// A global resource (IAM) is covered by an error in "global".
	if !(CollectionError{ResourceType: "aws_iam_user", Region: GlobalRegion}).Covers("aws_iam_user", "arn:u", GlobalRegion) {
		t.Error("a global error does not cover a global resource")
	}
	e := CollectionError{ResourceType: typ, Attributes: []string{"storage_encrypted"}}
	if !e.LeavesUnknown("storage_encrypted") || e.LeavesUnknown("multi_az") || !(CollectionError{}).LeavesUnknown("multi_az") {
		t.Error("LeavesUnknown: an error leaves unknown the attributes it names, or all when it names none")
	}
}

// TestNullNeedsAnError (issue 12 defect 6): each attribute whose null is not data is refused when
// null with no error covering it (the message names it), and accepted when an error at any scope
// covers it. Deleting the demo's errors array makes it invalid.
func TestNullNeedsAnError(t *testing.T) {
	v, err := NewValidator(policies.FS, "schemas")
	if err != nil {
		t.Fatal(err)
	}
	demo := awsDemoText(t)
	cases := []struct{ typ, name, attr string }{
		{"aws_region", "us-east-1", "ebs_encryption_by_default"},
		{"aws_region", "us-east-1", "access_analyzers"},
		{"aws_region", "us-east-1", "security_hub"},
		{"aws_region", "us-east-1", "config"},
		{"aws_s3_bucket", "", "acl"},
		{"aws_s3_bucket", "", "versioning"},
		{"aws_ec2_snapshot", "", "public"},
		{"aws_rds_db_snapshot", "", "public"},
		{"aws_ec2_vpc", "", "flow_logs"},
		{"aws_kms_key", "", "rotation_enabled"},
		{"aws_rds_db_instance", "", "storage_encrypted"},
		{"aws_iam_user", "", "mfa_active"},
	}
	for _, c := range cases {
		t.Run(c.typ+"."+c.attr, func(t *testing.T) {
			var s Snapshot
			dec := json.NewDecoder(strings.NewReader(demo))
			dec.UseNumber()
			if err := dec.Decode(&s); err != nil {
				t.Fatal(err)
			}
			var r Resource
			for _, x := range s.Resources[c.typ] {
				if (c.name == "" || x["name"] == c.name) && x[c.attr] != nil && s.Errors != nil && len(NewCoverage(s.Errors).Covering(c.typ, x.ID(), x.Region())) == 0 {
					if c.typ == "aws_kms_key" && x["key_manager"] != "CUSTOMER" {
						continue
					}
					r = x
					break
				}
			}
			if r == nil {
				t.Fatalf("the demo has no %s with %s set and no error", c.typ, c.attr)
			}
			r[c.attr] = nil
			check := func() error {
				d, err := s.Document()
				if err != nil {
					t.Fatal(err)
				}
				return v.Check(d)
			}
			if err := check(); err == nil || !strings.Contains(err.Error(), c.attr) {
				t.Errorf("null %s without an error: got %v, want a refusal naming it", c.attr, err)
			}
			for _, scope := range []CollectionError{
				{ResourceID: r.ID(), Region: r.Region()}, {Region: r.Region()}, {Region: GlobalRegion}, {},
			} {
				e := scope
				e.ResourceType, e.Operation, e.Code, e.Attributes = c.typ, "x:Get", "AccessDenied", []string{c.attr}
				saved := s.Errors
				s.Errors, s.Complete = append(append([]CollectionError{}, saved...), e), false
				if err := check(); err != nil {
					t.Errorf("null %s covered by %+v: %v", c.attr, e, err)
				}
				s.Errors = saved
			}
		})
	}
	// Deleting the errors array: the nulls the errors explained are refused.
	var s map[string]any
	if err := json.Unmarshal([]byte(demo), &s); err != nil {
		t.Fatal(err)
	}
	delete(s, "errors")
	data, _ := json.Marshal(s)
	d, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Check(d); err == nil || !strings.Contains(err.Error(), "got null") {
		t.Errorf("the demo without its errors: got %v, want a refusal of a null", err)
	}
}

// TestNumbersInRange (issue 12 defect 7): out-of-range and non-integer numbers are refused by the
// fast check and the full validator alike.
func TestNumbersInRange(t *testing.T) {
	v, err := NewValidator(policies.FS, "schemas")
	if err != nil {
		t.Fatal(err)
	}
	demo := awsDemoText(t)
	const sgPort = "\"source_group_ids\": [],\n            \"to_port\": 22"
	tests := []struct{ name, old, new, where string }{
		{"retention -1", `"backup_retention_period": 1,`, `"backup_retention_period": -1,`, "backup_retention_period"},
		{"retention 1e999", `"backup_retention_period": 1,`, `"backup_retention_period": 1e999,`, "backup_retention_period"},
		// Found by FuzzRead: an exact comparison would expand 10^999999999 and never finish.
		{"retention 1e999999999", `"backup_retention_period": 1,`, `"backup_retention_period": 1e999999999,`, "backup_retention_period"},
		{"tcp to_port -1", sgPort, strings.Replace(sgPort, "22", "-1", 1), "to_port"},
		{"port 65536", sgPort, strings.Replace(sgPort, "22", "65536", 1), "to_port"},
		{"attachment_count -1", `"attachment_count": 1,`, `"attachment_count": -1,`, "attachment_count"},
		{"NACL rule_number -1", `"rule_number": 100,`, `"rule_number": -1,`, "rule_number"},
		{"NACL rule_number 1e999", `"rule_number": 100,`, `"rule_number": 1e999,`, "rule_number"},
		{"hop limit 0", `"http_put_response_hop_limit": 1`, `"http_put_response_hop_limit": 0`, "http_put_response_hop_limit"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Read([]byte(mustReplace(t, demo, tc.old, tc.new)))
			if err != nil {
				t.Fatal(err)
			}
			if err := v.checkShapes(d); err == nil {
				t.Error("the fast check accepted it")
			}
			errs := v.Validate(d.Snapshot())
			if len(errs) == 0 || !strings.Contains(errs[0].Error(), tc.where) {
				t.Errorf("the full validator: %v, want a problem at %s", errs, tc.where)
			}
		})
	}
}
