package snapshot

import (
	"encoding/json"
	"fmt"
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

// TestParallelParseMatchesSequential: large arrays near the top of a document, parsed by several
// goroutines, give the sequential parser's value, and for a broken element anywhere in them (first,
// middle, last; bad bytes, bad structure, a missing or extra comma, an unterminated string or
// array) its error, word for word.
func TestParallelParseMatchesSequential(t *testing.T) {
	element := func(i int) string {
		return fmt.Sprintf(`{"id": "r-%d", "name": "na\"me \\%d", "tags": {"k": "v"}, "list": [1, 2.5, {"x": [true, null]}], "s": "[{,}]"}`, i, i)
	}
	build := func(n, broken int, bad string) []byte {
		var b strings.Builder
		b.WriteString(`{"schema_version": "1", "resources": {"aws_x": [` + "\n")
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteString(",\n  ")
			}
			if i == broken {
				b.WriteString(bad)
			} else {
				b.WriteString(element(i))
			}
		}
		b.WriteString("\n], \"aws_y\": []}, \"errors\": [" + element(-1) + "]}")
		return []byte(b.String())
	}
	const n = 5000 // about 600 KB: above parallelMinBytes
	bads := []string{
		`{"id": "dup", "id": "again"}`,
		"{\"id\": \"\xff\"}",
		`{"id": 01}`,
		`{"id": "a"}}`,
		`{"id": "a"`,
		`{"id": "a" "name": "b"}`,
		`{"id": "a"}, `,
		`{"id": "a"} {"id": "b"}`,
		`{"id": [1, 2}`,
		`"unterminated`,
		`tru`,
		``,
	}
	pars := []parallelism{
		{workers: 2, minBytes: parallelMinBytes, chunkBytes: parallelChunkBytes},
		{workers: 4, minBytes: 0, chunkBytes: 1},
	}
	good := build(n, -1, "")
	if len(good) < parallelMinBytes {
		t.Fatalf("the document is %d bytes, too small to be parsed in parallel", len(good))
	}
	want, err := parseJSONValueWith(good, parallelism{})
	if err != nil {
		t.Fatal(err)
	}
	for _, par := range pars {
		sameParse(t, good, want, nil, par)
	}
	for _, bad := range bads {
		for _, at := range []int{0, n / 2, n - 1} {
			data := build(n, at, bad)
			_, wantErr := parseJSONValueWith(data, parallelism{})
			if wantErr == nil {
				t.Fatalf("element %d = %q: the sequential parser accepts the document", at, bad)
			}
			for _, par := range pars {
				sameParse(t, data, nil, wantErr, par)
			}
		}
	}
	// Truncated anywhere in the large array.
	for _, cut := range []int{len(good) / 3, len(good) / 2, len(good) - 40} {
		_, wantErr := parseJSONValueWith(good[:cut], parallelism{})
		for _, par := range pars {
			sameParse(t, good[:cut], nil, wantErr, par)
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

// TestFirstError: of several failing indexes, the lowest one's error is returned, whichever
// goroutine got there first, and every index runs when none fails.
func TestFirstError(t *testing.T) {
	for round := 0; round < 200; round++ {
		err := firstError(50, func(i int) error {
			if i == 7 || i == 31 || i == 49 {
				return fmt.Errorf("index %d", i)
			}
			return nil
		})
		if err == nil || err.Error() != "index 7" {
			t.Fatalf("round %d: %v, want index 7", round, err)
		}
	}
	var ran [100]bool
	if err := firstError(len(ran), func(i int) error { ran[i] = true; return nil }); err != nil {
		t.Fatal(err)
	}
	for i, ok := range ran {
		if !ok {
			t.Fatalf("index %d did not run", i)
		}
	}
}

// TestParseSharesShortValues: a short string value repeated across resources, and true, false
// and null, are one shared term; longer strings are not kept for sharing; the values are the same.
func TestParseSharesShortValues(t *testing.T) {
	long := strings.Repeat("x", maxSharedLen+1)
	doc := `[{"r": "eu-west-1", "b": true, "n": null, "l": "` + long + `"}, {"r": "eu-west-1", "b": true, "n": null, "l": "` + long + `"}]`
	v, err := parseJSONValueWith([]byte(doc), parallelism{})
	if err != nil {
		t.Fatal(err)
	}
	arr := v.(*ast.Array)
	a, b := arr.Elem(0).Value.(ast.Object), arr.Elem(1).Value.(ast.Object)
	for _, k := range []string{"r", "b", "n"} {
		if a.Get(ast.StringTerm(k)) != b.Get(ast.StringTerm(k)) {
			t.Errorf("%s: two terms for the same short value", k)
		}
	}
	if a.Get(ast.StringTerm("l")) == b.Get(ast.StringTerm("l")) {
		t.Errorf("a string of %d bytes was shared", len(long))
	}
	if got := string(b.Get(ast.StringTerm("r")).Value.(ast.String)); got != "eu-west-1" {
		t.Errorf("r = %q", got)
	}
}

// TestParseSharesSmallComposites: an object or array inside a resource, repeated with the same
// text, is one shared term; resources themselves, values of more than maxSharedCompositeLen bytes
// and values elsewhere in the document are not shared; the values are those encoding/json reads.
func TestParseSharesSmallComposites(t *testing.T) {
	long := `{"l": "` + strings.Repeat("x", maxSharedCompositeLen) + `"}`
	res := `{"id": "a", "enc": {"alg": "AES256", "key": null}, "ports": [22, 3389], "big": ` + long + `}`
	doc := `{"resources": {"aws_x": [` + res + `, ` + strings.Replace(res, `"a"`, `"b"`, 1) + `, ` + res + `], "aws_y": [{"id": "s"}, {"id": "s"}]}, "scope": {"r": {"x": 1}}, "other": {"r": {"x": 1}}}`
	v, err := parseJSONValueWith([]byte(doc), parallelism{})
	if err != nil {
		t.Fatal(err)
	}
	var x any
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	if err := dec.Decode(&x); err != nil {
		t.Fatal(err)
	}
	if want := ast.MustInterfaceToValue(x); v.Compare(want) != 0 {
		t.Fatalf("got %v, want %v", v, want)
	}
	root := v.(ast.Object)
	list := root.Get(ast.StringTerm("resources")).Value.(ast.Object).Get(ast.StringTerm("aws_x")).Value.(*ast.Array)
	a, b, c := list.Elem(0), list.Elem(1), list.Elem(2)
	small := root.Get(ast.StringTerm("resources")).Value.(ast.Object).Get(ast.StringTerm("aws_y")).Value.(*ast.Array)
	if small.Elem(0) == small.Elem(1) {
		t.Error("two resources with the same text are one term")
	}
	get := func(r *ast.Term, k string) *ast.Term { return r.Value.(ast.Object).Get(ast.StringTerm(k)) }
	for _, k := range []string{"enc", "ports"} {
		if get(a, k) != get(b, k) || get(a, k) != get(c, k) {
			t.Errorf("%s: the same small value inside resources is not one term", k)
		}
	}
	if get(a, "big") == get(c, "big") {
		t.Errorf("a value of %d bytes was shared", len(long))
	}
	if get(root.Get(ast.StringTerm("scope")), "r") == get(root.Get(ast.StringTerm("other")), "r") {
		t.Error("values outside resources (depth < 4) were shared")
	}
}

// TestSharedCompositeKeepsTheDepthLimit: a small value read at one depth is not reused deeper,
// where its own nesting would pass maxJSONDepth: the document is refused as without sharing; and
// a value first read deep is shared higher up.
func TestSharedCompositeKeepsTheDepthLimit(t *testing.T) {
	x := `[[1]]` // its 1 is two levels below it
	d := maxJSONDepth - 2
	tooDeep := strings.Repeat("[", d) + x + `, [` + x + `]` + strings.Repeat("]", d)
	if _, err := parseJSONValueWith([]byte(tooDeep), parallelism{}); err == nil || !strings.Contains(err.Error(), "nested too deeply") {
		t.Errorf("%s read again one level deeper: %v, want nested too deeply", x, err)
	}
	d = maxJSONDepth - 3
	ok := strings.Repeat("[", d) + `[` + x + `], ` + x + strings.Repeat("]", d)
	v, err := parseJSONValueWith([]byte(ok), parallelism{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < d-1; i++ {
		v = v.(*ast.Array).Elem(0).Value
	}
	arr := v.(*ast.Array)
	if deep, high := arr.Elem(0).Value.(*ast.Array).Elem(0), arr.Elem(1); deep != high {
		t.Errorf("%s read deeper first is not shared higher up", x)
	}
}

// TestDepthLimitForEveryValue: a value nested deeper than maxJSONDepth is refused whatever it is
// (a shared string or literal too), and one at the limit is read.
func TestDepthLimitForEveryValue(t *testing.T) {
	for _, leaf := range []string{`"x"`, `true`, `null`, `1`, `[]`} {
		at := strings.Repeat("[", maxJSONDepth) + leaf + strings.Repeat("]", maxJSONDepth)
		if _, err := parseJSONValueWith([]byte(at), parallelism{}); err != nil {
			t.Errorf("%s at depth %d: %v", leaf, maxJSONDepth, err)
		}
		deeper := "[" + at + "]"
		if _, err := parseJSONValueWith([]byte(deeper), parallelism{}); err == nil || !strings.Contains(err.Error(), "nested too deeply") {
			t.Errorf("%s at depth %d: %v, want nested too deeply", leaf, maxJSONDepth+1, err)
		}
	}
}
