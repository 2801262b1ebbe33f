package main

import (
	"encoding/json"
	"path/filepath"
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

// acmeOwnerTag is a user's check with a company prefix, using a built-in helper.
const acmeOwnerTag = `# METADATA
# title: S3 buckets have an Owner tag
# description: Every bucket names its owning team in an Owner tag.
# scope: package
# custom:
#   id: acme-s3-owner-tag
#   severity: low
#   area: compliance-governance
#   resource_type: aws_s3_bucket
#   service_model: paas
#   frameworks: {}
#   remediation: Tag the bucket with Owner=<team>.
#   rationale: Only the customer knows who owns its data.
#   pass_message: bucket {name} has an Owner tag
#   depends_on: [tags]
package acme.s3.owner_tag

deny contains {"resource_id": b.id, "message": sprintf("bucket %s has no Owner tag", [b.name])} if {
	some b in input.resources.aws_s3_bucket
	not b.tags.Owner
}
`

const acmeOwnerTagTest = `package acme.s3.owner_tag_test

import data.acme.s3.owner_tag as check

b := {"id": "arn:aws:s3:::b", "name": "b", "region": "eu-west-1", "tags": {}}

test_untagged_fails if {
	check.deny == {{"resource_id": "arn:aws:s3:::b", "message": "bucket b is missing its Owner tag"}} with input as {"resources": {"aws_s3_bucket": [b]}}
}

test_tagged_passes if {
	count(check.deny) == 0 with input as {"resources": {"aws_s3_bucket": [object.union(b, {"tags": {"Owner": "web"}})]}}
}
`

func TestBinaryCustomChecks(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "acme/s3/owner_tag.rego", acmeOwnerTag)
	testFile := writeFile(t, dir, "acme/s3/owner_tag_test.rego", acmeOwnerTagTest)
	writeFile(t, dir, "acme/other_test.rego", "package acme.other_test\n\ntest_other if { true }\n")

	// Only the tests of DIR, and what the failing one got.
	code, out, errs := runBinary(t, "", nil, "policies", "test", "--no-builtin", "-v", dir)
	if code != 1 || !strings.Contains(out, "2 passed, 1 failed") {
		t.Fatalf("policies test --no-builtin DIR: exit %d, want 1 and 3 tests:\n%s%s", code, out, errs)
	}
	for _, want := range []string{
		"FAIL acme.s3.owner_tag_test.test_untagged_fails (" + dir + "/acme/s3/owner_tag_test.rego)",
		"owner_tag_test.rego:8: check.deny == {{",
		`got:  {{"message": "bucket b has no Owner tag", "resource_id": "arn:aws:s3:::b"}}`,
		`want: {{"message": "bucket b is missing its Owner tag", "resource_id": "arn:aws:s3:::b"}}`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("policies test output lacks %q:\n%s", want, out)
		}
	}
	// Only the tests of FILE (the rest of its directory is loaded for it).
	code, out, errs = runBinary(t, "", nil, "policies", "test", "-v", testFile)
	if code != 1 || !strings.Contains(out, "1 passed, 1 failed") || strings.Contains(out, "test_other") {
		t.Errorf("policies test FILE: exit %d, want 1 and only the file's 2 tests:\n%s%s", code, out, errs)
	}
	code, out, errs = runBinary(t, "", nil, "policies", "test", "--policy-dir", dir, testFile)
	if code != 1 || !strings.Contains(out, "1 passed, 1 failed") {
		t.Errorf("policies test --policy-dir DIR FILE: exit %d:\n%s%s", code, out, errs)
	}

	// The check runs with --no-builtin (schemas stay loaded): provider from resource_type.
	demoAbs, _ := filepath.Abs(demo)
	code, out, errs = runBinary(t, "", nil, "eval", demoAbs, "--no-builtin", "--policy-dir", dir, "--format", "json")
	if code != 0 {
		t.Fatalf("eval --no-builtin --policy-dir: exit %d: %s", code, errs)
	}
	var rep struct {
		Results []struct {
			CheckID  string `json:"check_id"`
			Provider string
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) == 0 {
		t.Fatal("no results from the custom check")
	}
	for _, r := range rep.Results {
		if r.CheckID != "acme-s3-owner-tag" || r.Provider != "aws" {
			t.Errorf("result %+v: want only acme-s3-owner-tag results, provider aws", r)
		}
	}
	code, out, _ = runBinary(t, "", nil, "policies", "list", "--no-builtin", "--policy-dir", dir)
	if code != 0 || !strings.Contains(out, "acme-s3-owner-tag") || !strings.Contains(out, "1 checks") {
		t.Errorf("policies list --no-builtin: exit %d:\n%s", code, out)
	}
}

// TestBinaryPoliciesTestBuiltinFiles runs one built-in test file from the repository's root, as
// a check's author does: the file on disk is the built-in one, not a second copy; with
// --no-builtin the built-in helpers' test fixtures stay available to it.
func TestBinaryPoliciesTestBuiltinFiles(t *testing.T) {
	for _, args := range [][]string{
		{"policies", "test", "-v", "policies/aws/s3/object_read_logging_test.rego"},
		{"policies", "test", "-v", "--no-builtin", "policies/aws/s3/object_read_logging_test.rego"},
	} {
		code, out, errs := runBinary(t, "../..", nil, args...)
		if code != 0 || !strings.Contains(out, " 0 failed") || !strings.Contains(out, "PASS incloud.aws.s3.object_read_logging_test.") {
			t.Errorf("%v: exit %d:\n%s%s", args, code, out, errs)
		}
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			if strings.HasPrefix(line, "PASS ") && !strings.HasPrefix(line, "PASS incloud.aws.s3.object_read_logging_test.") {
				t.Errorf("%v ran a test of another file: %s", args, line)
			}
		}
	}
}
