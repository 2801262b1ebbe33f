package diff

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"github.com/incloud/incloud/pkg/findings"
)

// FuzzParseReport: the report reader used by diff and --baseline never panics, every result it
// returns has a known status and the fingerprint of its fields, and a report it accepts reads
// back the same once written out again.
// Run with: go test ./pkg/diff -run '^$' -fuzz '^FuzzParseReport$' -fuzztime 30s
func FuzzParseReport(f *testing.F) {
	if golden, err := os.ReadFile("../output/testdata/report.json.golden"); err == nil {
		f.Add(golden)
	} else {
		f.Fatal(err)
	}
	f.Add([]byte(`{"schema_version": "1", "results": [{"check_id": "aws-s3-block-public-access", "provider": "aws",
		"account": "111122223333", "region": "eu-west-1", "resource_type": "aws_s3_bucket", "resource_id": "arn:aws:s3:::a", "status": "fail"}]}`))
	f.Add([]byte(`{"schema_version": "1", "results": [{"check_id": "c", "status": "pass", "fingerprint": "00000000000000000000000000000000"}]}`))
	f.Add([]byte(`{"schema_version": "1", "results": null}`))
	f.Add([]byte(`{"schema_version": "2"}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var warnings []string
		r, err := ParseReport(data, func(w string) { warnings = append(warnings, w) })
		if err != nil {
			if r != nil {
				t.Fatal("ParseReport returned a report with an error")
			}
			return
		}
		check := func(r *findings.Report) {
			for _, res := range r.Results {
				if res.CheckID == "" {
					t.Fatal("a result without a check id was accepted")
				}
				if _, err := findings.ParseStatus(string(res.Status)); err != nil {
					t.Fatalf("status %q accepted", res.Status)
				}
				if fp := findings.Fingerprint(res.CheckID, res.Provider, res.Account, res.Region, res.ResourceType, res.ResourceID); res.Fingerprint != fp {
					t.Fatalf("result %+v kept fingerprint %q, want %q", res, res.Fingerprint, fp)
				}
			}
		}
		check(r)
		again, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("an accepted report does not marshal: %v", err)
		}
		back, err := ParseReport(again, func(w string) { t.Fatalf("a written report warns when read again: %s", w) })
		if err != nil {
			t.Fatalf("an accepted report does not read back: %v\n%s", err, again)
		}
		check(back)
		if len(back.Results) != len(r.Results) || (len(r.Results) > 0 && !reflect.DeepEqual(back.Results, r.Results)) {
			t.Fatalf("results changed when written and read again:\n%+v\n%+v", r.Results, back.Results)
		}
	})
}
