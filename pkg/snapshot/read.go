package snapshot

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Document is a snapshot read for evaluation: the OPA value the checks see as input (parsed once,
// shared by every check), the identity of every resource and the collection errors, which decide
// the results.
type Document struct {
	Provider    string
	Account     string
	CollectedAt time.Time
	Complete    bool
	// Resources maps a resource type to its resources, in the order of the document.
	Resources map[string][]Ref
	// Errors are the collection errors; Coverage indexes them.
	Errors   []CollectionError
	Coverage *Coverage
	// Input is the whole document as an OPA value.
	Input ast.Value
	// positions maps a resource type, then a resource id, to the resource's index in Resources.
	positions map[string]map[string]int
}

// Position returns the index in Resources[resourceType] of the resource with the given id.
func (d *Document) Position(resourceType, id string) (int, bool) {
	i, ok := d.positions[resourceType][id]
	return i, ok
}

// Ref identifies one resource of a Document.
type Ref struct{ ID, Region, Name string }

// Read reads a snapshot document for evaluation. It is the one reader of snapshots: it parses the
// JSON once, straight into the OPA value, and checks the envelope on it. What it rejects is
// explained by the strict reader (line, column and JSON path, as Parse reports them).
func Read(data []byte) (*Document, error) {
	v, err := parseJSONValue(data)
	if err == nil {
		var d *Document
		if d, err = documentFromValue(v); err == nil {
			return d, nil
		}
	}
	return nil, explain(data, err)
}

// Parse reads a snapshot as Read does and returns it as a Snapshot (numbers as json.Number).
func Parse(data []byte) (*Snapshot, error) {
	d, err := Read(data)
	if err != nil {
		return nil, err
	}
	return d.Snapshot(), nil
}

// Document converts an in-memory snapshot (a collector's) for evaluation by encoding it and
// reading it back, so that it passes the same checks as a snapshot read from a file.
func (s *Snapshot) Document() (*Document, error) {
	data, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("encode snapshot: %w", err)
	}
	return Read(data)
}

// Release drops the document's value (Input), most of its memory, once it has been evaluated;
// the identities and collection errors stay. A released document cannot be evaluated again.
func (d *Document) Release() { d.Input = nil }

// Snapshot converts a document back to a Snapshot (numbers as json.Number), for the full
// validator and for tools that want plain Go values.
func (d *Document) Snapshot() *Snapshot {
	obj := d.Input.(ast.Object)
	s := &Snapshot{
		SchemaVersion: SchemaVersion, Provider: d.Provider, Account: d.Account, CollectedAt: d.CollectedAt,
		Complete: d.Complete, Resources: map[string][]Resource{}, Errors: append([]CollectionError{}, d.Errors...),
	}
	if c, ok := get(obj, "collector").(ast.Object); ok {
		s.Collector.Name, _ = goValue(get(c, "name")).(string)
		s.Collector.Version, _ = goValue(get(c, "version")).(string)
	}
	if sc, ok := get(obj, "scope").(ast.Object); ok {
		s.Scope.Regions, _ = stringList(get(sc, "regions"))
		s.Scope.Services, _ = stringList(get(sc, "services"))
	}
	get(obj, "resources").(ast.Object).Foreach(func(k, v *ast.Term) {
		arr := v.Value.(*ast.Array)
		rs := make([]Resource, 0, arr.Len())
		arr.Foreach(func(r *ast.Term) { rs = append(rs, Resource(goValue(r.Value).(map[string]any))) })
		s.Resources[string(k.Value.(ast.String))] = rs
	})
	return s
}

// goValue converts an OPA value read from JSON to the Go value encoding/json would decode (with
// UseNumber).
func goValue(v ast.Value) any {
	switch v := v.(type) {
	case ast.String:
		return string(v)
	case ast.Number:
		return json.Number(v)
	case ast.Boolean:
		return bool(v)
	case ast.Object:
		m := make(map[string]any, v.Len())
		v.Foreach(func(k, x *ast.Term) { m[string(k.Value.(ast.String))] = goValue(x.Value) })
		return m
	case *ast.Array:
		out := make([]any, v.Len())
		for i := range out {
			out[i] = goValue(v.Elem(i).Value)
		}
		return out
	}
	return nil
}

// get returns obj[key], or nil when absent.
func get(obj ast.Object, key string) ast.Value {
	t := obj.Get(ast.StringTerm(key))
	if t == nil {
		return nil
	}
	return t.Value
}

// envelopeError is a problem with the document's envelope, at a JSON path.
type envelopeError struct{ msg string }

func (e *envelopeError) Error() string { return e.msg }

func envelopef(format string, args ...any) error {
	return &envelopeError{msg: fmt.Sprintf(format, args...)}
}

var envelopeKeys = map[string]bool{
	"schema_version": true, "provider": true, "account": true, "collected_at": true, "collector": true,
	"scope": true, "complete": true, "resources": true, "errors": true,
}

// documentFromValue checks the envelope of a parsed document and indexes it. Keys are exact (the
// parser already refused duplicates).
func documentFromValue(v ast.Value) (*Document, error) {
	obj, ok := v.(ast.Object)
	if !ok {
		return nil, envelopef("wrong type at $: got %s, want object", ast.ValueName(v))
	}
	var bad error
	obj.Until(func(k, _ *ast.Term) bool {
		if ks := string(k.Value.(ast.String)); !envelopeKeys[ks] {
			bad = envelopef("unknown top-level field %q", ks)
		}
		return bad != nil
	})
	if bad != nil {
		return nil, bad
	}
	str := func(o ast.Object, key, path string, required bool) (string, error) {
		x := get(o, key)
		if x == nil && !required {
			return "", nil
		}
		s, ok := x.(ast.String)
		if !ok {
			if x == nil {
				return "", envelopef("missing %s", path)
			}
			return "", envelopef("wrong type at %s: got %s, want string", path, ast.ValueName(x))
		}
		return string(s), nil
	}
	d := &Document{Input: v, Resources: map[string][]Ref{}, positions: map[string]map[string]int{}}
	sv, err := str(obj, "schema_version", "$.schema_version", true)
	if err != nil {
		return nil, err
	}
	if sv != SchemaVersion {
		if sv == "" {
			return nil, envelopef("missing $.schema_version")
		}
		return nil, versionError(sv)
	}
	if d.Provider, err = str(obj, "provider", "$.provider", true); err != nil {
		return nil, err
	}
	if !knownProvider(d.Provider) {
		return nil, envelopef("wrong value at $.provider: %q (want one of %s)", d.Provider, strings.Join(Providers, ", "))
	}
	if d.Account, err = str(obj, "account", "$.account", true); err != nil {
		return nil, err
	}
	if d.Account == "" {
		return nil, envelopef("missing $.account")
	}
	at, err := str(obj, "collected_at", "$.collected_at", true)
	if err != nil {
		return nil, err
	}
	// The same parser encoding/json uses for a time.Time.
	if err := d.CollectedAt.UnmarshalText([]byte(at)); err != nil || d.CollectedAt.IsZero() {
		return nil, envelopef("wrong value at $.collected_at: want an RFC 3339 time, got %q", at)
	}
	if c := get(obj, "complete"); c != nil {
		b, ok := c.(ast.Boolean)
		if !ok {
			return nil, envelopef("wrong type at $.complete: got %s, want boolean", ast.ValueName(c))
		}
		d.Complete = bool(b)
	}
	if err := optionalObject(obj, "collector", isString, "name", "version"); err != nil {
		return nil, err
	}
	if err := optionalObject(obj, "scope", isStringList, "regions", "services"); err != nil {
		return nil, err
	}
	rv := get(obj, "resources")
	if rv == nil {
		return nil, envelopef("missing $.resources")
	}
	resources, ok := rv.(ast.Object)
	if !ok {
		return nil, envelopef("wrong type at $.resources: got %s, want object", ast.ValueName(rv))
	}
	// Types are indexed on all processors; the error reported is the first in document order.
	types := resources.Keys()
	refs := make([][]Ref, len(types))
	positions := make([]map[string]int, len(types))
	if err := firstError(len(types), func(i int) error {
		var err error
		refs[i], positions[i], err = d.resources(string(types[i].Value.(ast.String)), resources.Get(types[i]).Value)
		return err
	}); err != nil {
		return nil, err
	}
	for i, k := range types {
		d.Resources[string(k.Value.(ast.String))] = refs[i]
		d.positions[string(k.Value.(ast.String))] = positions[i]
	}
	if ev := get(obj, "errors"); ev != nil {
		if _, isNull := ev.(ast.Null); !isNull {
			arr, ok := ev.(*ast.Array)
			if !ok {
				return nil, envelopef("wrong type at $.errors: got %s, want array", ast.ValueName(ev))
			}
			for i := 0; i < arr.Len(); i++ {
				ce, err := collectionError(arr.Elem(i).Value, i)
				if err != nil {
					return nil, err
				}
				d.Errors = append(d.Errors, ce)
			}
		}
	}
	if len(d.Errors) > 0 && d.Complete {
		return nil, envelopef("wrong value at $.complete: true, but $.errors lists collection failures")
	}
	d.Coverage = NewCoverage(d.Errors)
	return d, nil
}

// resources checks and indexes the resources of one type: their refs, and their positions by id.
func (d *Document) resources(typ string, v ast.Value) ([]Ref, map[string]int, error) {
	if !strings.HasPrefix(typ, d.Provider+"_") {
		return nil, nil, envelopef("wrong key at $.resources%s: resource types of a %s snapshot start with %q", pathKey(typ), d.Provider, d.Provider+"_")
	}
	arr, ok := v.(*ast.Array)
	if !ok {
		return nil, nil, envelopef("wrong type at $.resources%s: got %s, want array", pathKey(typ), ast.ValueName(v))
	}
	refs := make([]Ref, 0, arr.Len())
	ids := make(map[string]int, arr.Len())
	for i := 0; i < arr.Len(); i++ {
		at := func() string { return fmt.Sprintf("$.resources%s[%d]", pathKey(typ), i) } // for errors only
		r, ok := arr.Elem(i).Value.(ast.Object)
		if !ok {
			return nil, nil, envelopef("wrong type at %s: got %s, want object", at(), ast.ValueName(arr.Elem(i).Value))
		}
		var ref Ref
		for _, f := range []struct {
			key string
			dst *string
		}{{"id", &ref.ID}, {"name", &ref.Name}, {"region", &ref.Region}} {
			x := get(r, f.key)
			s, ok := x.(ast.String)
			if !ok || (s == "" && f.key != "name") {
				return nil, nil, envelopef("wrong value at %s.%s: want a non-empty string, got %s", at(), f.key, describeValue(x))
			}
			*f.dst = string(s)
		}
		if err := stringMap(get(r, "tags"), at); err != nil {
			return nil, nil, err
		}
		if prev, dup := ids[ref.ID]; dup {
			return nil, nil, envelopef("wrong value at %s.id: %q is also the id of $.resources%s[%d] (ids are unique within a type)", at(), ref.ID, pathKey(typ), prev)
		}
		ids[ref.ID] = i
		refs = append(refs, ref)
	}
	return refs, ids, nil
}

// collectionError reads $.errors[i].
func collectionError(v ast.Value, i int) (CollectionError, error) {
	var ce CollectionError
	at := fmt.Sprintf("$.errors[%d]", i)
	o, ok := v.(ast.Object)
	if !ok {
		return ce, envelopef("wrong type at %s: got %s, want object", at, ast.ValueName(v))
	}
	fields := map[string]*string{"resource_type": &ce.ResourceType, "resource_id": &ce.ResourceID, "region": &ce.Region, "operation": &ce.Operation, "code": &ce.Code, "message": &ce.Message}
	var bad error
	o.Until(func(k, x *ast.Term) bool {
		key := string(k.Value.(ast.String))
		if dst, ok := fields[key]; ok {
			s, ok := x.Value.(ast.String)
			if !ok {
				bad = envelopef("wrong type at %s.%s: got %s, want string", at, key, ast.ValueName(x.Value))
				return true
			}
			*dst = string(s)
			return false
		}
		if key != "attributes" {
			bad = envelopef("unknown field %q at %s", key, at)
			return true
		}
		attrs, ok := stringList(x.Value)
		if !ok {
			bad = envelopef("wrong type at %s.attributes: want an array of strings", at)
			return true
		}
		ce.Attributes = attrs
		return false
	})
	if bad != nil {
		return ce, bad
	}
	if ce.ResourceType == "" || ce.Operation == "" {
		return ce, envelopef("wrong value at %s: resource_type and operation are required", at)
	}
	return ce, nil
}

func knownProvider(p string) bool {
	for _, x := range Providers {
		if x == p {
			return true
		}
	}
	return false
}

func describeValue(v ast.Value) string {
	switch v := v.(type) {
	case nil, ast.Null:
		return "null"
	case ast.String:
		return fmt.Sprintf("string %q", string(v))
	case ast.Number:
		return "number " + string(v)
	}
	return ast.ValueName(v)
}

// stringMap checks the tags of the resource at path(): absent, null or an object of strings.
func stringMap(v ast.Value, path func() string) error {
	switch v := v.(type) {
	case nil, ast.Null:
		return nil
	case ast.Object:
		var bad error
		v.Until(func(k, x *ast.Term) bool {
			if _, ok := x.Value.(ast.String); !ok {
				bad = envelopef("wrong type at %s.tags%s: want string, got %s", path(), pathKey(string(k.Value.(ast.String))), describeValue(x.Value))
			}
			return bad != nil
		})
		return bad
	}
	return envelopef("wrong type at %s.tags: want object of strings, got %s", path(), describeValue(v))
}

func stringList(v ast.Value) ([]string, bool) {
	switch v := v.(type) {
	case nil, ast.Null:
		return nil, true
	case *ast.Array:
		out := make([]string, 0, v.Len())
		for i := 0; i < v.Len(); i++ {
			s, ok := v.Elem(i).Value.(ast.String)
			if !ok {
				return nil, false
			}
			out = append(out, string(s))
		}
		return out, true
	}
	return nil, false
}

// optionalObject checks that obj[key] is absent, or an object whose keys are all among fields
// and whose values all satisfy valid.
func optionalObject(obj ast.Object, key string, valid func(ast.Value) bool, fields ...string) error {
	x := get(obj, key)
	if x == nil {
		return nil
	}
	o, ok := x.(ast.Object)
	if !ok {
		return envelopef("wrong type at $.%s: got %s, want object", key, ast.ValueName(x))
	}
	var bad error
	o.Until(func(k, v *ast.Term) bool {
		ks := string(k.Value.(ast.String))
		known := false
		for _, f := range fields {
			known = known || ks == f
		}
		switch {
		case !known:
			bad = envelopef("unknown field %q at $.%s", ks, key)
		case !valid(v.Value):
			bad = envelopef("wrong type at $.%s.%s", key, ks)
		}
		return bad != nil
	})
	return bad
}

func isString(v ast.Value) bool { _, ok := v.(ast.String); return ok }

func isStringList(v ast.Value) bool { _, ok := stringList(v); return ok }

// explain turns a rejection by Read into the strict reader's account of it: invalid UTF-8 by byte
// offset, malformed JSON and values of the wrong type with line and column (encoding/json's
// decoder into the Snapshot types), envelope problems by JSON path. It never accepts: when the
// strict decoder finds nothing, the fast path's own reason is given, with its position.
func explain(data []byte, fast error) error {
	if i := invalidUTF8(data); i >= 0 {
		line, col := position(data, int64(i))
		return fmt.Errorf("invalid UTF-8 at byte offset %d (line %d, column %d): a snapshot is UTF-8 JSON", i, line, col)
	}
	if err := strictDecode(data); err != nil {
		return err
	}
	var off *offsetError
	if errors.As(fast, &off) {
		line, col := position(data, int64(off.offset))
		return fmt.Errorf("line %d, column %d (byte offset %d): %s", line, col, off.offset, off.msg)
	}
	return fast
}
