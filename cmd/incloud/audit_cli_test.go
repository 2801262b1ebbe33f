package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/incloud/incloud/pkg/snapshot"
)

// largeSnapshot writes an AWS snapshot of about n resources, cloned from the demo under new
// ids and names, into dir and returns its path.
func largeSnapshot(t *testing.T, dir string, n int) string {
	t.Helper()
	src, err := snapshot.ReadFile(demo)
	if err != nil {
		t.Fatal(err)
	}
	out := snapshot.New("aws", src.Account, src.CollectedAt)
	out.Collector, out.Scope, out.Complete = src.Collector, src.Scope, src.Complete
	types := make([]string, 0, len(src.Resources))
	for typ := range src.Resources {
		types = append(types, typ)
	}
	sort.Strings(types)
	type template struct {
		typ string
		r   snapshot.Resource
	}
	var templates []template
	for _, typ := range types {
		if typ == "aws_account" || typ == "aws_region" {
			out.Resources[typ] = src.Resources[typ]
			continue
		}
		for _, r := range src.Resources[typ] {
			templates = append(templates, template{typ, r})
		}
	}
	for i := 0; i < n; i++ {
		tmpl := templates[i%len(templates)]
		clone := make(snapshot.Resource, len(tmpl.r))
		for k, v := range tmpl.r {
			clone[k] = v
		}
		clone["id"] = fmt.Sprintf("%s-gen-%d", tmpl.r.ID(), i)
		if name, _ := tmpl.r["name"].(string); name != "" {
			clone["name"] = fmt.Sprintf("%s-gen-%d", name, i)
		}
		out.Add(tmpl.typ, clone)
	}
	out.Errors = src.Errors
	p := filepath.Join(dir, "large.json")
	if err := snapshot.WriteFile(p, out); err != nil {
		t.Fatal(err)
	}
	return p
}

// Defect: `eval in.json --format json=in.json` overwrote the snapshot, and two formats to one
// file silently lost one. Both are refused with exit 2 and nothing is written.
func TestOutputPathsThatLoseDataAreRefused(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(demo)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "in.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "waivers.yaml"), []byte("waivers: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(filepath.Join(dir, "in.json"), filepath.Join(dir, "link.json")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"eval", "in.json", "--format", "json=in.json"}, "which this run reads"},
		{[]string{"eval", "in.json", "--format", "json", "-o", "in.json"}, "which this run reads"},
		{[]string{"eval", "in.json", "-f", "csv", "-o", "./in.json"}, "which this run reads"},
		{[]string{"eval", "in.json", "--format", "json=" + filepath.Join(dir, "in.json")}, "which this run reads"},
		{[]string{"eval", "link.json", "--format", "json=in.json"}, "which this run reads"},
		{[]string{"eval", "in.json", "--waivers", "waivers.yaml", "--format", "html=waivers.yaml"}, "which this run reads"},
		{[]string{"eval", "in.json", "--format", "json=out.y", "--format", "csv=./out.y"}, "both write"},
	} {
		code, stdout, stderr := runBinary(t, dir, nil, tc.args...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: exit %d, stderr %q; want exit 2 saying %q", strings.Join(tc.args, " "), code, stderr, tc.want)
		}
		if stdout != "" {
			t.Errorf("%s: wrote to stdout", strings.Join(tc.args, " "))
		}
		if now, err := os.ReadFile(filepath.Join(dir, "in.json")); err != nil || string(now) != string(data) {
			t.Fatalf("%s: the snapshot changed (%v)", strings.Join(tc.args, " "), err)
		}
		if _, err := os.Stat(filepath.Join(dir, "out.y")); !os.IsNotExist(err) {
			t.Fatalf("%s: out.y written", strings.Join(tc.args, " "))
		}
	}
	// The same names, apart, are fine.
	if code, _, stderr := runBinary(t, dir, nil, "eval", "in.json", "--format", "json=out.json", "--format", "csv=out.csv"); code != 0 {
		t.Errorf("distinct outputs: exit %d: %s", code, stderr)
	}
}

// Defect: a run whose results are all errors exited 0 without a word.
func TestAllErrorRunSaysSo(t *testing.T) {
	dir := t.TempDir()
	s := snapshot.New("aws", "123456789012", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	s.Complete = true
	s.AddError(snapshot.CollectionError{ResourceType: "aws_iam_user", Operation: "iam:ListUsers", Code: "AccessDenied", Message: "not authorized"})
	p := filepath.Join(dir, "denied.json")
	if err := snapshot.WriteFile(p, s); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runBinary(t, dir, nil, "eval", p, "--format", "json=r.json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "are errors: nothing could be checked") {
		t.Errorf("stderr does not say every result is an error: %q", stderr)
	}
	abs, err := filepath.Abs(demo)
	if err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runBinary(t, dir, nil, "eval", abs, "--format", "json=r.json"); code != 0 || strings.Contains(stderr, "nothing could be checked") {
		t.Errorf("demo: exit %d, stderr %q", code, stderr)
	}
}
