package selection

import (
	"strings"
	"testing"

	"github.com/incloud/incloud/pkg/findings"
)

var checks = []findings.Check{
	{ID: "aws-s3-public-policy", Severity: findings.SeverityCritical, Area: "data-protection", Frameworks: map[string][]string{"cis-aws": {"3.1.1"}}},
	{ID: "aws-s3-mfa-delete", Severity: findings.SeverityLow, Area: "data-protection"},
	{ID: "aws-iam-root-mfa", Severity: findings.SeverityCritical, Area: "user-access-management", Frameworks: map[string][]string{"cis-aws": {"2.4"}}},
	{ID: "aws-ec2-sg-ssh", Severity: findings.SeverityHigh, Area: "network-controls"},
}

var areas = []string{"data-protection", "user-access-management", "network-controls"}

func selected(c Criteria) string {
	var ids []string
	for _, ch := range checks {
		if c.Selected(ch) {
			ids = append(ids, ch.ID)
		}
	}
	return strings.Join(ids, " ")
}

func TestSelection(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    Criteria
		want string
	}{
		{"everything", Criteria{}, "aws-s3-public-policy aws-s3-mfa-delete aws-iam-root-mfa aws-ec2-sg-ssh"},
		{"glob", Criteria{Checks: []string{"aws-s3-*"}}, "aws-s3-public-policy aws-s3-mfa-delete"},
		{"ids and skip", Criteria{Checks: []string{"aws-s3-*", "aws-ec2-sg-ssh"}, Skip: []string{"aws-s3-mfa-delete"}}, "aws-s3-public-policy aws-ec2-sg-ssh"},
		{"minimum severity", Criteria{MinSeverity: findings.SeverityHigh}, "aws-s3-public-policy aws-iam-root-mfa aws-ec2-sg-ssh"},
		{"areas", Criteria{Areas: []string{"network-controls", "user-access-management"}}, "aws-iam-root-mfa aws-ec2-sg-ssh"},
		{"framework", Criteria{Framework: "cis-aws"}, "aws-s3-public-policy aws-iam-root-mfa"},
		{"all at once", Criteria{Skip: []string{"*-mfa"}, MinSeverity: findings.SeverityCritical, Framework: "cis-aws"}, "aws-s3-public-policy"},
	} {
		if err := tc.c.Check(checks, areas, nil); err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
		if got := selected(tc.c); got != tc.want {
			t.Errorf("%s: selected %q, want %q", tc.name, got, tc.want)
		}
		skipped := tc.c.Skipped(checks)
		if len(skipped)+len(strings.Fields(tc.want)) != len(checks) {
			t.Errorf("%s: %d skipped + %d selected != %d checks", tc.name, len(skipped), len(strings.Fields(tc.want)), len(checks))
		}
		for _, s := range skipped {
			if s.Reason == "" || strings.Contains(tc.want, s.ID) {
				t.Errorf("%s: skipped %+v", tc.name, s)
			}
		}
	}
}

func TestCheckRefusesWhatSelectsNothingByMistake(t *testing.T) {
	for _, tc := range []struct {
		c    Criteria
		want string
	}{
		{Criteria{Checks: []string{"aws-s3-nope"}}, `--checks: "aws-s3-nope" matches no check`},
		{Criteria{Skip: []string{"aws-typo-*"}}, `--skip-checks: "aws-typo-*" matches no check`},
		{Criteria{Checks: []string{"aws-[s3"}}, "bad pattern"},
		{Criteria{MinSeverity: "severe"}, "unknown severity"},
		{Criteria{Areas: []string{"data"}}, `--area: unknown area "data"`},
		{Criteria{Framework: "cis-gcp"}, `--framework: unknown framework "cis-gcp" (known: cis-aws`},
	} {
		if err := tc.c.Check(checks, areas, nil); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: err %v, want %q", tc.c, err, tc.want)
		}
	}
	// A framework known from a catalogue is accepted though no check maps to it.
	if err := (Criteria{Framework: "cis-gcp"}).Check(checks, areas, []string{"cis-gcp"}); err != nil {
		t.Errorf("catalogue framework: %v", err)
	}
}

func TestSplitList(t *testing.T) {
	if got := strings.Join(SplitList([]string{"a, b", "", "c,,"}), "|"); got != "a|b|c" {
		t.Errorf("SplitList = %q", got)
	}
}
