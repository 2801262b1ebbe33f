package main

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestBinaryPoliciesListFitsAndWide(t *testing.T) {
	_, js, _ := runBinary(t, "", nil, "policies", "list", "--format", "json")
	var checks []struct{ ID, Title, Area string }
	if err := json.Unmarshal([]byte(js), &checks); err != nil {
		t.Fatal(err)
	}
	longest := checks[0]
	for _, c := range checks {
		if len(c.Title) > len(longest.Title) {
			longest = c
		}
	}
	code, out, errs := runBinary(t, "", nil, "policies", "list")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, line := range strings.Split(out, "\n") {
		if n := utf8.RuneCountInString(line); n > 100 {
			t.Errorf("policies list: line of %d columns: %q", n, line)
		}
	}
	for _, c := range checks {
		if !strings.Contains(out, "\n  "+c.ID+" ") {
			t.Errorf("policies list lacks %s", c.ID)
		}
	}
	if !strings.Contains(out, "== Data protection (") || strings.Contains(out, "FRAMEWORKS") {
		t.Errorf("default list is not grouped by area without the wide columns:\n%s", out)
	}
	if strings.Contains(out, longest.Title) {
		t.Errorf("the longest title %q fits in 100 columns: the test needs a longer one", longest.Title)
	}
	code, out, _ = runBinary(t, "", nil, "policies", "list", "--wide")
	if code != 0 || !strings.Contains(out, "FRAMEWORKS") || !strings.Contains(out, "cis-aws-foundations-v6.0.0:") || !strings.Contains(out, longest.Title) {
		t.Errorf("--wide: exit %d, lacks the frameworks column or the whole title %q:\n%s", code, longest.Title, out)
	}
	_, out, _ = runBinary(t, "", []string{"COLUMNS=200"}, "policies", "list")
	if !strings.Contains(out, longest.Title) {
		t.Errorf("COLUMNS=200: the title %q is still shortened", longest.Title)
	}
}
