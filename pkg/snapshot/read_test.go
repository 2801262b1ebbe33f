package snapshot

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

func TestParseJSONValueMatchesEncodingJSON(t *testing.T) {
	docs := []string{
		`{"a": [1, -2.5e3, 0, true, false, null], "b": {"c": "x\"y\\u00e9\n", "d": {}}, "e": []}`,
		`"plain"`, `[]`, `{"k": "\ud83d\ude00 emoji"}`, `12345678901234567890`,
	}
	for _, d := range docs {
		got, err := parseJSONValue([]byte(d))
		if err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		var x any
		dec := json.NewDecoder(strings.NewReader(d))
		dec.UseNumber()
		if err := dec.Decode(&x); err != nil {
			t.Fatal(err)
		}
		want, err := ast.InterfaceToValue(x)
		if err != nil {
			t.Fatal(err)
		}
		if got.Compare(want) != 0 {
			t.Errorf("%s:\n got  %v\n want %v", d, got, want)
		}
	}
	for _, bad := range []string{`{`, `{"a" 1}`, `[1,]`, `01`, `tru`, `"\x01"`, `{"a":1}x`, `1.`, `-`, `"abc`} {
		if _, err := parseJSONValue([]byte(bad)); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

// TestReadMatchesEncodingJSON: the demos read by Read (and converted by Parse) hold exactly the
// values encoding/json decodes, and what Read rejects gets the strict reader's message.
func TestReadMatchesEncodingJSON(t *testing.T) {
	for _, name := range []string{"aws-demo", "aws-demo-secure"} {
		data, err := os.ReadFile("../../testdata/snapshots/" + name + ".json")
		if err != nil {
			t.Fatal(err)
		}
		d, err := Read(data)
		if err != nil {
			t.Fatal(err)
		}
		var want any
		dec := json.NewDecoder(strings.NewReader(string(data)))
		dec.UseNumber()
		if err := dec.Decode(&want); err != nil {
			t.Fatal(err)
		}
		wantV, err := ast.InterfaceToValue(want)
		if err != nil {
			t.Fatal(err)
		}
		if d.Input.Compare(wantV) != 0 {
			t.Errorf("%s: Read's value differs from encoding/json's", name)
		}
		s, err := Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for typ, rs := range s.Resources {
			n += len(rs)
			if len(d.Resources[typ]) != len(rs) {
				t.Errorf("%s: %s: %d refs, %d resources", name, typ, len(d.Resources[typ]), len(rs))
			}
		}
		if n == 0 || len(s.Errors) != len(d.Errors) || s.Account != d.Account {
			t.Errorf("%s: Parse lost data: %d resources, %d errors", name, n, len(s.Errors))
		}
		// A collector's in-memory snapshot reads back the same.
		d2, err := s.Document()
		if err != nil {
			t.Fatal(err)
		}
		if d2.Input.Compare(d.Input) != 0 {
			t.Errorf("%s: Snapshot.Document differs from Read", name)
		}
	}
	demo, _ := os.ReadFile("../../testdata/snapshots/aws-demo.json")
	cases := map[string]string{
		"{\n  \"schema_version\": \"1\",\n  \"provider\": \"aws\",":                        "ends early",
		"{\n  \"schema_version\": \"1\",\n  \"provider\": \"aws\" \"x\"}":                  "line 3",
		strings.Replace(string(demo), `"schema_version": "1"`, `"schema_version": "2"`, 1): `unsupported snapshot schema_version "2"`,
		strings.Replace(string(demo), `"complete": false`, `"complete": "no"`, 1):          "$.complete",
		strings.Replace(string(demo), `"account": "123456789012"`, `"acount": "1"`, 1):     "unknown top-level field",
		strings.Replace(string(demo), `"region": "us-east-1"`, `"region": 5`, 1):           "region",
	}
	for doc, want := range cases {
		_, err := Read([]byte(doc))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not contain %q", err, want)
		}
	}
}
