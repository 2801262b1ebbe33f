package waivers

import (
	"strings"
	"testing"
)

// TestParseRefusesSeveralDocuments is the regression test for issue 12 defect 10: a waivers file
// with a second YAML document used to be read up to the first one, silently dropping the rest.
func TestParseRefusesSeveralDocuments(t *testing.T) {
	entry := "waivers:\n  - check: aws-s3-block-public-access\n    resource: r\n    reason: why\n    owner: me\n    expires: 2026-01-01\n"
	for name, c := range map[string]struct {
		src, want string
	}{
		"two documents":             {entry + "---\n" + strings.Replace(entry, "resource: r", "resource: s", 1), "w.yaml:7: more than one YAML document"},
		"a second empty mapping":    {entry + "---\n{}\n", "w.yaml:7: more than one YAML document"},
		"a second broken document":  {entry + "---\nwaivers: [\n", "w.yaml: invalid YAML"},
		"first document only marks": {"---\n---\n" + entry, "more than one YAML document"},
	} {
		t.Run(name, func(t *testing.T) {
			f, err := Parse([]byte(c.src), "w.yaml")
			if err == nil {
				t.Fatalf("parsed %d waiver(s) and ignored the rest of the file", len(f.Waivers))
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not contain %q", err, c.want)
			}
		})
	}
	// Document markers around a single document are fine.
	for _, src := range []string{"---\n" + entry, entry + "...\n", "---\n" + entry + "...\n", "# only a comment\n---\n" + entry} {
		f, err := Parse([]byte(src), "w.yaml")
		if err != nil || len(f.Waivers) != 1 {
			t.Errorf("%q: %v", src, err)
		}
	}
}
