package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestBinaryTableColour(t *testing.T) {
	demoAbs, _ := filepath.Abs(demo)
	for _, tc := range []struct {
		name  string
		env   []string
		args  []string
		color bool
	}{
		{"not a terminal", nil, nil, false},
		{"FORCE_COLOR", []string{"FORCE_COLOR=1"}, nil, true},
		{"FORCE_COLOR=0", []string{"FORCE_COLOR=0"}, nil, false},
		{"NO_COLOR beats FORCE_COLOR", []string{"FORCE_COLOR=1", "NO_COLOR=1"}, nil, false},
		{"--color always beats NO_COLOR", []string{"NO_COLOR=1"}, []string{"--color", "always"}, true},
		{"--color never beats FORCE_COLOR", []string{"FORCE_COLOR=1"}, []string{"--color=never"}, false},
	} {
		code, out, errs := runBinary(t, "", tc.env, append([]string{"eval", demoAbs}, tc.args...)...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", tc.name, code, errs)
		}
		if got := strings.Contains(out, "\x1b["); got != tc.color {
			t.Errorf("%s: coloured = %v, want %v", tc.name, got, tc.color)
		}
	}
	dir := t.TempDir()
	if code, _, _ := runBinary(t, "", []string{"FORCE_COLOR=1"}, "eval", demoAbs, "--format", "table="+filepath.Join(dir, "t.txt")); code != 0 {
		t.Fatalf("table to a file: exit %d", code)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "t.txt")); strings.Contains(string(b), "\x1b[") || len(b) == 0 {
		t.Error("FORCE_COLOR coloured a table written to a file (only --color always should)")
	}
	code, _, errs := runBinary(t, "", nil, "eval", demoAbs, "--color", "sometimes")
	if code != 2 || !strings.Contains(errs, `want one of auto, always, never, got "sometimes"`) {
		t.Errorf("--color sometimes: exit %d, stderr %q; want 2 and the allowed values", code, errs)
	}
}

func TestBinaryTableWidth(t *testing.T) {
	demoAbs, _ := filepath.Abs(demo)
	_, js, _ := runBinary(t, "", nil, "eval", demoAbs, "--format", "json")
	var rep struct {
		Results []struct{ Status, Message, CheckID string }
	}
	if err := json.Unmarshal([]byte(js), &rep); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		env      []string
		width    int
		useWidth bool
	}{{nil, 100, false}, {[]string{"COLUMNS=80"}, 80, false}, {[]string{"COLUMNS=160"}, 160, true}} {
		code, out, errs := runBinary(t, "", tc.env, "eval", demoAbs)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", tc.env, code, errs)
		}
		longest := 0
		words := map[string]bool{}
		for _, line := range strings.Split(out, "\n") {
			n := utf8.RuneCountInString(line)
			longest = max(longest, n)
			if n > tc.width {
				t.Errorf("%v: line of %d columns (> %d): %q", tc.env, n, tc.width, line)
			}
			for _, w := range strings.Fields(line) {
				words[w] = true
			}
		}
		if tc.useWidth && longest <= 100 {
			t.Errorf("%v: longest line %d: the width is not used", tc.env, longest)
		}
		for _, r := range rep.Results {
			if r.Status != "fail" && r.Status != "error" {
				continue
			}
			for _, w := range strings.Fields(r.Message) {
				if utf8.RuneCountInString(w) < tc.width-10 && !words[w] {
					t.Errorf("%v: the word %q of a %s message is broken or missing", tc.env, w, r.Status)
				}
			}
		}
		if got, want := strings.Count(out, "\n          fix: "), strings.Count(out, "\n  FAIL "); got != want || want == 0 {
			t.Errorf("%v: %d fix lines for %d FAIL rows", tc.env, got, want)
		}
		if !regexp.MustCompile(`eu-west-1 +all aws_rds_db_instance\n`).MatchString(out) {
			t.Errorf("%v: the error rows of the failed RDS listing do not name their scope", tc.env)
		}
	}
}

func TestBinaryHelpShowsBooleansAsSwitches(t *testing.T) {
	for _, args := range [][]string{{"eval", "--help"}, {"policies", "list", "--help"}, {"diff", "--help"}, {"--help"}} {
		code, out, errs := runBinary(t, "", nil, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		if strings.Contains(out, "[=true|false]") {
			t.Errorf("%v: boolean flags shown with [=true|false]:\n%s", args, out)
		}
		if !strings.Contains(out, "  -h, --help ") {
			t.Errorf("%v: no --help line:\n%s", args, out)
		}
	}
	_, out, _ := runBinary(t, "", nil, "eval", "--help")
	if !strings.Contains(out, "      --no-builtin   ") {
		t.Errorf("eval --help: --no-builtin is not a plain switch:\n%s", out)
	}
	// Parsing is unchanged: the switch takes no value, and an explicit one still works.
	demoAbs, _ := filepath.Abs(demo)
	if code, _, errs := runBinary(t, "", nil, "eval", demoAbs, "--no-builtin=false", "--format", "json"); code != 0 {
		t.Errorf("--no-builtin=false: exit %d: %s", code, errs)
	}
}

func TestBinaryCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		code, out, errs := runBinary(t, "", nil, "completion", shell)
		if code != 0 || !strings.Contains(out, "incloud") {
			t.Errorf("completion %s: exit %d, %d bytes: %s", shell, code, len(out), errs)
		}
	}
	complete := func(args ...string) []string {
		t.Helper()
		code, out, errs := runBinary(t, "", nil, append([]string{"__complete"}, args...)...)
		if code != 0 {
			t.Fatalf("__complete %v: exit %d: %s", args, code, errs)
		}
		var vals []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			if !strings.HasPrefix(line, ":") {
				vals = append(vals, line)
			}
		}
		return vals
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"eval", "--fail-on", ""}, "critical high medium low info"},
		{[]string{"eval", "--format", ""}, "csv html json junit ocsf sarif table"},
		{[]string{"eval", "--color", ""}, "auto always never"},
		{[]string{"diff", "--format", ""}, "table json"},
		{[]string{"diff", "--fail-on", ""}, "critical high medium low info"},
		{[]string{"policies", "list", "--format", ""}, "table json"},
		{[]string{"eval", "--severity", ""}, "critical high medium low info"},
		{[]string{"scan", "aws", "--area", ""}, "data-protection user-access-management application-security network-controls compliance-governance"},
		{[]string{"policies", "list", "--framework", ""}, "cis-aws-foundations-v6.0.0"},
		{[]string{"eval", "--checks", "aws-s3-deny-http,"}, "aws-s3-deny-http,aws-s3-block-public-access"},
		{[]string{"eval", "--skip-checks", ""}, "aws-iam-root-mfa"},
	} {
		if got := strings.Join(complete(tc.args...), " "); !strings.Contains(got, tc.want) {
			t.Errorf("__complete %v = %q, want %q", tc.args, got, tc.want)
		}
	}
}
