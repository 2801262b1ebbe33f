package diff

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/incloud/incloud/pkg/findings"
)

// ReadReport reads a JSON report (as written by --format json) strictly: the file must hold
// exactly one JSON object with schema_version findings.ReportSchemaVersion, and every result must
// have a check id and a known status. The resource id may be empty: an error result for a list
// call that failed names a type and region, no resource. Results without a fingerprint get one
// computed from their identifying fields.
func ReadReport(path string) (*findings.Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read report: %w", err)
	}
	r, err := ParseReport(data)
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", path, err)
	}
	return r, nil
}

// ParseReport decodes a JSON report with the checks of ReadReport.
func ParseReport(data []byte) (*findings.Report, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("empty file, want a JSON report")
	}
	var probe struct {
		SchemaVersion *string `json:"schema_version"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, jsonError(data, err)
	}
	if probe.SchemaVersion == nil {
		return nil, errors.New("not an incloud JSON report: no schema_version")
	}
	if *probe.SchemaVersion != findings.ReportSchemaVersion {
		return nil, fmt.Errorf("report schema_version %q is not supported (want %q)", *probe.SchemaVersion, findings.ReportSchemaVersion)
	}
	var r findings.Report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, jsonError(data, err)
	}
	for i := range r.Results {
		res := &r.Results[i]
		if res.CheckID == "" {
			return nil, fmt.Errorf("results[%d]: no check_id", i)
		}
		if _, err := findings.ParseStatus(string(res.Status)); err != nil {
			return nil, fmt.Errorf("results[%d] (%s on %s): %w", i, res.CheckID, res.ResourceID, err)
		}
		if res.Fingerprint == "" {
			res.Fingerprint = fingerprint(*res)
		}
	}
	return &r, nil
}

// jsonError adds the line and column to JSON syntax and type errors.
func jsonError(data []byte, err error) error {
	var offset int64 = -1
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		offset = syn.Offset
	case errors.As(err, &typ):
		offset = typ.Offset
	case errors.Is(err, io.ErrUnexpectedEOF):
		offset = int64(len(data))
	}
	if offset < 0 {
		return fmt.Errorf("invalid JSON: %w", err)
	}
	line, col := 1, 1
	for _, c := range data[:min(int(offset), len(data))] {
		if c == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return fmt.Errorf("invalid JSON at line %d, column %d: %w", line, col, err)
}
