// Package snapshot is the versioned JSON document that collectors write and policies read, and
// the whole contract around it, in one place:
//   - the types (Snapshot, Resource, CollectionError) and atomic writing (WriteFile);
//   - reading: Read parses a document once, straight into the OPA value the checks evaluate
//     (jsonvalue.go), and checks its envelope (read.go); keys are exact, a key twice, an id twice
//     in one type and invalid UTF-8 are refused. Parse returns the same as Go values. The
//     encoding/json decoder only explains what Read rejects (line, column, JSON path);
//   - the one rule deciding which collection errors apply to a resource (coverage.go:
//     CollectionError.Covers, Coverage);
//   - the resource-type JSON Schemas (schemas.go: LoadSchemas resolves $ref), their fast shape
//     check over OPA values (shape.go) and the full validator (validate.go), joined by
//     Validator.Check.
package snapshot

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/incloud/incloud/pkg/atomicfile"
)

// SchemaVersion is the only snapshot schema version this build reads and writes.
const SchemaVersion = "1"

// Providers lists the providers a snapshot may be for.
var Providers = []string{"aws", "gcp", "azure"}

// GlobalRegion is the region of resources that have none (IAM users, S3 account settings, ...).
const GlobalRegion = "global"

// Snapshot is one provider account, project or subscription's customer-side configuration.
type Snapshot struct {
	SchemaVersion string    `json:"schema_version"`
	Provider      string    `json:"provider"`
	Account       string    `json:"account"`
	CollectedAt   time.Time `json:"collected_at"`
	Collector     Collector `json:"collector"`
	Scope         Scope     `json:"scope"`
	// Complete is false when anything could not be collected.
	Complete bool `json:"complete"`
	// Resources maps a resource type (aws_s3_bucket, ...) to its resources.
	Resources map[string][]Resource `json:"resources"`
	// Errors lists every collection failure.
	Errors []CollectionError `json:"errors"`
}

// Collector names the program that wrote a snapshot.
type Collector struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Scope says what a collector was asked to look at.
type Scope struct {
	Regions  []string `json:"regions"`
	Services []string `json:"services"`
}

// Resource is one resource: "id", "name", "region" and "tags" plus the type's own attributes.
// Numbers read from JSON are json.Number.
type Resource map[string]any

// ID returns the resource's id attribute.
func (r Resource) ID() string { s, _ := r["id"].(string); return s }

// Region returns the resource's region attribute.
func (r Resource) Region() string { s, _ := r["region"].(string); return s }

// CollectionError is one thing a collector could not look at.
type CollectionError struct {
	ResourceType string `json:"resource_type"`
	// ResourceID is empty when a whole list call failed.
	ResourceID string `json:"resource_id"`
	Region     string `json:"region"`
	// Operation is the API call, as service:Action (s3:GetBucketAcl).
	Operation string `json:"operation"`
	Code      string `json:"code"`
	Message   string `json:"message"`
	// Attributes lists the attributes of the resource left unknown; empty means all of them.
	Attributes []string `json:"attributes,omitempty"`
}

// Error describes the failure in one line.
func (e CollectionError) Error() string {
	where := e.ResourceType
	if e.ResourceID != "" {
		where += " " + e.ResourceID
	}
	if e.Region != "" {
		where += " in " + e.Region
	}
	return fmt.Sprintf("%s failed for %s: %s: %s", e.Operation, where, e.Code, e.Message)
}

// New returns an empty snapshot with the current schema version.
func New(provider, account string, collectedAt time.Time) *Snapshot {
	return &Snapshot{
		SchemaVersion: SchemaVersion,
		Provider:      provider,
		Account:       account,
		CollectedAt:   collectedAt.UTC().Truncate(time.Second),
		Complete:      true,
		Resources:     map[string][]Resource{},
		Errors:        []CollectionError{},
	}
}

// Add appends resources of a type.
func (s *Snapshot) Add(resourceType string, rs ...Resource) {
	if s.Resources == nil {
		s.Resources = map[string][]Resource{}
	}
	s.Resources[resourceType] = append(s.Resources[resourceType], rs...)
}

// AddError records a collection failure and marks the snapshot incomplete.
func (s *Snapshot) AddError(e CollectionError) {
	s.Errors = append(s.Errors, e)
	s.Complete = false
}

// Normalize sorts resources by id and errors by type, region, id and operation, so that the
// same account gives byte-identical snapshots.
func (s *Snapshot) Normalize() {
	for _, rs := range s.Resources {
		sort.SliceStable(rs, func(i, j int) bool {
			if rs[i].ID() != rs[j].ID() {
				return rs[i].ID() < rs[j].ID()
			}
			return rs[i].Region() < rs[j].Region()
		})
	}
	sort.SliceStable(s.Errors, func(i, j int) bool {
		a, b := s.Errors[i], s.Errors[j]
		for _, p := range [][2]string{{a.ResourceType, b.ResourceType}, {a.Region, b.Region}, {a.ResourceID, b.ResourceID}, {a.Operation, b.Operation}} {
			if p[0] != p[1] {
				return p[0] < p[1]
			}
		}
		return false
	})
	if s.Errors == nil {
		s.Errors = []CollectionError{}
	}
	if len(s.Errors) > 0 {
		s.Complete = false
	}
}

// Marshal encodes a normalized snapshot as indented JSON.
func Marshal(s *Snapshot) ([]byte, error) {
	s.Normalize()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		return nil, fmt.Errorf("encode snapshot: %w", err)
	}
	return buf.Bytes(), nil
}

// WriteFile writes a snapshot atomically: an interrupted write never leaves a truncated file.
func WriteFile(path string, s *Snapshot) error {
	data, err := Marshal(s)
	if err != nil {
		return err
	}
	return atomicfile.Write(path, 0o644, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// ReadFile reads and checks a snapshot file.
func ReadFile(path string) (*Snapshot, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read snapshot: %w", err)
	}
	s, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// strictDecode is the strict reader that explains what Read rejects: it decodes the document into
// the Snapshot types with encoding/json, so that malformed JSON is reported with its line and
// column, a value of the wrong type with its JSON path, an unknown schema version by name. It
// accepts nothing by itself: Read decides, and gives its own reason when this finds none.
func strictDecode(data []byte) error {
	var s Snapshot
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	err := dec.Decode(&s)
	if err == nil {
		if _, terr := dec.Token(); terr != io.EOF {
			line, col := position(data, dec.InputOffset())
			return fmt.Errorf("line %d, column %d: unexpected data after the snapshot object", line, col)
		}
	}
	if err != nil {
		// A document of another schema version may fail to decode for that reason alone: say so.
		if v := peekVersion(data); v != "" && v != SchemaVersion {
			return versionError(v)
		}
		return decodeError(data, err)
	}
	return s.check()
}

func versionError(v string) error {
	return fmt.Errorf("unsupported snapshot schema_version %q: this build of incloud reads version %q only", v, SchemaVersion)
}

func peekVersion(data []byte) string {
	var v struct {
		SchemaVersion any `json:"schema_version"`
	}
	if json.Unmarshal(data, &v) != nil || v.SchemaVersion == nil {
		return ""
	}
	return fmt.Sprint(v.SchemaVersion)
}

func decodeError(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		// Offset counts the offending byte itself: point at it, not after it.
		line, col := position(data, max(syn.Offset-1, 0))
		return fmt.Errorf("malformed JSON at line %d, column %d: %v", line, col, syn)
	case errors.As(err, &typ):
		line, col := position(data, typ.Offset)
		path := "$"
		if typ.Field != "" {
			path += "." + typ.Field
		}
		return fmt.Errorf("wrong type at %s (line %d, column %d): got JSON %s, want %s", path, line, col, typ.Value, goTypeName(typ.Type.String()))
	case errors.Is(err, io.EOF):
		return errors.New("empty snapshot: no JSON document")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("malformed JSON: the document ends early (truncated file?)")
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		return fmt.Errorf("unknown top-level field %s", strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	var perr *time.ParseError
	if errors.As(err, &perr) {
		return fmt.Errorf("wrong value at $.collected_at: want an RFC 3339 time: %w", err)
	}
	return fmt.Errorf("decode snapshot: %w", err)
}

func goTypeName(t string) string {
	switch {
	case strings.HasPrefix(t, "map["), strings.HasPrefix(t, "snapshot."):
		return "object"
	case strings.HasPrefix(t, "[]"):
		return "array"
	case t == "string":
		return "string"
	case t == "bool":
		return "boolean"
	case t == "time.Time":
		return "RFC 3339 time string"
	}
	return t
}

// position converts a byte offset to a 1-based line and column.
func position(data []byte, offset int64) (line, col int) {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	line, col = 1, 1
	for _, b := range data[:offset] {
		if b == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

// check validates what the typed decode cannot: required envelope values and the common
// attributes every resource carries. Errors name the JSON path.
func (s *Snapshot) check() error {
	if s.SchemaVersion == "" {
		return errors.New("missing $.schema_version")
	}
	if s.SchemaVersion != SchemaVersion {
		return versionError(s.SchemaVersion)
	}
	known := false
	for _, p := range Providers {
		known = known || s.Provider == p
	}
	if !known {
		return fmt.Errorf("wrong value at $.provider: %q (want one of %s)", s.Provider, strings.Join(Providers, ", "))
	}
	if s.Account == "" {
		return errors.New("missing $.account")
	}
	if s.CollectedAt.IsZero() {
		return errors.New("missing $.collected_at")
	}
	if s.Resources == nil {
		return errors.New("missing $.resources")
	}
	types := make([]string, 0, len(s.Resources))
	for t := range s.Resources {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		if !strings.HasPrefix(t, s.Provider+"_") {
			return fmt.Errorf("wrong key at $.resources.%s: resource types of a %s snapshot start with %q", t, s.Provider, s.Provider+"_")
		}
		for i, r := range s.Resources[t] {
			if r == nil {
				return fmt.Errorf("wrong type at $.resources.%s[%d]: got null, want object", t, i)
			}
			for _, k := range []string{"id", "name", "region"} {
				v, ok := r[k].(string)
				if !ok || (v == "" && k != "name") {
					return fmt.Errorf("wrong value at $.resources.%s[%d].%s: want a non-empty string, got %s", t, i, k, describe(r[k]))
				}
			}
			if tags, ok := r["tags"]; ok && tags != nil {
				m, ok := tags.(map[string]any)
				if !ok {
					return fmt.Errorf("wrong type at $.resources.%s[%d].tags: want object of strings, got %s", t, i, describe(tags))
				}
				for k, v := range m {
					if _, ok := v.(string); !ok {
						return fmt.Errorf("wrong type at $.resources.%s[%d].tags.%s: want string, got %s", t, i, k, describe(v))
					}
				}
			}
		}
	}
	for i, e := range s.Errors {
		if e.Operation == "" || e.ResourceType == "" {
			return fmt.Errorf("wrong value at $.errors[%d]: resource_type and operation are required", i)
		}
	}
	if len(s.Errors) > 0 && s.Complete {
		return errors.New("wrong value at $.complete: true, but $.errors lists collection failures")
	}
	return nil
}

func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("string %q", v)
	case json.Number:
		return "number " + v.String()
	case bool:
		return "boolean"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	}
	return fmt.Sprintf("%T", v)
}
