// Package findings is the results model shared by the engine, waivers and every output format:
// one Result per check and resource, and the Report that carries them.
package findings

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// ReportSchemaVersion is the version of the JSON report contract.
const ReportSchemaVersion = "1"

// Status is the outcome of one check on one resource.
type Status string

const (
	StatusPass   Status = "pass"
	StatusFail   Status = "fail"
	StatusError  Status = "error"
	StatusWaived Status = "waived"
)

// Statuses lists every status, in display order.
var Statuses = []Status{StatusFail, StatusError, StatusWaived, StatusPass}

// ParseStatus checks that s is a known status.
func ParseStatus(s string) (Status, error) {
	for _, st := range Statuses {
		if string(st) == s {
			return st, nil
		}
	}
	return "", fmt.Errorf("unknown status %q (want one of pass, fail, error, waived)", s)
}

// Severity says how bad a failing check is.
type Severity string

const (
	SeverityCritical Severity = "critical"
	SeverityHigh     Severity = "high"
	SeverityMedium   Severity = "medium"
	SeverityLow      Severity = "low"
	SeverityInfo     Severity = "info"
)

// Severities lists every severity, worst first.
var Severities = []Severity{SeverityCritical, SeverityHigh, SeverityMedium, SeverityLow, SeverityInfo}

// Rank orders severities: critical is 5, info is 1, unknown is 0.
func (s Severity) Rank() int {
	switch s {
	case SeverityCritical:
		return 5
	case SeverityHigh:
		return 4
	case SeverityMedium:
		return 3
	case SeverityLow:
		return 2
	case SeverityInfo:
		return 1
	}
	return 0
}

// ParseSeverity checks that s is a known severity.
func ParseSeverity(s string) (Severity, error) {
	sev := Severity(strings.ToLower(strings.TrimSpace(s)))
	if sev.Rank() == 0 {
		return "", fmt.Errorf("unknown severity %q (want one of critical, high, medium, low, info)", s)
	}
	return sev, nil
}

// Result is the outcome of one check on one resource. The JSON names are a contract.
type Result struct {
	CheckID      string              `json:"check_id"`
	Title        string              `json:"title"`
	Status       Status              `json:"status"`
	Severity     Severity            `json:"severity"`
	Area         string              `json:"area"`
	ServiceModel string              `json:"service_model"`
	Provider     string              `json:"provider"`
	Account      string              `json:"account"`
	Region       string              `json:"region"`
	ResourceID   string              `json:"resource_id"`
	ResourceName string              `json:"resource_name"`
	ResourceType string              `json:"resource_type"`
	Message      string              `json:"message"`
	Frameworks   map[string][]string `json:"frameworks"`
	Remediation  string              `json:"remediation"`
	Fingerprint  string              `json:"fingerprint"`
	// Waiver is set when an accepted-risk waiver turned a fail into waived.
	Waiver *Waiver `json:"waiver,omitempty"`
}

// Waiver records the accepted risk that applied to a result.
type Waiver struct {
	Reason  string `json:"reason"`
	Owner   string `json:"owner,omitempty"`
	Expires string `json:"expires,omitempty"`
}

// Fingerprint identifies a check on a resource across runs: it depends only on the check id,
// provider, account, region, resource type and resource id, never on messages or timestamps.
func Fingerprint(checkID, provider, account, region, resourceType, resourceID string) string {
	var small [256]byte // usually enough: no allocation
	buf := small[:0]
	for _, p := range []string{checkID, provider, account, region, resourceType, resourceID} {
		buf = append(buf, p...)
		buf = append(buf, 0)
	}
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:16])
}

// Check is the metadata of one check, as reported (a subset of what the engine loads).
type Check struct {
	ID           string              `json:"id"`
	Title        string              `json:"title"`
	Description  string              `json:"description"`
	Severity     Severity            `json:"severity"`
	Area         string              `json:"area"`
	ServiceModel string              `json:"service_model"`
	Provider     string              `json:"provider"`
	Service      string              `json:"service"`
	ResourceType string              `json:"resource_type"`
	Frameworks   map[string][]string `json:"frameworks"`
	Remediation  string              `json:"remediation"`
	Rationale    string              `json:"rationale"`
	DependsOn    []string            `json:"depends_on,omitempty"`
	Source       string              `json:"source,omitempty"`
}

// Target is one account of the report: an evaluated snapshot, or, in a fleet run, a member
// that could not be collected (Error) or was deliberately not collected (Skipped).
type Target struct {
	Provider string `json:"provider"`
	Account  string `json:"account"`
	// Name is the account's human name from the fleet's listing ("prod-payments"), "" when
	// unknown.
	Name string `json:"name,omitempty"`
	// CollectedAt is when the snapshot was taken; zero (and left out of the JSON) for an
	// account that was never collected (Error or Skipped).
	CollectedAt time.Time `json:"collected_at,omitzero"`
	Complete    bool      `json:"complete"`
	// Error says why the account could not be collected at all (its audit role could not be
	// assumed, it could not be identified); its account-level checks are then `error`
	// results carrying the same reason. Complete is false.
	Error string `json:"error,omitempty"`
	// Skipped says why the account was left out on purpose (SUSPENDED, closing, disabled):
	// no results, a note in every format that lists targets. Complete is false.
	Skipped string `json:"skipped,omitempty"`
}

// Collected reports whether the target's snapshot was taken and evaluated (neither Error nor
// Skipped); it may still be incomplete.
func (t Target) Collected() bool { return t.Error == "" && t.Skipped == "" }

// TargetCounts counts a report's accounts by how they were covered.
type TargetCounts struct {
	// Evaluated accounts were collected and evaluated (completely or not), Error accounts could
	// not be collected, Skipped accounts were left out on purpose.
	Evaluated, Error, Skipped int
}

// Total is the number of accounts counted.
func (c TargetCounts) Total() int { return c.Evaluated + c.Error + c.Skipped }

// CountTargets counts targets by Evaluated, Error and Skipped (an account with both an error and
// a skip reason counts as an error: it was meant to be collected).
func CountTargets(targets []Target) TargetCounts {
	var c TargetCounts
	for _, t := range targets {
		switch {
		case t.Error != "":
			c.Error++
		case t.Skipped != "":
			c.Skipped++
		default:
			c.Evaluated++
		}
	}
	return c
}

// Fleet reports whether the targets are more than one account or include an account that could
// not be collected or was skipped: the reports then list every account with its state.
func Fleet(targets []Target) bool {
	if len(targets) > 1 {
		return true
	}
	for _, t := range targets {
		if !t.Collected() {
			return true
		}
	}
	return false
}

// Tool names the program that made a report, and the build: enough to trace a report to it.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	// Revision is the VCS revision of the build and Modified whether its tree had changes
	// (absent when the binary was built without VCS information).
	Revision string `json:"revision,omitempty"`
	Modified bool   `json:"modified,omitempty"`
	// GoVersion and OPAVersion are the Go toolchain and the embedded OPA.
	GoVersion  string `json:"go_version,omitempty"`
	OPAVersion string `json:"opa_version,omitempty"`
}

// Summary counts results.
type Summary struct {
	Total      int                         `json:"total"`
	ByStatus   map[Status]int              `json:"by_status"`
	BySeverity map[Severity]map[Status]int `json:"by_severity"`
	ByArea     map[string]map[Status]int   `json:"by_area"`
}

// Report is the whole outcome of one evaluation. The JSON names are a contract.
type Report struct {
	SchemaVersion string    `json:"schema_version"`
	Tool          Tool      `json:"tool"`
	GeneratedAt   time.Time `json:"generated_at"`
	Targets       []Target  `json:"targets"`
	Summary       Summary   `json:"summary"`
	Results       []Result  `json:"results"`
	// Checks holds the metadata of every check that was evaluated, sorted by id.
	Checks []Check `json:"checks"`
	// Warnings are report-level notes (expired or stale waivers, checks skipped, ...).
	Warnings []string `json:"warnings,omitempty"`
	// Skipped lists the checks of the evaluated providers that were left out by the selection
	// flags (--checks, --skip-checks, --severity, --area, --framework): they have no results.
	Skipped []SkippedCheck `json:"skipped_checks,omitempty"`
	// Compliance is the view of the run per framework (the one of --framework, or every
	// framework the evaluated checks map to).
	Compliance []ComplianceFramework `json:"compliance,omitempty"`
}

// Control statuses in a compliance view.
const (
	ControlPass       = "pass"        // every result of its checks passes
	ControlFail       = "fail"        // a result of its checks fails
	ControlError      = "error"       // no failure, but a result could not be decided
	ControlWaived     = "waived"      // its only failures are waived
	ControlNoResults  = "no-results"  // its checks ran but found nothing to judge
	ControlNotRun     = "not-run"     // its checks were left out of this run
	ControlNotCovered = "not-covered" // no check covers it: judge it by hand
)

// ComplianceFramework is a framework's controls and how this run's results bear on each.
type ComplianceFramework struct {
	Key      string `json:"key"`
	Title    string `json:"title"`
	Provider string `json:"provider,omitempty"`
	// Controls lists every control of the framework's catalogue (covered or not), then any
	// control a check maps to that the catalogue does not list.
	Controls []ComplianceControl `json:"controls"`
	// Counts are controls by status.
	Counts map[string]int `json:"counts"`
}

// ComplianceControl is one control of a framework.
type ComplianceControl struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Level is the profile level (1 or 2; 0 unknown); Assessment is automated, manual or
	// automated/manual (the public mappings disagree).
	Level      int    `json:"level"`
	Assessment string `json:"assessment"`
	// Checks are the ids of the checks mapped to it.
	Checks []string `json:"checks"`
	Status string   `json:"status"`
	Pass   int      `json:"pass"`
	Fail   int      `json:"fail"`
	Error  int      `json:"error"`
	Waived int      `json:"waived"`
}

// ControlStatus decides a control's status from its counts: not-covered when no check maps to
// it, not-run when none of its checks ran, else the worst of its results (fail, error, waived,
// pass), or no-results. The compliance view and merged reports decide it by this one rule.
func ControlStatus(c ComplianceControl, ran bool) string {
	switch {
	case len(c.Checks) == 0:
		return ControlNotCovered
	case !ran:
		return ControlNotRun
	case c.Fail > 0:
		return ControlFail
	case c.Error > 0:
		return ControlError
	case c.Waived > 0:
		return ControlWaived
	case c.Pass > 0:
		return ControlPass
	default:
		return ControlNoResults
	}
}

// SkippedCheck is a check that was not run, and why.
type SkippedCheck struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

// Summarize counts results by status, severity and area. Every status key is present.
func Summarize(results []Result) Summary {
	s := Summary{
		Total:      len(results),
		ByStatus:   map[Status]int{},
		BySeverity: map[Severity]map[Status]int{},
		ByArea:     map[string]map[Status]int{},
	}
	for _, st := range Statuses {
		s.ByStatus[st] = 0
	}
	// Results come in runs of the same status, severity and area (a report's are sorted by
	// status, severity and check): count a run, then add it to the maps.
	add := func(r *Result, n int) {
		s.ByStatus[r.Status] += n
		if s.BySeverity[r.Severity] == nil {
			s.BySeverity[r.Severity] = map[Status]int{}
		}
		s.BySeverity[r.Severity][r.Status] += n
		if s.ByArea[r.Area] == nil {
			s.ByArea[r.Area] = map[Status]int{}
		}
		s.ByArea[r.Area][r.Status] += n
	}
	for i := 0; i < len(results); {
		r := &results[i]
		j := i + 1
		for j < len(results) && results[j].Status == r.Status && results[j].Severity == r.Severity && results[j].Area == r.Area {
			j++
		}
		add(r, j-i)
		i = j
	}
	return s
}

// Sort orders results deterministically: status (fail, error, waived, pass), worst severity first,
// then check id, account, region and resource id.
func Sort(results []Result) { slices.SortStableFunc(results, Compare) }

// Sorted returns the results of parts, one after the other, in the order Sort gives them (the
// stable order: results that compare equal keep their order, part by part). Each part's order is
// found on its own, the parts on all processors at once, and the parts are then merged, copying
// each result once: for a report made of many checks' results, a part each, this touches each
// part's results together instead of all results at random.
func Sorted(parts ...[]Result) []Result {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	out := make([]Result, n)
	// orders[k] is part k's indexes in sorted order.
	orders := make([][]int32, len(parts))
	onAllProcessors(len(parts), func(k int) {
		p := parts[k]
		order := make([]int32, len(p))
		for i := range order {
			order[i] = int32(i)
		}
		slices.SortFunc(order, func(a, b int32) int {
			return cmp.Or(compare(&p[a], &p[b]), cmp.Compare(a, b))
		})
		orders[k] = order
	})
	// Merge: heads holds, for each part not yet used up, its next result's place in its order,
	// as a heap of the parts by that result (then by part, for the stable order).
	type head struct{ part, at int }
	res := func(h head) *Result { return &parts[h.part][orders[h.part][h.at]] }
	less := func(a, b head) bool {
		if c := compare(res(a), res(b)); c != 0 {
			return c < 0
		}
		return a.part < b.part
	}
	heads := make([]head, 0, len(parts))
	for k, p := range parts {
		if len(p) > 0 {
			heads = append(heads, head{k, 0})
		}
	}
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= len(heads) {
				return
			}
			if r := l + 1; r < len(heads) && less(heads[r], heads[l]) {
				l = r
			}
			if !less(heads[l], heads[i]) {
				return
			}
			heads[i], heads[l] = heads[l], heads[i]
			i = l
		}
	}
	for i := len(heads)/2 - 1; i >= 0; i-- {
		down(i)
	}
	// The merged order, then the copy, in runs on all processors: copying results from where
	// they are to where they go waits on memory more than it computes.
	type ref struct{ part, i int32 }
	merged := make([]ref, 0, n)
	for len(heads) > 0 {
		h := &heads[0]
		merged = append(merged, ref{int32(h.part), orders[h.part][h.at]})
		if h.at++; h.at == len(parts[h.part]) {
			heads[0] = heads[len(heads)-1]
			heads = heads[:len(heads)-1]
		}
		down(0)
	}
	const copyRun = 8192
	onAllProcessors((n+copyRun-1)/copyRun, func(r int) {
		for k := r * copyRun; k < min((r+1)*copyRun, n); k++ {
			out[k] = parts[merged[k].part][merged[k].i]
		}
	})
	return out
}

// onAllProcessors calls fn(0) to fn(n-1), up to GOMAXPROCS at once, and returns when all are done.
func onAllProcessors(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// Compare orders two results as Sort does.
func Compare(a, b Result) int { return compare(&a, &b) }

func compare(a, b *Result) int {
	// Equal fields are the common case (one check's results share their check id, account and
	// often region): == sees the same string at once, where strings.Compare reads it.
	if a.Status != b.Status {
		if c := cmp.Compare(statusRank(a.Status), statusRank(b.Status)); c != 0 {
			return c
		}
	}
	if a.Severity != b.Severity {
		if c := cmp.Compare(b.Severity.Rank(), a.Severity.Rank()); c != 0 {
			return c
		}
	}
	if a.CheckID != b.CheckID {
		return strings.Compare(a.CheckID, b.CheckID)
	}
	if a.Account != b.Account {
		return strings.Compare(a.Account, b.Account)
	}
	if a.Region != b.Region {
		return strings.Compare(a.Region, b.Region)
	}
	return strings.Compare(a.ResourceID, b.ResourceID)
}

// statusRank orders statuses as Statuses lists them.
func statusRank(s Status) int {
	switch s {
	case StatusFail:
		return 0
	case StatusError:
		return 1
	case StatusWaived:
		return 2
	case StatusPass:
		return 3
	}
	return 4
}

// CheckIndex maps check ids to their metadata.
func (r *Report) CheckIndex() map[string]Check {
	m := make(map[string]Check, len(r.Checks))
	for _, c := range r.Checks {
		m[c.ID] = c
	}
	return m
}

// Failing counts fail results at or above min severity.
func Failing(results []Result, min Severity) int {
	n := 0
	for _, r := range results {
		if r.Status == StatusFail && r.Severity.Rank() >= min.Rank() {
			n++
		}
	}
	return n
}
