// Package selection decides which checks run: --checks and --skip-checks (ids or globs),
// --severity (a minimum), --area and --framework. A check left out produces no results; the
// report lists it with the reason, so a reader knows what was not run.
package selection

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/incloud/incloud/pkg/findings"
)

// Criteria are the selection flags. The zero value selects every check.
type Criteria struct {
	// Checks, when not empty, runs only the checks whose id matches one of these ids or globs.
	Checks []string
	// Skip leaves out the checks whose id matches one of these ids or globs.
	Skip []string
	// MinSeverity leaves out checks below it ("" keeps all).
	MinSeverity findings.Severity
	// Areas, when not empty, runs only checks of these responsibility areas.
	Areas []string
	// Framework, when set, runs only checks mapped to this framework key.
	Framework string
}

// Empty says whether the criteria select every check.
func (c Criteria) Empty() bool {
	return len(c.Checks) == 0 && len(c.Skip) == 0 && c.MinSeverity == "" && len(c.Areas) == 0 && c.Framework == ""
}

// Why returns "" when the check is selected, else why it is left out.
func (c Criteria) Why(ch findings.Check) string {
	if len(c.Checks) > 0 && matchAny(c.Checks, ch.ID) == "" {
		return "not in --checks " + strings.Join(c.Checks, ",")
	}
	if p := matchAny(c.Skip, ch.ID); p != "" {
		return "--skip-checks " + p
	}
	if c.MinSeverity != "" && ch.Severity.Rank() < c.MinSeverity.Rank() {
		return fmt.Sprintf("severity %s is below --severity %s", ch.Severity, c.MinSeverity)
	}
	if len(c.Areas) > 0 && !contains(c.Areas, ch.Area) {
		return fmt.Sprintf("area %s is not in --area %s", ch.Area, strings.Join(c.Areas, ","))
	}
	if c.Framework != "" {
		if _, ok := ch.Frameworks[c.Framework]; !ok {
			return "not mapped to --framework " + c.Framework
		}
	}
	return ""
}

// Selected says whether the check runs.
func (c Criteria) Selected(ch findings.Check) bool { return c.Why(ch) == "" }

// Check validates the criteria against the checks that are loaded: a malformed glob, an
// unknown severity, area or framework, or a --checks/--skip-checks pattern that matches no
// check (a typo would otherwise silently run everything or nothing) is an error.
// knownFrameworks are the framework keys known besides those the checks map to (catalogues).
func (c Criteria) Check(all []findings.Check, areas []string, knownFrameworks []string) error {
	for _, flag := range []struct {
		name     string
		patterns []string
	}{{"--checks", c.Checks}, {"--skip-checks", c.Skip}} {
		for _, p := range flag.patterns {
			if _, err := path.Match(p, ""); err != nil {
				return fmt.Errorf("%s: bad pattern %q: %w", flag.name, p, err)
			}
			found := false
			for _, ch := range all {
				found = found || match(p, ch.ID)
			}
			if !found {
				return fmt.Errorf("%s: %q matches no check (see 'incloud policies list')", flag.name, p)
			}
		}
	}
	if c.MinSeverity != "" && c.MinSeverity.Rank() == 0 {
		return fmt.Errorf("--severity: unknown severity %q (want one of critical, high, medium, low, info)", c.MinSeverity)
	}
	for _, a := range c.Areas {
		if !contains(areas, a) {
			return fmt.Errorf("--area: unknown area %q (want one of %s)", a, strings.Join(areas, ", "))
		}
	}
	if c.Framework != "" {
		keys := map[string]bool{}
		for _, k := range knownFrameworks {
			keys[k] = true
		}
		for _, ch := range all {
			for k := range ch.Frameworks {
				keys[k] = true
			}
		}
		if !keys[c.Framework] {
			list := make([]string, 0, len(keys))
			for k := range keys {
				list = append(list, k)
			}
			sort.Strings(list)
			return fmt.Errorf("--framework: unknown framework %q (known: %s; see 'incloud frameworks')", c.Framework, strings.Join(list, ", "))
		}
	}
	return nil
}

// Skipped lists the checks left out, with the reason, sorted by id.
func (c Criteria) Skipped(all []findings.Check) []findings.SkippedCheck {
	var out []findings.SkippedCheck
	if c.Empty() {
		return out
	}
	for _, ch := range all {
		if why := c.Why(ch); why != "" {
			out = append(out, findings.SkippedCheck{ID: ch.ID, Reason: why})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// SplitList splits comma-separated flag values (repeatable flags give several), trimming
// blanks and dropping empty items.
func SplitList(values []string) []string {
	var out []string
	for _, v := range values {
		for _, item := range strings.Split(v, ",") {
			if item = strings.TrimSpace(item); item != "" {
				out = append(out, item)
			}
		}
	}
	return out
}

func match(pattern, id string) bool {
	ok, err := path.Match(pattern, id)
	return err == nil && ok
}

func matchAny(patterns []string, id string) string {
	for _, p := range patterns {
		if match(p, id) {
			return p
		}
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
