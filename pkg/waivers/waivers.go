// Package waivers reads accepted-risk waivers and applies them to a report: a failing result that
// an unexpired waiver covers becomes "waived", with the waiver's reason, owner and expiry attached.
//
// A waivers file is YAML:
//
//	waivers:
//	  - check: aws-s3-block-public-access
//	    resource: "arn:aws:s3:::acme-public-*"
//	    reason: Public website assets, reviewed by security (SEC-123).
//	    owner: web-team@acme.example
//	    expires: 2026-06-30
//
// Every field is required. resource is an exact resource id or a glob in which "*" matches any run
// of characters (including "/" and ":", which ARNs contain) and "?" matches exactly one character;
// every other character matches itself, and there is no substring matching. A waiver is valid up to
// and including its expires day, in UTC.
//
// Waivers never change pass or error results: an error means something could not be checked, and
// accepting a known risk must not hide that.
package waivers

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/incloud/incloud/pkg/findings"
)

// DateLayout is the layout of the expires field.
const DateLayout = "2006-01-02"

// Waiver is one accepted risk.
type Waiver struct {
	// Check is the check id the waiver applies to (exact).
	Check string
	// Resource is the resource id, or a glob of resource ids, the waiver applies to.
	Resource string
	Reason   string
	Owner    string
	// Expires is the last day (UTC) on which the waiver applies, at 00:00 UTC.
	Expires time.Time
	// Line is the line of the entry in its file (1-based).
	Line int
}

// ExpiresString is the expiry day as written in the file (YYYY-MM-DD).
func (w Waiver) ExpiresString() string { return w.Expires.Format(DateLayout) }

// ActiveAt reports whether the waiver still applies at now: it expires at the end of its
// expires day, UTC.
func (w Waiver) ActiveAt(now time.Time) bool {
	return now.UTC().Before(w.Expires.AddDate(0, 0, 1))
}

// Matches reports whether the waiver covers the given check and resource id.
func (w Waiver) Matches(checkID, resourceID string) bool {
	return w.Check == checkID && Match(w.Resource, resourceID)
}

// File is a parsed waivers file.
type File struct {
	// Name is the file name used in messages.
	Name    string
	Waivers []Waiver
}

// Error is one problem in a waivers file, with its position.
type Error struct {
	File string
	Line int
	// Field is the path of the offending field, e.g. "waivers[2].expires".
	Field string
	Msg   string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Load reads and parses a waivers file.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read waivers file: %w", err)
	}
	return Parse(data, path)
}

var (
	datePattern  = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
	checkPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)+$`)
)

// fields lists the keys of an entry, in the order they are reported when missing.
var fields = []string{"check", "resource", "reason", "owner", "expires"}

// singleDocument decodes the file's YAML document, refusing a file with more than one: a reader
// of the first would silently ignore the others. Only empty documents may follow the first.
func singleDocument(data []byte, name string) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var first *yaml.Node
	for n := 0; ; n++ {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: invalid YAML: %w", name, err)
		}
		if n == 0 {
			first = &doc
			continue
		}
		if !isEmptyDocument(&doc) {
			return nil, &Error{File: name, Line: doc.Line, Msg: fmt.Sprintf("more than one YAML document (document %d; the first starts at line %d): put every waiver in the one top-level \"waivers\" list", n+1, first.Line)}
		}
	}
	if first == nil {
		return &yaml.Node{}, nil
	}
	return first, nil
}

// isEmptyDocument reports a document with no content, or only a null.
func isEmptyDocument(doc *yaml.Node) bool {
	if len(doc.Content) == 0 {
		return true
	}
	c := doc.Content[0]
	return c.Kind == yaml.ScalarNode && c.Tag == "!!null" && c.Value == ""
}

// Parse parses the content of a waivers file; name is used in error messages. Every problem
// found is reported (joined), each naming the file, line and field.
func Parse(data []byte, name string) (*File, error) {
	f := &File{Name: name}
	doc, err := singleDocument(data, name)
	if err != nil {
		return nil, err
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return f, nil // empty file
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return f, nil // a file holding only comments or "~"
	}
	p := &parser{name: name}
	if root.Kind != yaml.MappingNode {
		p.errorf(root, "", "the file must be a mapping with a top-level \"waivers\" list, got %s", kindName(root))
		return nil, p.err()
	}
	var list *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value != "waivers" {
			p.errorf(k, k.Value, "unknown top-level key (only \"waivers\" is allowed)")
			continue
		}
		if list != nil {
			p.errorf(k, "waivers", "duplicate key")
			continue
		}
		list = v
	}
	if list == nil {
		if p.errs == nil {
			p.errorf(root, "waivers", "missing top-level \"waivers\" list")
		}
		return nil, p.err()
	}
	switch {
	case list.Kind == yaml.ScalarNode && list.Tag == "!!null":
		// "waivers:" with every entry commented out: no waivers.
	case list.Kind != yaml.SequenceNode:
		p.errorf(list, "waivers", "must be a list of waivers, got %s", kindName(list))
	default:
		seen := map[[2]string]int{}
		for i, item := range list.Content {
			w, ok := p.entry(item, fmt.Sprintf("waivers[%d]", i))
			if !ok {
				continue
			}
			key := [2]string{w.Check, w.Resource}
			if first, dup := seen[key]; dup {
				p.errorf(item, fmt.Sprintf("waivers[%d]", i), "duplicate waiver for %s on %s (first at line %d)", w.Check, w.Resource, first)
				continue
			}
			seen[key] = w.Line
			f.Waivers = append(f.Waivers, w)
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return f, nil
}

type parser struct {
	name string
	errs []error
}

func (p *parser) errorf(n *yaml.Node, field, format string, args ...any) {
	p.errs = append(p.errs, &Error{File: p.name, Line: n.Line, Field: field, Msg: fmt.Sprintf(format, args...)})
}

func (p *parser) err() error { return errors.Join(p.errs...) }

func (p *parser) entry(n *yaml.Node, path string) (Waiver, bool) {
	w := Waiver{Line: n.Line}
	if n.Kind != yaml.MappingNode {
		p.errorf(n, path, "must be a mapping with check, resource, reason, owner and expires, got %s", kindName(n))
		return w, false
	}
	before := len(p.errs)
	values := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		field := path + "." + k.Value
		known := false
		for _, f := range fields {
			known = known || f == k.Value
		}
		if !known {
			p.errorf(k, field, "unknown field (want check, resource, reason, owner, expires)")
			continue
		}
		if _, dup := values[k.Value]; dup {
			p.errorf(k, field, "duplicate field")
			continue
		}
		values[k.Value] = v
	}
	for _, name := range fields {
		v, ok := values[name]
		field := path + "." + name
		if !ok {
			p.errorf(n, field, "missing required field")
			continue
		}
		if v.Kind != yaml.ScalarNode {
			p.errorf(v, field, "must be a string, got %s", kindName(v))
			continue
		}
		val := strings.TrimSpace(v.Value)
		if v.Tag == "!!null" || val == "" {
			p.errorf(v, field, "must not be empty")
			continue
		}
		switch name {
		case "check":
			if v.Tag != "!!str" || !checkPattern.MatchString(val) {
				p.errorf(v, field, "%q is not a check id (want <provider>-<service>-<what>, e.g. aws-s3-block-public-access)", v.Value)
				continue
			}
			w.Check = val
		case "resource":
			if v.Tag != "!!str" {
				p.errorf(v, field, "must be a string (quote it), got %s", kindName(v))
				continue
			}
			w.Resource = val
		case "reason":
			w.Reason = val
		case "owner":
			w.Owner = val
		case "expires":
			if !datePattern.MatchString(val) {
				p.errorf(v, field, "%q is not a date (want YYYY-MM-DD)", v.Value)
				continue
			}
			t, err := time.Parse(DateLayout, val)
			if err != nil {
				p.errorf(v, field, "%q is not a valid date (want YYYY-MM-DD)", v.Value)
				continue
			}
			w.Expires = t
		}
	}
	return w, len(p.errs) == before
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "null"
		case "!!str":
			return fmt.Sprintf("the string %q", n.Value)
		case "!!int", "!!float":
			return "the number " + n.Value
		case "!!bool":
			return "the boolean " + n.Value
		}
		return fmt.Sprintf("%s %q", n.Tag, n.Value)
	}
	return "an empty document"
}

// Match reports whether resourceID matches pattern, where "*" matches any run of characters
// (including none, and including "/" and ":") and "?" matches exactly one character. Every
// other character matches only itself, and the whole id must match.
func Match(pattern, resourceID string) bool {
	p, s := []rune(pattern), []rune(resourceID)
	pi, si := 0, 0
	// Position of the last "*" seen and of the input when it was seen, to backtrack to.
	star, mark := -1, 0
	for si < len(s) {
		switch {
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, si
			pi++
		case pi < len(p) && (p[pi] == '?' || p[pi] == s[si]):
			pi++
			si++
		case star >= 0:
			// Let the last "*" absorb one more character and retry.
			mark++
			si = mark
			pi = star + 1
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// Status says what became of one waiver when it was applied.
type Status string

const (
	// Applied: the waiver turned at least one fail into waived.
	Applied Status = "applied"
	// Expired: the waiver's day has passed; the fails it covers count again.
	Expired Status = "expired"
	// Stale: the waiver matches no result at all.
	Stale Status = "stale"
	// PassOnly: the waiver matches only passing results: the risk seems fixed.
	PassOnly Status = "pass-only"
	// ErrorOnly: the waiver matches results that could not be checked (and, maybe, passing ones),
	// which are never waived.
	ErrorOnly Status = "error-only"
)

// Use is the outcome of one waiver.
type Use struct {
	Waiver Waiver
	Status Status
	// Counts of the results the waiver's check and resource match, by their status before
	// waivers were applied (a fail taken by an earlier waiver in the file still counts here).
	Matched map[findings.Status]int
	// Waived is the number of fail results this waiver turned into waived.
	Waived int
}

// Outcome is what Apply did.
type Outcome struct {
	// Uses has one entry per waiver, in file order.
	Uses []Use
	// Waived is the number of results turned from fail into waived.
	Waived int
	// Warnings were also appended to the report's warnings.
	Warnings []string
}

// Count returns how many waivers ended with status st.
func (o Outcome) Count(st Status) int {
	n := 0
	for _, u := range o.Uses {
		if u.Status == st {
			n++
		}
	}
	return n
}

// Apply turns the fail results of report that an unexpired waiver of f covers into waived
// results, records warnings about expired, stale and needless waivers in report.Warnings, re-sorts
// the results and recomputes report.Summary. now is the wall clock: waiver expiry is about today.
// When several waivers cover a result, the first in the file applies. A nil f changes nothing.
func Apply(report *findings.Report, f *File, now time.Time) Outcome {
	var out Outcome
	if f == nil || report == nil || len(f.Waivers) == 0 {
		return out
	}
	byCheck := map[string][]int{}
	for i, w := range f.Waivers {
		byCheck[w.Check] = append(byCheck[w.Check], i)
	}
	out.Uses = make([]Use, len(f.Waivers))
	for i, w := range f.Waivers {
		out.Uses[i] = Use{Waiver: w, Matched: map[findings.Status]int{}}
	}
	active := make([]bool, len(f.Waivers))
	for i, w := range f.Waivers {
		active[i] = w.ActiveAt(now)
	}
	// failsAgain counts, per expired waiver, the fails it covers that no active waiver takes.
	failsAgain := make([]int, len(f.Waivers))
	for ri := range report.Results {
		r := &report.Results[ri]
		idx := byCheck[r.CheckID]
		if len(idx) == 0 {
			continue
		}
		applied := -1
		var expired []int
		for _, wi := range idx {
			w := f.Waivers[wi]
			if !Match(w.Resource, r.ResourceID) {
				continue
			}
			out.Uses[wi].Matched[r.Status]++
			if r.Status != findings.StatusFail {
				continue
			}
			if !active[wi] {
				expired = append(expired, wi)
				continue
			}
			if applied < 0 {
				applied = wi
			}
		}
		if r.Status != findings.StatusFail {
			continue
		}
		if applied >= 0 {
			w := f.Waivers[applied]
			r.Status = findings.StatusWaived
			r.Waiver = &findings.Waiver{Reason: w.Reason, Owner: w.Owner, Expires: w.ExpiresString()}
			out.Uses[applied].Waived++
			out.Waived++
			continue
		}
		for _, wi := range expired {
			failsAgain[wi]++
		}
	}
	checks := report.CheckIndex()
	for i := range out.Uses {
		u := &out.Uses[i]
		w := u.Waiver
		who := fmt.Sprintf("waiver for %s on %s (%s)", w.Check, w.Resource, w.Owner)
		where := fmt.Sprintf(" [%s:%d]", f.Name, w.Line)
		var msg string
		switch {
		case !active[i]:
			u.Status = Expired
			if failsAgain[i] > 0 {
				msg = fmt.Sprintf("%s expired on %s; %s again", who, w.ExpiresString(), plural(failsAgain[i], "result fails", "results fail"))
			} else {
				msg = fmt.Sprintf("%s expired on %s; it covers no failing result, remove it", who, w.ExpiresString())
			}
		case u.Waived > 0:
			u.Status = Applied
		case u.Matched[findings.StatusFail] > 0:
			// Every fail it covers was taken by an earlier waiver in the file.
			u.Status = Applied
			msg = fmt.Sprintf("%s is redundant: earlier waivers already cover the %s it matches", who, plural(u.Matched[findings.StatusFail], "failing result", "failing results"))
		case u.Matched[findings.StatusError] > 0:
			u.Status = ErrorOnly
			msg = fmt.Sprintf("%s matches %s, which a waiver never hides (the check could not be evaluated)", who, plural(u.Matched[findings.StatusError], "error result", "error results"))
		case u.Matched[findings.StatusPass] > 0 || u.Matched[findings.StatusWaived] > 0:
			u.Status = PassOnly
			msg = fmt.Sprintf("%s matches only passing results; the risk seems fixed, remove the waiver", who)
		default:
			u.Status = Stale
			if _, known := checks[w.Check]; len(checks) > 0 && !known {
				msg = fmt.Sprintf("%s is stale: check %s was not evaluated in this run", who, w.Check)
			} else {
				msg = fmt.Sprintf("%s is stale: it matches no result, remove it or fix its resource", who)
			}
		}
		if msg != "" {
			out.Warnings = append(out.Warnings, msg+where)
		}
	}
	report.Warnings = append(report.Warnings, out.Warnings...)
	if out.Waived > 0 {
		findings.Sort(report.Results)
	}
	report.Summary = findings.Summarize(report.Results)
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
