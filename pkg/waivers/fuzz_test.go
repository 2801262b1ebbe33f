package waivers

import (
	"testing"

	"gopkg.in/yaml.v3"
)

// FuzzParse: the waivers parser never panics, and whatever it accepts is a list of complete,
// distinct waivers that reads back the same when written out again.
// Run with: go test ./pkg/waivers -run '^$' -fuzz '^FuzzParse$' -fuzztime 30s
func FuzzParse(f *testing.F) {
	f.Add([]byte("waivers:\n  - check: aws-s3-block-public-access\n    resource: \"arn:aws:s3:::acme-*\"\n    reason: Public website assets (SEC-123).\n    owner: web-team@acme.example\n    expires: 2026-06-30\n"))
	f.Add([]byte("waivers: []\n"))
	f.Add([]byte("---\nwaivers:\n  - {check: a-b, resource: '?*', reason: r, owner: o, expires: \"2026-01-01\"}\n...\n"))
	f.Add([]byte("waivers:\n  - check: a-b\n    resource: x\n    reason: r\n    owner: o\n    expires: 2026-02-30\n---\nwaivers: []\n"))
	f.Add([]byte("a: &a [*a, *a]\nwaivers: *a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse(data, "fuzz.yaml")
		if err != nil {
			if file != nil {
				t.Fatal("Parse returned a file with an error")
			}
			return
		}
		type entry struct {
			Check    string `yaml:"check"`
			Resource string `yaml:"resource"`
			Reason   string `yaml:"reason"`
			Owner    string `yaml:"owner"`
			Expires  string `yaml:"expires"`
		}
		var out struct {
			Waivers []entry `yaml:"waivers"`
		}
		seen := map[[2]string]bool{}
		for _, w := range file.Waivers {
			if !checkPattern.MatchString(w.Check) || w.Resource == "" || w.Reason == "" || w.Owner == "" || w.Line < 1 {
				t.Fatalf("incomplete waiver accepted: %+v", w)
			}
			if h, m, s := w.Expires.Clock(); h+m+s != 0 || w.Expires.Location().String() != "UTC" {
				t.Fatalf("expiry is not a UTC day: %v", w.Expires)
			}
			key := [2]string{w.Check, w.Resource}
			if seen[key] {
				t.Fatalf("duplicate waiver accepted: %+v", w)
			}
			seen[key] = true
			if !Match(w.Resource, w.Resource) {
				t.Fatalf("pattern %q does not match itself", w.Resource)
			}
			out.Waivers = append(out.Waivers, entry{w.Check, w.Resource, w.Reason, w.Owner, w.ExpiresString()})
		}
		if len(out.Waivers) == 0 {
			return
		}
		again, err := yaml.Marshal(out)
		if err != nil {
			t.Fatal(err)
		}
		back, err := Parse(again, "again.yaml")
		if err != nil {
			t.Fatalf("waivers written out do not parse again: %v\n%s", err, again)
		}
		if len(back.Waivers) != len(file.Waivers) {
			t.Fatalf("%d waivers read back as %d", len(file.Waivers), len(back.Waivers))
		}
		for i, w := range back.Waivers {
			o := file.Waivers[i]
			if w.Check != o.Check || w.Resource != o.Resource || w.Reason != o.Reason || w.Owner != o.Owner || !w.Expires.Equal(o.Expires) {
				t.Fatalf("waiver %d reads back as %+v, was %+v", i, w, o)
			}
		}
	})
}
