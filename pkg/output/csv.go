package output

import (
	"encoding/csv"
	"fmt"
	"io"

	"github.com/incloud/incloud/pkg/findings"
)

func init() { Register("csv", writeCSV) }

// csvHeader is the header row: the JSON field names of findings.Result, with the waiver object
// flattened to its reason.
var csvHeader = []string{
	"check_id", "title", "status", "severity", "area", "service_model", "provider", "account", "region",
	"resource_id", "resource_name", "resource_type", "message", "frameworks", "remediation", "fingerprint",
	"waiver_reason",
}

// writeCSV renders one row per result, in findings.Sort order. Frameworks are written as
// "key:id1|id2;key2:id3". Cells that a spreadsheet would run as a formula are defused.
func writeCSV(w io.Writer, r *findings.Report, _ Options) error {
	results := append([]findings.Result(nil), r.Results...)
	findings.Sort(results)
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("write csv header: %w", err)
	}
	row := make([]string, len(csvHeader))
	for _, res := range results {
		waiver := ""
		if res.Waiver != nil {
			waiver = res.Waiver.Reason
		}
		copy(row, []string{
			res.CheckID, res.Title, string(res.Status), string(res.Severity), res.Area, res.ServiceModel,
			res.Provider, res.Account, res.Region, res.ResourceID, res.ResourceName, res.ResourceType,
			res.Message, frameworkList(res.Frameworks), res.Remediation, res.Fingerprint, waiver,
		})
		for i := range row {
			row[i] = csvSafe(row[i])
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("write csv row for %s on %s: %w", res.CheckID, res.ResourceID, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// csvSafe defuses CSV (formula) injection: a cell starting with =, +, -, @, a tab or a carriage
// return is prefixed with a single quote so that spreadsheets show it as text instead of running it.
func csvSafe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
