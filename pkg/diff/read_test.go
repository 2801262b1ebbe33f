package diff

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/incloud/incloud/pkg/findings"
)

// TestForgedBaselineFingerprintsExcuseNothing is the regression test for issue 12 defect 10: a
// baseline whose entries carry the fingerprints of other resources' failures must not hide them.
func TestForgedBaselineFingerprintsExcuseNothing(t *testing.T) {
	current := mkReport(
		bucket("critical-1", findings.StatusFail, "c"),
		bucket("critical-2", findings.StatusFail, "c"),
		bucket("known", findings.StatusFail, "c"),
	)
	// The baseline's entries are about harmless buckets, but carry the current failures'
	// fingerprints; one genuine entry excuses "known".
	forged := mkReport(
		bucket("harmless-1", findings.StatusFail, "b"),
		bucket("harmless-2", findings.StatusFail, "b"),
		bucket("known", findings.StatusFail, "b"),
	)
	for i, r := range forged.Results {
		switch r.ResourceID {
		case "arn:aws:s3:::harmless-1":
			forged.Results[i].Fingerprint = current.Results[0].Fingerprint
		case "arn:aws:s3:::harmless-2":
			forged.Results[i].Fingerprint = current.Results[1].Fingerprint
		}
	}
	data, err := json.Marshal(forged)
	if err != nil {
		t.Fatal(err)
	}
	var warnings []string
	baseline, err := ParseReport(data, func(w string) { warnings = append(warnings, w) })
	if err != nil {
		t.Fatal(err)
	}
	counted := ApplyBaseline(current, baseline)
	got := map[string]bool{}
	for _, r := range counted {
		got[r.ResourceID] = true
	}
	for _, want := range []string{"arn:aws:s3:::critical-1", "arn:aws:s3:::critical-2"} {
		if !got[want] {
			t.Errorf("the forged baseline hid the failure of %s (counted: %v)", want, got)
		}
	}
	if got["arn:aws:s3:::known"] {
		t.Error("the genuine baseline entry no longer excuses its failure")
	}
	if len(warnings) != 2 || !strings.Contains(warnings[0], "does not match the result's fields") || !strings.Contains(strings.Join(warnings, "\n"), "harmless-2") {
		t.Errorf("warnings: %q", warnings)
	}
	if len(baseline.Results) != 1 {
		t.Errorf("the baseline kept %d results, want the 1 genuine one", len(baseline.Results))
	}
}
