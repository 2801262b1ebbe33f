package snapshot

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Validator checks snapshots against the per-resource-type JSON Schemas
// (<dir>/<provider>/<resource type>.json, see LoadSchemas). It is compiled once and safe for
// concurrent use.
type Validator struct {
	*Schemas
	// shapes maps a resource type to its fast shape check (Check).
	shapes map[string]*shape
	// byType maps a resource type to its compiled schema, compiled on first use.
	once    sync.Once
	byType  map[string]*typeSchema
	compErr error
}

type typeSchema struct {
	compiled   *jsonschema.Schema
	properties map[string]bool
	// condAttrs are the attributes the type's conditions (if/then/else) test.
	condAttrs map[string]bool
}

// SchemaError is one way in which a snapshot does not match its schemas. Path is a JSON path
// into the snapshot ($.resources.aws_s3_bucket[3].acl).
type SchemaError struct {
	Path    string
	Message string

	gotNull bool
	// conditional: the problem comes from a then/else branch.
	conditional bool
}

func (e *SchemaError) Error() string { return e.Path + ": " + e.Message }

// NewValidator loads and compiles the schemas of fsys's dir (for the built-in checks: policies.FS
// and "schemas"); see LoadSchemas.
func NewValidator(fsys fs.FS, dir string) (*Validator, error) {
	s, err := LoadSchemas(fsys, dir)
	if err != nil {
		return nil, err
	}
	return s.Validator()
}

// Validator compiles the schemas for validation: the fast shape checks now, the full JSON Schema
// validator when first needed.
func (s *Schemas) Validator() (*Validator, error) {
	v := &Validator{Schemas: s, shapes: map[string]*shape{}}
	for typ := range s.resolved {
		raw, _ := s.Schema(typ)
		sh, err := compileShape(raw)
		if err != nil {
			return nil, fmt.Errorf("schema %s: %w", s.file[typ], err)
		}
		v.shapes[typ] = sh
	}
	return v, nil
}

// conditionAttributes returns the top-level attributes tested by a schema's if (top level or in
// allOf).
func conditionAttributes(doc any) map[string]bool {
	out := map[string]bool{}
	m, _ := doc.(map[string]any)
	conds := []any{m}
	if all, ok := m["allOf"].([]any); ok {
		conds = append(conds, all...)
	}
	for _, c := range conds {
		cm, _ := c.(map[string]any)
		ifs, _ := cm["if"].(map[string]any)
		props, _ := ifs["properties"].(map[string]any)
		for name := range props {
			out[name] = true
		}
	}
	return out
}

// compile compiles the full JSON Schema validator once.
func (v *Validator) compile() error {
	v.once.Do(func() { v.byType, v.compErr = v.Schemas.compile() })
	return v.compErr
}

func (s *Schemas) compile() (map[string]*typeSchema, error) {
	byType := map[string]*typeSchema{}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	for typ, raw := range s.resolved {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("schema of %s: %w", typ, err)
		}
		url := "file:///incloud/schemas/" + s.provider[typ] + "/" + typ + ".json"
		if err := c.AddResource(url, doc); err != nil {
			return nil, fmt.Errorf("schema of %s: %w", typ, err)
		}
		sch, err := c.Compile(url)
		if err != nil {
			return nil, fmt.Errorf("compile schema %s: %w", s.file[typ], err)
		}
		byType[typ] = &typeSchema{compiled: sch, properties: s.props[typ], condAttrs: conditionAttributes(doc)}
	}
	return byType, nil
}

// Validate checks every resource of s against its type's schema and every collection error
// against the known types and their attributes. Each error is a *SchemaError whose message
// starts with the JSON path of the problem; nil means the snapshot is valid.
func (v *Validator) Validate(s *Snapshot) []error {
	if err := v.compile(); err != nil {
		return []error{&SchemaError{Path: "$", Message: err.Error()}}
	}
	var errs []error
	known := map[string]bool{}
	for _, t := range v.types[s.Provider] {
		known[t] = true
	}
	types := make([]string, 0, len(s.Resources))
	for t := range s.Resources {
		types = append(types, t)
	}
	sort.Strings(types)
	cov := NewCoverage(s.Errors)
	for _, t := range types {
		base := "$.resources" + pathKey(t)
		if !known[t] {
			errs = append(errs, &SchemaError{Path: base, Message: fmt.Sprintf("unknown resource type %q for provider %s (known: %s)", t, s.Provider, strings.Join(v.types[s.Provider], ", "))})
			continue
		}
		ts := v.byType[t]
		for i, r := range s.Resources[t] {
			errs = append(errs, ts.validate(fmt.Sprintf("%s[%d]", base, i), r, cov.Unread(t, r.ID(), r.Region()))...)
		}
	}
	for i, e := range s.Errors {
		base := fmt.Sprintf("$.errors[%d]", i)
		if !known[e.ResourceType] {
			errs = append(errs, &SchemaError{Path: base + ".resource_type", Message: fmt.Sprintf("unknown resource type %q for provider %s", e.ResourceType, s.Provider)})
			continue
		}
		for j, a := range e.Attributes {
			if !v.byType[e.ResourceType].properties[a] {
				errs = append(errs, &SchemaError{Path: fmt.Sprintf("%s.attributes[%d]", base, j), Message: fmt.Sprintf("%q is not an attribute of %s", a, e.ResourceType)})
			}
		}
	}
	return errs
}

var printer = message.NewPrinter(language.English)

// validate checks one resource; base is its JSON path in the snapshot. Top-level attributes in
// unread (see Coverage.Unread) may be null.
func (ts *typeSchema) validate(base string, r Resource, unread map[string]bool) []error {
	var doc any = map[string]any(r)
	if !jsonNative(doc) {
		// Built in memory by a collector ([]string, int, nested Resource, ...): validate what
		// would be written.
		data, err := json.Marshal(r)
		if err != nil {
			return []error{&SchemaError{Path: base, Message: fmt.Sprintf("cannot be encoded as JSON: %v", err)}}
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		if err := dec.Decode(&doc); err != nil {
			return []error{&SchemaError{Path: base, Message: fmt.Sprintf("cannot be decoded from its JSON: %v", err)}}
		}
	}
	// The JSON Schema library compares numbers exactly (big.Rat): "1e999999999" would take
	// forever to expand. Such numbers are out of every range the schemas state.
	if huge := hugeNumbers(base, doc, nil); len(huge) > 0 {
		return huge
	}
	err := ts.compiled.Validate(doc)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []error{&SchemaError{Path: base, Message: err.Error()}}
	}
	var leaves []*SchemaError
	typeErrAt := map[string]bool{}
	// A condition testing an attribute that an error left unknown (null) cannot be decided:
	// neither branch applies.
	undecidable := false
	for a := range ts.condAttrs {
		if v, ok := r[a]; ok && v == nil && (unread[a] || unread[""]) {
			undecidable = true
		}
	}
	collectLeaves(ve, doc, base, &leaves, typeErrAt)
	nullable := map[string]bool{}
	for a := range unread {
		if a == "" {
			for p := range ts.properties {
				nullable[base+pathKey(p)] = true
			}
			continue
		}
		nullable[base+pathKey(a)] = true
	}
	out := make([]error, 0, len(leaves))
	sort.SliceStable(leaves, func(i, j int) bool {
		if leaves[i].Path != leaves[j].Path {
			return leaves[i].Path < leaves[j].Path
		}
		return leaves[i].Message < leaves[j].Message
	})
	typeReported := map[string]bool{}
	for i, l := range leaves {
		if i > 0 && *l == *leaves[i-1] {
			continue
		}
		// A value of the wrong type also fails its enum: report the type only.
		if strings.HasPrefix(l.Message, "value must be") && typeErrAt[l.Path] {
			continue
		}
		// null where a collection error says the attribute could not be read.
		if l.gotNull && nullable[l.Path] {
			continue
		}
		if l.conditional && undecidable {
			continue
		}
		// A condition (if/then/else) may narrow a type: report the narrowest once (sorted first).
		if strings.HasPrefix(l.Message, "wrong type") {
			if typeReported[l.Path] {
				continue
			}
			typeReported[l.Path] = true
		}
		out = append(out, l)
	}
	return out
}

// hugeNumbers reports the numbers in v (at path) that a float64 cannot hold.
func hugeNumbers(path string, v any, out []error) []error {
	switch v := v.(type) {
	case json.Number:
		if f, err := strconv.ParseFloat(string(v), 64); err != nil || math.IsInf(f, 0) {
			out = append(out, &SchemaError{Path: path, Message: fmt.Sprintf("number %.40s is out of range", string(v))})
		}
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			out = hugeNumbers(path+pathKey(k), v[k], out)
		}
	case []any:
		for i, x := range v {
			out = hugeNumbers(fmt.Sprintf("%s[%d]", path, i), x, out)
		}
	}
	return out
}

// collectLeaves turns the library's error tree into one SchemaError per concrete problem.
func collectLeaves(ve *jsonschema.ValidationError, doc any, base string, out *[]*SchemaError, typeErrAt map[string]bool) {
	if len(ve.Causes) > 0 {
		for _, c := range ve.Causes {
			collectLeaves(c, doc, base, out, typeErrAt)
		}
		return
	}
	at := jsonPath(base, doc, ve.InstanceLocation)
	first := len(*out)
	defer func() {
		_, frag, _ := strings.Cut(ve.SchemaURL, "#")
		cond := strings.Contains(frag, "/then/") || strings.Contains(frag, "/else/") || strings.HasSuffix(frag, "/then") || strings.HasSuffix(frag, "/else")
		for _, l := range (*out)[first:] {
			l.conditional = cond
		}
	}()
	switch k := ve.ErrorKind.(type) {
	case *kind.Required:
		for _, m := range k.Missing {
			*out = append(*out, &SchemaError{Path: at + pathKey(m), Message: "missing required attribute"})
		}
	case *kind.AdditionalProperties:
		for _, p := range k.Properties {
			*out = append(*out, &SchemaError{Path: at + pathKey(p), Message: "unknown attribute (not in the schema)"})
		}
	case *kind.Type:
		typeErrAt[at] = true
		want := make([]string, 0, len(k.Want))
		for _, w := range k.Want {
			if w != "null" {
				want = append(want, w)
			}
		}
		if len(want) < len(k.Want) {
			want = append(want, "null")
		}
		*out = append(*out, &SchemaError{Path: at, Message: fmt.Sprintf("wrong type: got %s, want %s", k.Got, strings.Join(want, " or ")), gotNull: k.Got == "null"})
	case *kind.Enum:
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = jsonText(w)
		}
		*out = append(*out, &SchemaError{Path: at, Message: fmt.Sprintf("value must be one of %s (got %s)", strings.Join(want, ", "), jsonText(k.Got))})
	default:
		*out = append(*out, &SchemaError{Path: at, Message: ve.ErrorKind.LocalizedString(printer)})
	}
}

// jsonText renders a decoded JSON value as JSON.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// jsonPath renders an instance location as a JSON path below base, using doc to tell array
// indexes from object keys.
func jsonPath(base string, doc any, loc []string) string {
	var sb strings.Builder
	sb.WriteString(base)
	cur := doc
	for _, seg := range loc {
		switch c := cur.(type) {
		case []any:
			sb.WriteString("[" + seg + "]")
			if i, err := strconv.Atoi(seg); err == nil && i >= 0 && i < len(c) {
				cur = c[i]
			} else {
				cur = nil
			}
		case map[string]any:
			sb.WriteString(pathKey(seg))
			cur = c[seg]
		default:
			sb.WriteString(pathKey(seg))
			cur = nil
		}
	}
	return sb.String()
}

var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// pathKey renders an object key as a JSON path step: .key, or ["key"] when it is not an identifier.
func pathKey(k string) string {
	if identifier.MatchString(k) {
		return "." + k
	}
	return "[" + strconv.Quote(k) + "]"
}

// jsonNative reports whether v holds only the values encoding/json decodes into (with UseNumber
// or without), so that it can be validated without a round trip.
func jsonNative(v any) bool {
	switch v := v.(type) {
	case nil, string, bool, json.Number, float64:
		return true
	case map[string]any:
		for _, e := range v {
			if !jsonNative(e) {
				return false
			}
		}
		return true
	case []any:
		for _, e := range v {
			if !jsonNative(e) {
				return false
			}
		}
		return true
	}
	return false
}
