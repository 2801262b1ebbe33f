package engine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ownerTagCheck is a user's check with a company prefix: the provider comes from resource_type.
var ownerTagCheck = meta("acme-s3-owner-tag", "aws_s3_bucket", "[tags]") + `package acme.checks.s3_owner_tag

import data.incloud.lib.helper

deny contains {"resource_id": b.id, "message": helper.msg(b.name)} if {
	some b in input.resources.aws_s3_bucket
	not b.tags.Owner
}
`

const helperLib = `package incloud.lib.helper

msg(name) := sprintf("bucket %s has no Owner tag", [name])
`

func writeDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestCustomCheckIDPrefixes(t *testing.T) {
	builtin := testFS(map[string]string{"lib/helper.rego": helperLib, "aws/s3/not_public.rego": publicCheck})
	dir := writeDir(t, map[string]string{"owner_tag.rego": ownerTagCheck})
	e, err := Load(Options{Builtin: builtin, PolicyDirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, c := range e.Metadata() {
		if c.ID == "acme-s3-owner-tag" {
			found = true
			if c.Provider != "aws" || c.Service != "s3" {
				t.Errorf("acme-s3-owner-tag: provider %q, service %q; want aws, s3 (from resource_type and id)", c.Provider, c.Service)
			}
		}
	}
	if !found {
		t.Fatalf("acme-s3-owner-tag not loaded: %+v", e.Metadata())
	}
	for _, tc := range []struct{ id, rtype, want string }{
		{"gcp-s3-owner", "aws_s3_bucket", `does not belong to provider "gcp"`},
		{"acme-owner", "aws_s3_bucket", "must look like <prefix>-<service>-<what>"},
		{"Acme-s3-owner", "aws_s3_bucket", "must look like"},
		{"acme-s3-owner", "acme_s3_bucket", "belongs to no known provider"},
	} {
		src := strings.Replace(ownerTagCheck, "id: acme-s3-owner-tag", "id: "+tc.id, 1)
		src = strings.Replace(src, "resource_type: aws_s3_bucket", "resource_type: "+tc.rtype, 1)
		dir := writeDir(t, map[string]string{"x.rego": src})
		_, err := Load(Options{Builtin: builtin, PolicyDirs: []string{dir}})
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "x.rego") {
			t.Errorf("id %s, type %s: error %v; want one naming x.rego and containing %q", tc.id, tc.rtype, err, tc.want)
		}
	}
}

func TestEveryCheckHasAPackageOfItsOwn(t *testing.T) {
	// A second file in a check's package (OPA itself refuses two package annotations).
	second := "package acme.checks.s3_owner_tag\n\ndeny contains {\"resource_id\": \"x\", \"message\": \"m\"} if { false }\n"
	dir := writeDir(t, map[string]string{"a/one.rego": ownerTagCheck, "b/two.rego": second})
	_, err := Load(Options{Builtin: testFS(map[string]string{"lib/helper.rego": helperLib}), PolicyDirs: []string{dir}})
	if err == nil || !strings.Contains(err.Error(), "package acme.checks.s3_owner_tag is also the package of") ||
		!strings.Contains(err.Error(), "a/one.rego") || !strings.Contains(err.Error(), "b/two.rego") {
		t.Errorf("two checks in one package: %v", err)
	}
}

func TestNoBuiltinChecksKeepsSchemasAndHelpers(t *testing.T) {
	builtin := testFS(map[string]string{"lib/helper.rego": helperLib, "aws/s3/not_public.rego": publicCheck,
		"aws/s3/not_public_test.rego": "package incloud.aws.s3.not_public_test\n\ntest_builtin if { true }\n"})
	dir := writeDir(t, map[string]string{"owner_tag.rego": ownerTagCheck,
		"owner_tag_test.rego": "package acme.checks.s3_owner_tag_test\n\ntest_mine if { true }\n"})
	e, err := Load(Options{Builtin: builtin, NoBuiltinChecks: true, PolicyDirs: []string{dir}})
	if err != nil {
		t.Fatalf("--no-builtin with a check that uses the built-in schemas and helpers: %v", err)
	}
	if ids := e.Metadata(); len(ids) != 1 || ids[0].ID != "acme-s3-owner-tag" {
		t.Errorf("checks loaded: %+v; want only acme-s3-owner-tag", ids)
	}
	results, err := RunTests(context.Background(), Options{Builtin: builtin, NoBuiltinChecks: true, PolicyDirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 1 || results[0].Name != "test_mine" {
		t.Errorf("tests run with NoBuiltinChecks: %+v; want only test_mine", results)
	}
}

func TestRunTestsOfFilesAndWhatFailed(t *testing.T) {
	builtin := testFS(map[string]string{"lib/helper.rego": helperLib})
	dir := writeDir(t, map[string]string{
		"owner_tag.rego": ownerTagCheck,
		"owner_tag_test.rego": `package acme.checks.s3_owner_tag_test

import data.acme.checks.s3_owner_tag as check

b := {"id": "arn:aws:s3:::b", "name": "b", "region": "eu-west-1", "tags": {}, "public": false, "policy": null, "owner": null}

test_message if {
	check.deny == {{"resource_id": "arn:aws:s3:::b", "message": "bucket b lacks an Owner tag"}} with input as {"resources": {"aws_s3_bucket": [b]}}
}

test_count if {
	count(check.deny) == 0 with input as {"resources": {"aws_s3_bucket": [b]}}
}
`,
		"other_test.rego": "package acme.other_test\n\ntest_other if { true }\n",
	})
	opts := Options{Builtin: builtin, NoBuiltinChecks: true, PolicyDirs: []string{dir}, TestFiles: []string{filepath.ToSlash(filepath.Join(dir, "owner_tag_test.rego"))}}
	results, err := RunTests(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 2 {
		t.Fatalf("tests run: %+v; want the two of owner_tag_test.rego", results)
	}
	byName := map[string]TestResult{}
	for _, r := range results {
		byName[r.Name] = r
		if r.Pass {
			t.Errorf("%s passed", r.Name)
		}
	}
	msg := byName["test_message"].Detail
	for _, want := range []string{
		"owner_tag_test.rego:8: check.deny == {{",
		`got:  {{"message": "bucket b has no Owner tag", "resource_id": "arn:aws:s3:::b"}}`,
		`want: {{"message": "bucket b lacks an Owner tag", "resource_id": "arn:aws:s3:::b"}}`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("test_message detail lacks %q:\n%s", want, msg)
		}
	}
	if d := byName["test_count"].Detail; !strings.Contains(d, "got:  1\n    want: 0") {
		t.Errorf("test_count detail:\n%s", d)
	}
	opts.TestFiles = []string{filepath.ToSlash(filepath.Join(dir, "owner_tag.rego"))}
	if _, err := RunTests(context.Background(), opts); err == nil || !strings.Contains(err.Error(), "defines no test") {
		t.Errorf("a file without tests: %v", err)
	}
}
