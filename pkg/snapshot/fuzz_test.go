package snapshot

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
)

// FuzzRead: the fast reader (Read, the one-pass parser into OPA values) and the strict path agree.
// Same accept/reject: whatever encoding/json (the strict reader's decoder) rejects, Read rejects;
// whatever Read rejects, Parse rejects with a message; and a JSON document encoding/json accepts,
// with valid UTF-8, no key twice and nesting within limits, the fast parser accepts. Same values:
// what Read accepts holds exactly the values encoding/json decodes, and Parse returns them as Go
// values. Seeds: testdata/fuzz/FuzzRead and the demo snapshots.
//
//	go test ./pkg/snapshot -run '^$' -fuzz '^FuzzRead$' -fuzztime 2m -fuzzminimizetime 5s
func FuzzRead(f *testing.F) {
	for _, name := range []string{"aws-demo-secure"} {
		if b, err := os.ReadFile("../../testdata/snapshots/" + name + ".json"); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(minimalSnapshot))
	f.Fuzz(func(t *testing.T, data []byte) {
		oracle, oerr := decodeOracle(data)
		// The JSON parser alone.
		v, perr := parseJSONValueWith(data, parallelism{})
		switch {
		case oerr != nil && perr == nil:
			t.Fatalf("encoding/json rejects (%v), the fast parser accepts", oerr)
		case oerr == nil && perr != nil && utf8.Valid(data) && !oracle.dupKey && oracle.depth <= maxJSONDepth:
			t.Fatalf("encoding/json accepts, the fast parser rejects: %v", perr)
		case perr == nil:
			// Compared as Go values: numbers by their text (ast.Compare would expand 1e999999999).
			if got := goValue(v); !reflect.DeepEqual(got, oracle.value) {
				t.Fatalf("values differ:\n fast %v\n json %v", got, oracle.value)
			}
		}
		// Parsing large arrays in parallel (here every array near the top, a run per element)
		// changes nothing: the same value, or the same error.
		sameParse(t, data, v, perr, parallelism{workers: 3, minBytes: 0, chunkBytes: 1})
		// The snapshot readers.
		d, rerr := Read(data)
		s, serr := Parse(data)
		if (rerr == nil) != (serr == nil) {
			t.Fatalf("Read: %v, Parse: %v", rerr, serr)
		}
		if rerr != nil {
			if rerr.Error() == "" {
				t.Fatal("a rejection without a message")
			}
			return
		}
		if perr != nil {
			t.Fatalf("Read accepted what the parser rejects: %v", perr)
		}
		if !reflect.DeepEqual(goValue(d.Input), oracle.value) {
			t.Fatal("Read's input differs from encoding/json's value")
		}
		obj := oracle.value.(map[string]any)
		res, _ := obj["resources"].(map[string]any)
		for typ, rs := range s.Resources {
			want, _ := res[typ].([]any)
			if len(want) != len(rs) || len(d.Resources[typ]) != len(rs) {
				t.Fatalf("%s: %d resources, %d refs, encoding/json %d", typ, len(rs), len(d.Resources[typ]), len(want))
			}
			for i, r := range rs {
				if !reflect.DeepEqual(map[string]any(r), want[i]) {
					t.Fatalf("%s[%d]: Parse %v, encoding/json %v", typ, i, r, want[i])
				}
				if r.ID() != d.Resources[typ][i].ID || r.Region() != d.Resources[typ][i].Region {
					t.Fatalf("%s[%d]: ref %+v", typ, i, d.Resources[typ][i])
				}
			}
		}
		if len(res) != len(s.Resources) {
			t.Fatalf("%d resource types, encoding/json %d", len(s.Resources), len(res))
		}
		// The typed decoder agrees on the envelope.
		var typed Snapshot
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		if err := dec.Decode(&typed); err != nil {
			t.Fatalf("Read accepted a document the typed decoder rejects: %v", err)
		}
		if typed.Account != s.Account || typed.Provider != s.Provider || !typed.CollectedAt.Equal(s.CollectedAt) ||
			typed.Complete != s.Complete || len(typed.Errors) != len(s.Errors) || typed.Collector != s.Collector {
			t.Fatalf("envelope differs: typed %+v, Parse %+v", typed, s)
		}
		for i := range typed.Errors {
			if !reflect.DeepEqual(typed.Errors[i], s.Errors[i]) {
				t.Fatalf("errors[%d]: typed %+v, Parse %+v", i, typed.Errors[i], s.Errors[i])
			}
		}
	})
}

// sameParse fails t unless parsing data with par gives want, or the same error as wantErr.
func sameParse(t *testing.T, data []byte, want ast.Value, wantErr error, par parallelism) {
	t.Helper()
	got, err := parseJSONValueWith(data, par)
	switch {
	case (err == nil) != (wantErr == nil):
		t.Fatalf("parallel parse %+v: error %v, sequential %v", par, err, wantErr)
	case err != nil && err.Error() != wantErr.Error():
		t.Fatalf("parallel parse %+v: error %q, sequential %q", par, err, wantErr)
	case err == nil && got.Compare(want) != 0:
		t.Fatalf("parallel parse %+v: value differs from the sequential one", par)
	}
}

// oracleResult is encoding/json's reading of a document, with what it does not check itself.
type oracleResult struct {
	value  any
	dupKey bool
	depth  int
}

// decodeOracle decodes data with encoding/json (UseNumber, one value, nothing after it) and walks
// its tokens to find duplicate keys and the nesting depth.
func decodeOracle(data []byte) (oracleResult, error) {
	var r oracleResult
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&r.value); err != nil {
		return r, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return r, errors.New("data after the document")
	}
	tok := json.NewDecoder(bytes.NewReader(data))
	tok.UseNumber()
	var walk func(depth int) error
	walk = func(depth int) error {
		if depth > r.depth {
			r.depth = depth
		}
		t, err := tok.Token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('{'):
			seen := map[string]bool{}
			for tok.More() {
				k, err := tok.Token()
				if err != nil {
					return err
				}
				ks, _ := k.(string)
				if seen[ks] {
					r.dupKey = true
				}
				seen[ks] = true
				if err := walk(depth + 1); err != nil {
					return err
				}
			}
			_, err = tok.Token()
			return err
		case json.Delim('['):
			for tok.More() {
				if err := walk(depth + 1); err != nil {
					return err
				}
			}
			_, err = tok.Token()
			return err
		}
		return nil
	}
	return r, walk(0)
}
