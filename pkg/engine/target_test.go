package engine

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/incloud/incloud/pkg/snapshot"
	"github.com/incloud/incloud/policies"
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

// TestFastPathMatchesStrictReader: evaluating through ParseTarget gives exactly the results of
// snapshot.Parse + Evaluate, and anything the fast path rejects gets snapshot.Parse's message.
func TestFastPathMatchesStrictReader(t *testing.T) {
	e, err := Load(Options{Builtin: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"aws-demo", "aws-demo-secure"} {
		data, err := os.ReadFile("../../testdata/snapshots/" + name + ".json")
		if err != nil {
			t.Fatal(err)
		}
		fast, err := ParseTarget(data)
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := parseJSONValue(data); v == nil {
			t.Fatal("demo not parsed by the fast parser")
		} else if _, ok := targetFromValue(v); !ok {
			t.Fatalf("%s: the fast path fell back to the strict reader", name)
		}
		s, err := snapshot.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		a, err := e.EvaluateTargets(context.Background(), fast)
		if err != nil {
			t.Fatal(err)
		}
		b, err := e.Evaluate(context.Background(), s)
		if err != nil {
			t.Fatal(err)
		}
		a.GeneratedAt = b.GeneratedAt
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			t.Errorf("%s: fast and strict paths disagree", name)
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
		_, err := ParseTarget([]byte(doc))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not contain %q", err, want)
		}
	}
}
