// Package merge combines reports of disjoint targets (the shards of one fleet audit, run on
// several machines) into one report, as if one run had evaluated every target.
package merge

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/incloud/incloud/pkg/findings"
)

// Input is one report to merge and the name it is known by in errors (its file).
type Input struct {
	Name   string
	Report *findings.Report
}

// Reports merges the inputs into one report. It refuses (with an error naming the files) reports
// made by different builds of the tool, of different report schemas, and reports that overlap:
// the same provider account evaluated in two of them, whose results could not be told apart.
// Targets are ordered by provider and account, results as findings.Sort orders them, and the
// compliance view is recounted from the merged counts. The merged report's generated_at is the
// latest of the inputs'.
//
// A fleet's accounts that could not be collected (Target.Error) or were skipped (Target.Skipped)
// are targets like the others: carried through with their reasons, and an account listed by two
// shards is an overlap whatever its state in each (a shard that skipped it and one that evaluated
// it disagree about the fleet). A result for an account its report lists as skipped is refused.
func Reports(inputs []Input) (*findings.Report, error) {
	if len(inputs) == 0 {
		return nil, fmt.Errorf("nothing to merge: no report given")
	}
	first := inputs[0]
	out := &findings.Report{
		SchemaVersion: first.Report.SchemaVersion,
		Tool:          first.Report.Tool,
		Results:       []findings.Result{},
		Checks:        []findings.Check{},
	}
	owner := map[[2]string]int{}
	checks := map[string]findings.Check{}
	skipped := map[string]findings.SkippedCheck{}
	warned := map[string]bool{}
	for i, in := range inputs {
		r := in.Report
		if r.Tool.Name == "" {
			return nil, fmt.Errorf("%s is not an incloud JSON report (no tool): merge reports (eval or scan --format json), not snapshots", in.Name)
		}
		if r.SchemaVersion != out.SchemaVersion {
			return nil, fmt.Errorf("%s has report schema %q, %s has %q: merge reports of one schema", in.Name, r.SchemaVersion, first.Name, out.SchemaVersion)
		}
		if r.Tool != out.Tool {
			return nil, fmt.Errorf("%s was made by %s, %s by %s: merge only reports of the same build (run every shard with one version)",
				in.Name, describe(r.Tool), first.Name, describe(out.Tool))
		}
		for _, t := range r.Targets {
			k := [2]string{t.Provider, t.Account}
			if prev, ok := owner[k]; ok {
				if prev == i {
					return nil, fmt.Errorf("%s lists %s account %s twice", in.Name, t.Provider, t.Account)
				}
				return nil, fmt.Errorf("%s and %s both cover %s account %s: the reports overlap (were two shards given the same --shard, or a report given twice?)",
					inputs[prev].Name, in.Name, t.Provider, t.Account)
			}
			owner[k] = i
			out.Targets = append(out.Targets, t)
		}
		skippedAccounts := map[[2]string]bool{}
		for _, t := range r.Targets {
			if t.Error == "" && t.Skipped != "" {
				skippedAccounts[[2]string{t.Provider, t.Account}] = true
			}
		}
		for _, res := range r.Results {
			k := [2]string{res.Provider, res.Account}
			if j, ok := owner[k]; !ok || j != i {
				return nil, fmt.Errorf("%s: result %s on %q is for %s account %s, which is not one of the report's targets", in.Name, res.CheckID, res.ResourceID, res.Provider, res.Account)
			}
			if skippedAccounts[k] {
				return nil, fmt.Errorf("%s: result %s on %q is for %s account %s, which the report lists as skipped (a skipped account has no results)", in.Name, res.CheckID, res.ResourceID, res.Provider, res.Account)
			}
		}
		out.Results = append(out.Results, r.Results...)
		for _, c := range r.Checks {
			checks[c.ID] = c
		}
		for _, s := range r.Skipped {
			skipped[s.ID] = s
		}
		for _, w := range r.Warnings {
			if !warned[w] {
				warned[w] = true
				out.Warnings = append(out.Warnings, w)
			}
		}
		if r.GeneratedAt.After(out.GeneratedAt) {
			out.GeneratedAt = r.GeneratedAt
		}
	}
	// A check skipped in one shard but evaluated in another was evaluated.
	for id := range checks {
		delete(skipped, id)
	}
	slices.SortFunc(out.Targets, func(a, b findings.Target) int {
		return cmp.Or(cmp.Compare(a.Provider, b.Provider), cmp.Compare(a.Account, b.Account))
	})
	for _, c := range checks {
		out.Checks = append(out.Checks, c)
	}
	slices.SortFunc(out.Checks, func(a, b findings.Check) int { return cmp.Compare(a.ID, b.ID) })
	for _, s := range skipped {
		out.Skipped = append(out.Skipped, s)
	}
	slices.SortFunc(out.Skipped, func(a, b findings.SkippedCheck) int { return cmp.Compare(a.ID, b.ID) })
	findings.Sort(out.Results)
	out.Summary = findings.Summarize(out.Results)
	out.Compliance = mergeCompliance(inputs)
	return out, nil
}

func describe(t findings.Tool) string {
	s := t.Name + " " + t.Version
	if t.Revision != "" {
		s += " (revision " + t.Revision
		if t.Modified {
			s += ", modified"
		}
		s += ")"
	}
	if t.GoVersion != "" || t.OPAVersion != "" {
		s += fmt.Sprintf(" [go %s, opa %s]", t.GoVersion, t.OPAVersion)
	}
	return s
}

// mergeCompliance adds up the inputs' compliance views control by control and decides each
// control's status again from the sums, as compliance.Build would over the merged results (the
// rules here mirror its control function).
func mergeCompliance(inputs []Input) []findings.ComplianceFramework {
	type acc struct {
		view    findings.ComplianceFramework
		index   map[string]int // control id -> position in view.Controls
		touched map[string]bool
	}
	byKey := map[string]*acc{}
	var keys []string
	for _, in := range inputs {
		for _, f := range in.Report.Compliance {
			a := byKey[f.Key]
			if a == nil {
				a = &acc{view: findings.ComplianceFramework{Key: f.Key, Title: f.Title, Provider: f.Provider}, index: map[string]int{}, touched: map[string]bool{}}
				byKey[f.Key] = a
				keys = append(keys, f.Key)
			}
			for _, c := range f.Controls {
				i, ok := a.index[c.ID]
				if !ok {
					i = len(a.view.Controls)
					a.index[c.ID] = i
					a.view.Controls = append(a.view.Controls, findings.ComplianceControl{
						ID: c.ID, Title: c.Title, Level: c.Level, Assessment: c.Assessment,
						Checks: slices.Clone(c.Checks), Status: findings.ControlNotRun,
					})
				}
				m := &a.view.Controls[i]
				for _, id := range c.Checks {
					if !slices.Contains(m.Checks, id) {
						m.Checks = append(m.Checks, id)
					}
				}
				slices.Sort(m.Checks)
				m.Pass += c.Pass
				m.Fail += c.Fail
				m.Error += c.Error
				m.Waived += c.Waived
				if c.Status != findings.ControlNotRun && c.Status != findings.ControlNotCovered {
					a.touched[c.ID] = true
				}
			}
		}
	}
	slices.Sort(keys)
	var out []findings.ComplianceFramework
	for _, k := range keys {
		a := byKey[k]
		a.view.Counts = map[string]int{}
		for i := range a.view.Controls {
			c := &a.view.Controls[i]
			c.Status = findings.ControlStatus(*c, a.touched[c.ID])
			a.view.Counts[c.Status]++
		}
		out = append(out, a.view)
	}
	return out
}
