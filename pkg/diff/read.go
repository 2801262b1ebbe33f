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
// call that failed names a type and region, no resource.
//
// Fingerprints are never trusted: each is recomputed from the result's identifying fields (check,
// provider, account, region, resource type and id). A result without one gets the computed one; a
// result whose fingerprint differs (edited by hand, or forged to make a baseline excuse another
// resource's failure) is left out of the returned report, and warn (if not nil) says so.
func ReadReport(path string, warn func(string)) (*findings.Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read report: %w", err)
	}
	if warn != nil {
		inner := warn
		warn = func(msg string) { inner(fmt.Sprintf("report %s: %s", path, msg)) }
	}
	r, err := ParseReport(data, warn)
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", path, err)
	}
	return r, nil
}

// ParseReport decodes a JSON report with the checks of ReadReport.
func ParseReport(data []byte, warn func(string)) (*findings.Report, error) {
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
	kept := r.Results[:0]
	ignored := 0
	for i, res := range r.Results {
		if res.CheckID == "" {
			return nil, fmt.Errorf("results[%d]: no check_id", i)
		}
		if _, err := findings.ParseStatus(string(res.Status)); err != nil {
			return nil, fmt.Errorf("results[%d] (%s on %s): %w", i, res.CheckID, res.ResourceID, err)
		}
		fp := findings.Fingerprint(res.CheckID, res.Provider, res.Account, res.Region, res.ResourceType, res.ResourceID)
		if res.Fingerprint != "" && res.Fingerprint != fp {
			ignored++
			if warn != nil && ignored <= maxFingerprintWarnings {
				warn(fmt.Sprintf("results[%d] (%s on %q): fingerprint %q does not match the result's fields (want %q); the result is ignored",
					i, res.CheckID, res.ResourceID, res.Fingerprint, fp))
			}
			continue
		}
		res.Fingerprint = fp
		kept = append(kept, res)
	}
	if warn != nil && ignored > maxFingerprintWarnings {
		warn(fmt.Sprintf("%d more result(s) with a fingerprint that does not match their fields are ignored", ignored-maxFingerprintWarnings))
	}
	r.Results = kept
	return &r, nil
}

// maxFingerprintWarnings bounds the per-result warnings; the rest are counted in one.
const maxFingerprintWarnings = 10

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
