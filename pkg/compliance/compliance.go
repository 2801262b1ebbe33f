// Package compliance maps a report onto framework control lists: for each control, the checks
// that cover it and their pass / fail / error counts, and the controls no check covers. The
// control lists (titles, levels, automated or manual) come from a catalogue embedded with the
// policies (policies/frameworks/*.json).
package compliance

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/incloud/incloud/pkg/findings"
)

// Framework is one catalogue entry: a framework and its controls.
type Framework struct {
	Key      string    `json:"key"`
	Title    string    `json:"title"`
	Provider string    `json:"provider"`
	Source   string    `json:"source"`
	Controls []Control `json:"controls"`
}

// Control is one control of a framework.
type Control struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	Level      int    `json:"level"`
	Assessment string `json:"assessment"`
}

// Assessment values.
const (
	Automated = "automated"
	Manual    = "manual"
	Disputed  = "automated/manual"
)

// Load reads every *.json catalogue in dir of fsys, sorted by key.
func Load(fsys fs.FS, dir string) ([]Framework, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("framework catalogue: %w", err)
	}
	var out []Framework
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		p := path.Join(dir, e.Name())
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("framework catalogue: %w", err)
		}
		var f Framework
		if err := json.Unmarshal(data, &f); err != nil {
			return nil, fmt.Errorf("framework catalogue %s: %w", p, err)
		}
		if f.Key == "" || len(f.Controls) == 0 {
			return nil, fmt.Errorf("framework catalogue %s: no key or no controls", p)
		}
		seen := map[string]bool{}
		for _, c := range f.Controls {
			if c.ID == "" || seen[c.ID] {
				return nil, fmt.Errorf("framework catalogue %s: control id %q empty or repeated", p, c.ID)
			}
			seen[c.ID] = true
		}
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}

// Keys lists the catalogue's framework keys.
func Keys(catalogue []Framework) []string {
	keys := make([]string, len(catalogue))
	for i, f := range catalogue {
		keys[i] = f.Key
	}
	return keys
}

// Build makes the compliance view of a report: for the framework key (or, when key is "",
// every framework the report's checks map to), every control of the catalogue and any control a
// check maps to that the catalogue lacks. all are every loaded check, so that a control whose
// checks were left out of the run reads not-run rather than not-covered.
func Build(report *findings.Report, all []findings.Check, catalogue []Framework, key string) []findings.ComplianceFramework {
	byKey := map[string]Framework{}
	for _, f := range catalogue {
		byKey[f.Key] = f
	}
	ran := map[string]bool{}
	for _, c := range report.Checks {
		ran[c.ID] = true
	}
	var keys []string
	if key != "" {
		keys = []string{key}
	} else {
		seen := map[string]bool{}
		for _, c := range report.Checks {
			for k := range c.Frameworks {
				if !seen[k] {
					seen[k] = true
					keys = append(keys, k)
				}
			}
		}
		sort.Strings(keys)
	}
	// Per check, its results by status.
	counts := map[string]map[findings.Status]int{}
	for _, r := range report.Results {
		if counts[r.CheckID] == nil {
			counts[r.CheckID] = map[findings.Status]int{}
		}
		counts[r.CheckID][r.Status]++
	}
	var out []findings.ComplianceFramework
	for _, k := range keys {
		f, known := byKey[k]
		view := findings.ComplianceFramework{Key: k, Title: f.Title, Provider: f.Provider, Counts: map[string]int{}}
		if !known {
			view.Title = k + " (no control catalogue: only the controls the checks name)"
		}
		// The checks mapped to each control, among every loaded check of the framework.
		checksOf := map[string][]string{}
		for _, c := range all {
			for _, id := range c.Frameworks[k] {
				checksOf[id] = append(checksOf[id], c.ID)
			}
		}
		listed := map[string]bool{}
		for _, c := range f.Controls {
			listed[c.ID] = true
			view.Controls = append(view.Controls, control(c, checksOf[c.ID], ran, counts))
		}
		var extra []string
		for id := range checksOf {
			if !listed[id] {
				extra = append(extra, id)
			}
		}
		sortControlIDs(extra)
		for _, id := range extra {
			view.Controls = append(view.Controls, control(Control{ID: id, Title: "(not in the catalogue)"}, checksOf[id], ran, counts))
		}
		for _, c := range view.Controls {
			view.Counts[c.Status]++
		}
		out = append(out, view)
	}
	return out
}

func control(c Control, checks []string, ran map[string]bool, counts map[string]map[findings.Status]int) findings.ComplianceControl {
	sort.Strings(checks)
	cc := findings.ComplianceControl{ID: c.ID, Title: c.Title, Level: c.Level, Assessment: c.Assessment, Checks: checks}
	if cc.Checks == nil {
		cc.Checks = []string{}
	}
	anyRan := false
	for _, id := range checks {
		if !ran[id] {
			continue
		}
		anyRan = true
		cc.Pass += counts[id][findings.StatusPass]
		cc.Fail += counts[id][findings.StatusFail]
		cc.Error += counts[id][findings.StatusError]
		cc.Waived += counts[id][findings.StatusWaived]
	}
	cc.Status = findings.ControlStatus(cc, anyRan)
	return cc
}

// sortControlIDs orders dotted control ids numerically (2.10 after 2.9).
func sortControlIDs(ids []string) {
	sort.Slice(ids, func(i, j int) bool { return CompareIDs(ids[i], ids[j]) < 0 })
}

// CompareIDs compares dotted control ids part by part, numerically where both parts are numbers.
func CompareIDs(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		na, ea := strconv.Atoi(pa[i])
		nb, eb := strconv.Atoi(pb[i])
		switch {
		case ea == nil && eb == nil && na != nb:
			if na < nb {
				return -1
			}
			return 1
		case (ea != nil || eb != nil) && pa[i] != pb[i]:
			return strings.Compare(pa[i], pb[i])
		}
	}
	return len(pa) - len(pb)
}
