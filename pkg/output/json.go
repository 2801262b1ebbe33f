package output

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/incloud/incloud/pkg/findings"
)

func init() { Register("json", writeJSON) }

// writeJSON renders the report contract: the Report with its JSON names, indented, results in
// findings.Sort order, empty collections as [] or {} rather than null, no HTML escaping and a
// trailing newline. The caller's report is not modified.
func writeJSON(w io.Writer, r *findings.Report, _ Options) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(jsonReport(r)); err != nil {
		return fmt.Errorf("encode json report: %w", err)
	}
	return nil
}

// jsonReport returns a copy of r ready for encoding: results sorted, nil slices and maps replaced
// by empty ones so that consumers always see the same shapes.
func jsonReport(r *findings.Report) findings.Report {
	out := *r
	if out.Targets == nil {
		out.Targets = []findings.Target{}
	}
	out.Results = make([]findings.Result, len(r.Results))
	for i, res := range r.Results {
		if res.Frameworks == nil {
			res.Frameworks = map[string][]string{}
		}
		out.Results[i] = res
	}
	findings.Sort(out.Results)
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
