package compliance

import (
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/incloud/incloud/pkg/findings"
)

var catalogue = []Framework{{
	Key: "cis-x", Title: "CIS X", Provider: "aws",
	Controls: []Control{
		{ID: "1.1", Title: "failing", Level: 1, Assessment: Automated},
		{ID: "1.2", Title: "erroring", Level: 1, Assessment: Automated},
		{ID: "1.3", Title: "waived", Level: 2, Assessment: Manual},
		{ID: "1.4", Title: "passing", Level: 1, Assessment: Automated},
		{ID: "1.5", Title: "nothing to judge", Level: 1, Assessment: Automated},
		{ID: "1.6", Title: "left out of the run", Level: 2, Assessment: Disputed},
		{ID: "1.10", Title: "no check", Level: 1, Assessment: Manual},
	},
}}

func check(id string, controls ...string) findings.Check {
	return findings.Check{ID: id, Provider: "aws", Frameworks: map[string][]string{"cis-x": controls}}
}

func result(checkID string, st findings.Status) findings.Result {
	return findings.Result{CheckID: checkID, Status: st}
}

func TestBuild(t *testing.T) {
	all := []findings.Check{
		check("c-fail", "1.1"), check("c-pass", "1.1", "1.4"), check("c-error", "1.2"), check("c-waived", "1.3"),
		check("c-none", "1.5"), check("c-skipped", "1.6"), check("c-extra", "9.9"),
		{ID: "c-other", Provider: "aws", Frameworks: map[string][]string{"other-fw": {"A"}}},
	}
	report := &findings.Report{
		Checks: all[:5],
		Results: []findings.Result{
			result("c-fail", findings.StatusFail), result("c-pass", findings.StatusPass), result("c-pass", findings.StatusPass),
			result("c-error", findings.StatusError), result("c-error", findings.StatusPass),
			result("c-waived", findings.StatusWaived), result("c-waived", findings.StatusPass),
		},
	}
	views := Build(report, all, catalogue, "")
	if len(views) != 1 || views[0].Key != "cis-x" {
		t.Fatalf("frameworks of the run's checks: %+v, want cis-x only (other-fw's check did not run)", views)
	}
	v := views[0]
	got := map[string]findings.ComplianceControl{}
	var order []string
	for _, c := range v.Controls {
		got[c.ID] = c
		order = append(order, c.ID)
	}
	if strings.Join(order, " ") != "1.1 1.2 1.3 1.4 1.5 1.6 1.10 9.9" {
		t.Errorf("controls in order %v: the catalogue's, then those only checks name", order)
	}
	for id, want := range map[string]string{
		"1.1": findings.ControlFail, "1.2": findings.ControlError, "1.3": findings.ControlWaived, "1.4": findings.ControlPass,
		"1.5": findings.ControlNoResults, "1.6": findings.ControlNotRun, "1.10": findings.ControlNotCovered, "9.9": findings.ControlNotRun,
	} {
		if got[id].Status != want {
			t.Errorf("control %s: status %s, want %s", id, got[id].Status, want)
		}
	}
	if c := got["1.1"]; c.Fail != 1 || c.Pass != 2 || strings.Join(c.Checks, ",") != "c-fail,c-pass" || c.Level != 1 || c.Assessment != Automated || c.Title != "failing" {
		t.Errorf("control 1.1: %+v", c)
	}
	if got["9.9"].Title != "(not in the catalogue)" {
		t.Errorf("control 9.9: %+v", got["9.9"])
	}
	if v.Counts[findings.ControlNotCovered] != 1 || v.Counts[findings.ControlFail] != 1 || v.Counts[findings.ControlNotRun] != 2 {
		t.Errorf("counts %v", v.Counts)
	}

	// --framework names one, even when none of its checks ran.
	views = Build(report, all, catalogue, "other-fw")
	if len(views) != 1 || views[0].Key != "other-fw" || len(views[0].Controls) != 1 || views[0].Controls[0].Status != findings.ControlNotRun {
		t.Errorf("other-fw view: %+v", views)
	}
}

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"fw/b.json": {Data: []byte(`{"key":"b","title":"B","controls":[{"id":"1","title":"one","level":1,"assessment":"manual"}]}`)},
		"fw/a.json": {Data: []byte(`{"key":"a","title":"A","controls":[{"id":"2"}]}`)},
		"fw/README": {Data: []byte("not a catalogue")},
	}
	got, err := Load(fsys, "fw")
	if err != nil || len(got) != 2 || got[0].Key != "a" || got[1].Controls[0].Title != "one" {
		t.Fatalf("Load: %+v, %v", got, err)
	}
	fsys["fw/c.json"] = &fstest.MapFile{Data: []byte(`{"key":"c","controls":[{"id":"1"},{"id":"1"}]}`)}
	if _, err := Load(fsys, "fw"); err == nil || !strings.Contains(err.Error(), "repeated") {
		t.Errorf("repeated control id: %v", err)
	}
}

func TestCompareIDs(t *testing.T) {
	ids := []string{"3.10", "3.2", "10.1", "3.1.6.1", "3.1.6", "2", "a.1"}
	sort.Slice(ids, func(i, j int) bool { return CompareIDs(ids[i], ids[j]) < 0 })
	if got := strings.Join(ids, " "); got != "2 3.1.6 3.1.6.1 3.2 3.10 10.1 a.1" {
		t.Errorf("sorted %q", got)
	}
}
