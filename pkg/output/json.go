package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"slices"

	"github.com/incloud/incloud/pkg/findings"
)

func init() { Register("json", writeJSON) }

// writeJSON renders the report contract: the Report with its JSON names, indented, results in
// findings.Sort order, empty collections as [] or {} rather than null, no HTML escaping and a
// trailing newline. The caller's report is not modified.
//
// The results, nearly all of a large report, are encoded one at a time straight to w: the
// document is the one json.Encoder would write for the whole report (TestJSONStreamsAsEncoder),
// without ever holding it, or a copy of the results, in memory.
func writeJSON(w io.Writer, r *findings.Report, _ Options) error {
	head := jsonReport(r)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(head); err != nil {
		return fmt.Errorf("encode json report: %w", err)
	}
	doc := buf.Bytes()
	// Top-level keys, and only they, are indented by two spaces.
	const empty = "\n  \"results\": []"
	at := bytes.Index(doc, []byte(empty))
	if at < 0 {
		return fmt.Errorf("encode json report: no top-level results array in %.80q", doc)
	}
	if len(r.Results) == 0 {
		_, err := w.Write(doc)
		return err
	}
	split := at + len(empty) - 1 // between [ and ]
	if _, err := w.Write(doc[:split]); err != nil {
		return err
	}
	order := sortedOrder(r.Results)
	memos := make([]resultMemo, runtime.GOMAXPROCS(0))
	if err := writeInRuns(w, len(order), func(b []byte, worker, from, to int) ([]byte, error) {
		return appendResultsJSON(b, r.Results, order, from, to, &memos[worker]), nil
	}); err != nil {
		return err
	}
	if _, err := io.WriteString(w, "\n  "); err != nil {
		return err
	}
	_, err := w.Write(doc[split:])
	return err
}

// appendResultsJSON appends the results order[from:to] names, each after "," (but the first of
// all) and a new line, as array elements of the report.
func appendResultsJSON(b []byte, results []findings.Result, order []int, from, to int, memo *resultMemo) []byte {
	for n := from; n < to; n++ {
		res := results[order[n]]
		if res.Frameworks == nil {
			res.Frameworks = map[string][]string{}
		}
		if n > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n    "...)
		b = appendResultJSON(b, &res, memo)
	}
	return b
}

// sortedOrder returns the indexes of results in findings.Sort order, without moving them.
func sortedOrder(results []findings.Result) []int {
	order := make([]int, len(results))
	for i := range order {
		order[i] = i
	}
	if !slices.IsSortedFunc(results, findings.Compare) {
		slices.SortStableFunc(order, func(a, b int) int { return findings.Compare(results[a], results[b]) })
	}
	return order
}

// jsonReport returns a copy of r without its results (writeJSON streams them) ready for
// encoding: nil slices and maps replaced by empty ones so that consumers always see the same
// shapes.
func jsonReport(r *findings.Report) findings.Report {
	out := *r
	if out.Targets == nil {
		out.Targets = []findings.Target{}
	}
	out.Results = []findings.Result{}
	out.Checks = make([]findings.Check, len(r.Checks))
	for i, c := range r.Checks {
		if c.Frameworks == nil {
			c.Frameworks = map[string][]string{}
		}
		out.Checks[i] = c
	}
	if out.Summary.ByStatus == nil {
		out.Summary.ByStatus = map[findings.Status]int{}
	}
	if out.Summary.BySeverity == nil {
		out.Summary.BySeverity = map[findings.Severity]map[findings.Status]int{}
	}
	if out.Summary.ByArea == nil {
		out.Summary.ByArea = map[string]map[findings.Status]int{}
	}
	return out
}
