// Package diff compares two findings reports by fingerprint, for scheduled jobs: what started
// failing, what was fixed, what is still failing, and what could no longer be checked. It also
// reads JSON reports strictly and applies a baseline report, so that only failures not in the
// baseline count toward a run's --fail-on.
package diff

import (
	"slices"
	"sort"

	"github.com/incloud/incloud/pkg/findings"
)

// Absent is the status recorded for a result missing from one of the reports.
const Absent = "absent"

// Unknown is the new status of a result whose account the new report did not look at: the
// account could not be collected (Target.Error) or was skipped (Target.Skipped).
const Unknown = "unknown"

// Entry is one result in a diff: the result from the new report when it is present there (new
// failures, still failing, waived, new errors, resolved), else the one from the old report (gone).
type Entry struct {
	findings.Result
	// Before and After are the statuses in the old and the new report, or "absent".
	Before string `json:"before"`
	After  string `json:"after"`
	// PreviousMessage is the old report's message of a resolved failure (what was fixed).
	PreviousMessage string `json:"previous_message,omitempty"`
	// Reason says why a result was not compared: why its account could not be collected, or
	// was skipped, in the new report.
	Reason string `json:"reason,omitempty"`
}

// Summary counts the entries of a diff.
type Summary struct {
	NewFailures  int `json:"new_failures"`
	Resolved     int `json:"resolved"`
	Gone         int `json:"gone"`
	StillFailing int `json:"still_failing"`
	Waived       int `json:"waived"`
	NewErrors    int `json:"new_errors"`
	NotCompared  int `json:"not_compared"`
	// NewFailuresBySeverity counts new failures by severity; every severity is present.
	NewFailuresBySeverity map[findings.Severity]int `json:"new_failures_by_severity"`
	// OldTotal and NewTotal are the number of results in each report.
	OldTotal int `json:"old_total"`
	NewTotal int `json:"new_total"`
}

// Diff is the comparison of two reports. Each list is in findings.Sort order and never nil.
type Diff struct {
	// NewFailures fail in the new report and did not fail in the old one (passed, were waived,
	// errored, or were absent: a new resource or an expired waiver).
	NewFailures []Entry `json:"new_failures"`
	// Resolved failed in the old report and pass in the new one.
	Resolved []Entry `json:"resolved"`
	// Gone failed in the old report and are absent from the new one (the resource, or the check,
	// no longer exists).
	Gone []Entry `json:"gone"`
	// StillFailing fail in both reports.
	StillFailing []Entry `json:"still_failing"`
	// Waived failed in the old report and are waived in the new one.
	Waived []Entry `json:"waived"`
	// NewErrors are errors in the new report that were not errors in the old one: something
	// that could be checked before cannot be now.
	NewErrors []Entry `json:"new_errors"`
	// NotCompared failed in the old report and are absent from the new one because the new
	// report did not look at their account (it could not be collected, or was skipped): their
	// status now is unknown, neither resolved nor gone. The entry is the old result, After is
	// "unknown" and Reason the account's error or skip reason.
	NotCompared []Entry `json:"not_compared"`
	Summary     Summary `json:"summary"`
}

// Results returns the results of entries, e.g. to count them with findings.Failing.
func Results(entries []Entry) []findings.Result {
	out := make([]findings.Result, len(entries))
	for i, e := range entries {
		out[i] = e.Result
	}
	return out
}

// fingerprint returns r's fingerprint, computing it when a report left it empty.
func fingerprint(r findings.Result) string {
	if r.Fingerprint != "" {
		return r.Fingerprint
	}
	return findings.Fingerprint(r.CheckID, r.Provider, r.Account, r.Region, r.ResourceType, r.ResourceID)
}

// statusWeight decides which result stands for a fingerprint that a report holds twice.
func statusWeight(s findings.Status) int {
	switch s {
	case findings.StatusFail:
		return 4
	case findings.StatusError:
		return 3
	case findings.StatusWaived:
		return 2
	case findings.StatusPass:
		return 1
	}
	return 0
}

// index maps fingerprints to results. A fingerprint should appear once per report; when it
// appears more often the worst status wins, so a failure is never hidden by a duplicate pass.
func index(r *findings.Report) map[string]findings.Result {
	m := map[string]findings.Result{}
	if r == nil {
		return m
	}
	for _, res := range r.Results {
		fp := fingerprint(res)
		res.Fingerprint = fp
		if prev, ok := m[fp]; ok && statusWeight(prev.Status) >= statusWeight(res.Status) {
			continue
		}
		m[fp] = res
	}
	return m
}

// notLookedAt maps the accounts the report lists as not collected or skipped to the reason.
func notLookedAt(r *findings.Report) map[[2]string]string {
	m := map[[2]string]string{}
	if r == nil {
		return m
	}
	for _, t := range r.Targets {
		switch {
		case t.Error != "":
			m[[2]string{t.Provider, t.Account}] = "the account could not be collected: " + t.Error
		case t.Skipped != "":
			m[[2]string{t.Provider, t.Account}] = "the account was skipped: " + t.Skipped
		}
	}
	return m
}

// Compare diffs two reports by fingerprint. Results are matched only by their fingerprint (check,
// provider, account, region, resource type and id), so adding or removing unrelated resources,
// or changing messages, does not disturb the rest of the diff. An old failure missing from the
// new report is gone, unless the new report did not look at its account: it could not collect or
// skipped it, or (when the new report lists its targets) the account is not among them, as when
// one shard's report is compared with a whole organization's: then it was not compared.
func Compare(old, new *findings.Report) Diff {
	before, after := index(old), index(new)
	unseen := notLookedAt(new)
	var d Diff
	add := func(list *[]Entry, r findings.Result, b, a string) {
		*list = append(*list, Entry{Result: r, Before: b, After: a})
	}
	for fp, n := range after {
		o, inOld := before[fp]
		b := Absent
		if inOld {
			b = string(o.Status)
		}
		a := string(n.Status)
		switch n.Status {
		case findings.StatusFail:
			if inOld && o.Status == findings.StatusFail {
				add(&d.StillFailing, n, b, a)
			} else {
				add(&d.NewFailures, n, b, a)
			}
		case findings.StatusError:
			if !inOld || o.Status != findings.StatusError {
				add(&d.NewErrors, n, b, a)
			}
		case findings.StatusPass:
			if inOld && o.Status == findings.StatusFail {
				add(&d.Resolved, n, b, a)
				d.Resolved[len(d.Resolved)-1].PreviousMessage = o.Message
			}
		case findings.StatusWaived:
			if inOld && o.Status == findings.StatusFail {
				add(&d.Waived, n, b, a)
			}
		}
	}
	for fp, o := range before {
		if _, inNew := after[fp]; !inNew && o.Status == findings.StatusFail {
			reason, ok := unseen[[2]string{o.Provider, o.Account}]
			if !ok && len(new.Targets) > 0 && !slices.ContainsFunc(new.Targets, func(t findings.Target) bool {
				return t.Provider == o.Provider && t.Account == o.Account
			}) {
				reason, ok = "the account is not in the new report (another shard's, or left out by --accounts)", true
			}
			if ok {
				add(&d.NotCompared, o, string(o.Status), Unknown)
				d.NotCompared[len(d.NotCompared)-1].Reason = reason
				continue
			}
			add(&d.Gone, o, string(o.Status), Absent)
		}
	}
	for _, list := range []*[]Entry{&d.NewFailures, &d.Resolved, &d.Gone, &d.StillFailing, &d.Waived, &d.NewErrors, &d.NotCompared} {
		sortEntries(list)
	}
	d.Summary = Summary{
		NewFailures:           len(d.NewFailures),
		Resolved:              len(d.Resolved),
		Gone:                  len(d.Gone),
		StillFailing:          len(d.StillFailing),
		Waived:                len(d.Waived),
		NewErrors:             len(d.NewErrors),
		NotCompared:           len(d.NotCompared),
		NewFailuresBySeverity: map[findings.Severity]int{},
	}
	for _, sev := range findings.Severities {
		d.Summary.NewFailuresBySeverity[sev] = 0
	}
	for _, e := range d.NewFailures {
		d.Summary.NewFailuresBySeverity[e.Severity]++
	}
	if old != nil {
		d.Summary.OldTotal = len(old.Results)
	}
	if new != nil {
		d.Summary.NewTotal = len(new.Results)
	}
	return d
}

// sortEntries puts entries in findings.Sort order, ties broken by fingerprint, and makes a nil
// list empty (so that JSON shows [] rather than null).
func sortEntries(list *[]Entry) {
	if *list == nil {
		*list = []Entry{}
		return
	}
	results := Results(*list)
	sort.Slice(results, func(i, j int) bool { return results[i].Fingerprint < results[j].Fingerprint })
	findings.Sort(results)
	byFP := make(map[string]Entry, len(*list))
	for _, e := range *list {
		byFP[e.Fingerprint] = e
	}
	for i, r := range results {
		(*list)[i] = byFP[r.Fingerprint]
	}
}

// ApplyBaseline returns the failures of report whose fingerprint is not a failure in baseline,
// in findings.Sort order: the failures a run should count toward --fail-on. A baseline result
// that was waived does not excuse a failure now (its waiver has expired or been removed). A nil
// baseline excuses nothing.
func ApplyBaseline(report, baseline *findings.Report) []findings.Result {
	known := map[string]bool{}
	for fp, r := range index(baseline) {
		if r.Status == findings.StatusFail {
			known[fp] = true
		}
	}
	newFails := []findings.Result{}
	if report == nil {
		return newFails
	}
	for _, r := range report.Results {
		if r.Status == findings.StatusFail && !known[fingerprint(r)] {
			newFails = append(newFails, r)
		}
	}
	findings.Sort(newFails)
	return newFails
}
