package audit

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/incloud/incloud/pkg/diff"
	"github.com/incloud/incloud/pkg/snapshot"
)

// demoSnapshots reads every demo snapshot of every provider.
func demoSnapshots(t *testing.T) map[string]*snapshot.Snapshot {
	t.Helper()
	paths, err := filepath.Glob("../../testdata/snapshots/*.json")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*snapshot.Snapshot{}
	for _, p := range paths {
		if strings.HasSuffix(p, ".expect.json") {
			continue
		}
		s, err := snapshot.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = s
	}
	if len(out) < 3 {
		t.Fatalf("found %d demo snapshots, want those of every provider", len(out))
	}
	return out
}

func documents(t *testing.T, snaps ...*snapshot.Snapshot) []Input {
	t.Helper()
	var in []Input
	for i, s := range snaps {
		d, err := s.Document()
		if err != nil {
			t.Fatal(err)
		}
		in = append(in, Input{Name: fmt.Sprintf("snapshot %d", i), Document: d})
	}
	return in
}

// clone deep-copies a snapshot through its JSON form.
func clone(t *testing.T, s *snapshot.Snapshot) *snapshot.Snapshot {
	t.Helper()
	data, err := snapshot.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	c, err := snapshot.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// mutate makes a generated variant of s: some resource types dropped or emptied, and collection
// errors at every scope (a whole type in every region, a region, one resource, "global"),
// some naming attributes, some marking the snapshot incomplete.
func mutate(t *testing.T, s *snapshot.Snapshot, rng *rand.Rand) *snapshot.Snapshot {
	t.Helper()
	c := clone(t, s)
	types := make([]string, 0, len(c.Resources))
	for typ := range c.Resources {
		types = append(types, typ)
	}
	sort.Strings(types)
	for _, typ := range types {
		rs := c.Resources[typ]
		switch rng.Intn(6) {
		case 0: // the list call failed everywhere
			delete(c.Resources, typ)
			c.AddError(snapshot.CollectionError{ResourceType: typ, Operation: "x:List", Code: "AccessDenied", Message: "denied"})
		case 1: // in one region
			region := "us-east-1"
			if len(rs) > 0 && rs[0].Region() != "" {
				region = rs[0].Region()
			}
			c.AddError(snapshot.CollectionError{ResourceType: typ, Region: region, Operation: "x:List", Code: "Throttling", Message: "rate exceeded"})
		case 2: // one resource
			if len(rs) > 0 {
				r := rs[rng.Intn(len(rs))]
				c.AddError(snapshot.CollectionError{ResourceType: typ, ResourceID: r.ID(), Region: r.Region(), Operation: "x:Get", Code: "AccessDenied", Message: "denied"})
			}
		case 3: // a resource that never made it into the snapshot
			c.AddError(snapshot.CollectionError{ResourceType: typ, ResourceID: fmt.Sprintf("gone-%d", rng.Intn(1000)), Region: "global", Operation: "x:Get", Code: "NoSuchEntity", Message: "gone"})
		}
	}
	if rng.Intn(2) == 0 {
		c.Complete = false
	}
	return c
}

// Every report incloud writes can be read back by diff and --baseline: complete, incomplete
// (error results of failed list calls have no resource id), waived, multi-account, and generated
// variants of every demo. Read back, a report is its own baseline: nothing new, nothing gone.
func TestEveryWrittenReportReadsBack(t *testing.T) {
	demos := demoSnapshots(t)
	names := make([]string, 0, len(demos))
	for n := range demos {
		names = append(names, n)
	}
	sort.Strings(names)

	dir := t.TempDir()
	path := filepath.Join(dir, "report.json")
	var stdout bytes.Buffer
	var warnings []string
	opts := options(&stdout, &warnings)
	opts.Outputs = []Output{{Format: "json", Path: path}}
	plain, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}

	type variant struct {
		name   string
		audit  *Audit
		inputs []Input
	}
	var variants []variant
	for _, n := range names {
		variants = append(variants, variant{n + " as is", plain, documents(t, demos[n])})
		inc := clone(t, demos[n])
		inc.Complete = false
		for typ := range inc.Resources {
			inc.AddError(snapshot.CollectionError{ResourceType: typ, Operation: "incloud:Collect", Code: "Canceled", Message: "interrupted"})
			break
		}
		variants = append(variants, variant{n + " incomplete", plain, documents(t, inc)})
	}
	// Several accounts of several providers in one report.
	aws := demos["aws-demo.json"]
	if aws == nil {
		t.Fatal("no aws-demo.json")
	}
	other := clone(t, aws)
	other.Account = "210987654321"
	var all []*snapshot.Snapshot
	for _, n := range names {
		all = append(all, demos[n])
	}
	variants = append(variants, variant{"multi-account", plain, documents(t, append(all, other)...)})
	// Waived: waive every failure of a few checks of the demo.
	w := filepath.Join(dir, "waivers.yaml")
	waiversYAML := "waivers:\n"
	for _, c := range []string{"aws-s3-block-public-access", "aws-iam-user-console-mfa", "aws-rds-public-access"} {
		waiversYAML += fmt.Sprintf("  - check: %s\n    resource: \"*\"\n    reason: accepted for the test\n    owner: test@example.com\n    expires: 2999-01-01\n", c)
	}
	if err := os.WriteFile(w, []byte(waiversYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	wopts := opts
	wopts.Waivers = w
	waived, err := New(wopts)
	if err != nil {
		t.Fatal(err)
	}
	variants = append(variants, variant{"waived", waived, documents(t, aws)})
	// Generated variants of each provider's first demo.
	rng := rand.New(rand.NewSource(11))
	for i := 0; i < 6; i++ {
		n := names[i%len(names)]
		variants = append(variants, variant{fmt.Sprintf("generated %d from %s", i, n), plain, documents(t, mutate(t, demos[n], rng))})
	}

	shapes := map[string]bool{}
	for _, v := range variants {
		out, err := v.audit.Run(context.Background(), v.inputs)
		if err != nil {
			t.Errorf("%s: %v", v.name, err)
			continue
		}
		var mismatched []string
		back, err := diff.ReadReport(path, func(w string) { mismatched = append(mismatched, w) })
		if len(mismatched) > 0 {
			t.Errorf("%s: reading back warned: %q", v.name, mismatched)
		}
		if err != nil {
			t.Errorf("%s: the written report does not read back: %v", v.name, err)
			continue
		}
		if len(back.Results) != len(out.Report.Results) {
			t.Errorf("%s: %d results read back, %d written", v.name, len(back.Results), len(out.Report.Results))
		}
		for _, r := range out.Report.Results {
			if r.ResourceID == "" {
				shapes["no resource id"] = true
			}
			shapes[string(r.Status)] = true
		}
		if len(out.Report.Targets) > 1 {
			shapes["multi-account"] = true
		}
		for _, tg := range out.Report.Targets {
			if !tg.Complete {
				shapes["incomplete"] = true
			}
		}
		d := diff.Compare(back, back)
		if len(d.NewFailures) != 0 || len(d.Resolved) != 0 {
			t.Errorf("%s: a report against itself: %d new failures, %d resolved", v.name, len(d.NewFailures), len(d.Resolved))
		}
		if n := len(diff.ApplyBaseline(out.Report, back)); n != 0 {
			t.Errorf("%s: with its own report as baseline, %d failures still count as new", v.name, n)
		}
	}
	for _, want := range []string{"no resource id", "multi-account", "incomplete", "pass", "fail", "error", "waived"} {
		if !shapes[want] {
			t.Errorf("no variant produced a report with %s results: the property is not exercised", want)
		}
	}
}
