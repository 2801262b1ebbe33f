package output

import (
	"strings"
	"testing"

	"github.com/incloud/incloud/pkg/findings"
)

// TestComplianceNamesAccountsNotEvaluated: the compliance view of a fleet run first names the
// accounts it does not cover (could not be collected, skipped) with their reasons, escaped; a
// run whose accounts were all evaluated has no such note.
func TestComplianceNamesAccountsNotEvaluated(t *testing.T) {
	r := fixtureFleetReport()
	r.Targets[3].Skipped = "closing\x1b[2J"
	r.Compliance = []findings.ComplianceFramework{{Key: "cis-aws-foundations-v6.0.0", Title: "CIS AWS Foundations",
		Controls: []findings.ComplianceControl{{ID: "2.4", Checks: []string{"aws-iam-root-mfa"}, Status: findings.ControlFail, Fail: 1, Error: 1}},
		Counts:   map[string]int{findings.ControlFail: 1}}}
	out := string(render(t, "compliance", r, Options{}))
	want := "Note: 2 of 4 accounts were not evaluated (1 could not be collected, 1 skipped); no control's status below covers their resources:\n" +
		"  aws 333333333333 (payments-sandbox): could not be collected: " + fixtureDeniedReason + "\n" +
		"  aws 444444444444 (old-marketing): skipped: closing\\x1b[2J\n\nCIS AWS Foundations (cis-aws-foundations-v6.0.0)\n"
	if !strings.HasPrefix(out, want) {
		t.Errorf("compliance view starts\n%s\nwant\n%s", out, want)
	}
	r.Targets = r.Targets[:2]
	if out := string(render(t, "compliance", r, Options{})); strings.Contains(out, "Note:") {
		t.Errorf("all accounts evaluated, but the view has a note:\n%s", out)
	}
}
