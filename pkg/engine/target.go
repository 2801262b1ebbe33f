package engine

import (
	"errors"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/incloud/incloud/pkg/snapshot"
)

// Target is one snapshot made ready for evaluation: the OPA value the checks see as input, plus
// the identity of every resource and the collection errors, which decide the results.
type Target struct {
	Provider    string
	Account     string
	CollectedAt time.Time
	Complete    bool
	resources   map[string][]resourceRef
	errors      []snapshot.CollectionError
	input       ast.Value
}

type resourceRef struct{ id, region, name string }

// NewTarget converts a snapshot for evaluation.
func NewTarget(s *snapshot.Snapshot) (*Target, error) {
	input, err := Input(s)
	if err != nil {
		return nil, err
	}
	t := &Target{Provider: s.Provider, Account: s.Account, CollectedAt: s.CollectedAt, Complete: s.Complete,
		resources: make(map[string][]resourceRef, len(s.Resources)), errors: s.Errors, input: input}
	for typ, rs := range s.Resources {
		refs := make([]resourceRef, len(rs))
		for i, r := range rs {
			refs[i] = resourceRef{id: r.ID(), region: r.Region(), name: name(r)}
		}
		t.resources[typ] = refs
	}
	return t, nil
}

// ParseTarget reads a snapshot document for evaluation. It parses the JSON once, straight into the
// OPA value, and checks the envelope on it. Anything it does not accept is handed to
// snapshot.Parse, so errors carry snapshot.Parse's line, column and JSON path, and the fast path
// never accepts a document the strict reader would reject.
func ParseTarget(data []byte) (*Target, error) {
	if v, err := parseJSONValue(data); err == nil {
		if t, ok := targetFromValue(v); ok {
			return t, nil
		}
	}
	s, err := snapshot.Parse(data)
	if err != nil {
		return nil, err
	}
	return NewTarget(s)
}

var errShape = errors.New("not a valid snapshot")

var envelopeKeys = map[string]bool{
	"schema_version": true, "provider": true, "account": true, "collected_at": true, "collector": true,
	"scope": true, "complete": true, "resources": true, "errors": true,
}

func targetFromValue(v ast.Value) (*Target, bool) {
	t, err := targetFromValueErr(v)
	return t, err == nil
}

func targetFromValueErr(v ast.Value) (*Target, error) {
	obj, ok := v.(ast.Object)
	if !ok {
		return nil, errShape
	}
	for _, k := range obj.Keys() {
		ks, ok := k.Value.(ast.String)
		if !ok || !envelopeKeys[string(ks)] {
			return nil, errShape
		}
	}
	str := func(o ast.Object, key string) (string, bool) {
		term := o.Get(ast.StringTerm(key))
		if term == nil {
			return "", false
		}
		s, ok := term.Value.(ast.String)
		return string(s), ok
	}
	t := &Target{input: v, resources: map[string][]resourceRef{}}
	if sv, ok := str(obj, "schema_version"); !ok || sv != snapshot.SchemaVersion {
		return nil, errShape
	}
	var ok1, ok2 bool
	t.Provider, ok1 = str(obj, "provider")
	t.Account, ok2 = str(obj, "account")
	if !ok1 || !ok2 || t.Account == "" || !knownProvider(t.Provider) {
		return nil, errShape
	}
	at, ok := str(obj, "collected_at")
	if !ok {
		return nil, errShape
	}
	var err error
	if t.CollectedAt, err = time.Parse(time.RFC3339Nano, at); err != nil {
		return nil, errShape
	}
	if c := obj.Get(ast.StringTerm("complete")); c != nil {
		b, ok := c.Value.(ast.Boolean)
		if !ok {
			return nil, errShape
		}
		t.Complete = bool(b)
	}
	if !optionalObject(obj, "collector", isString, "name", "version") || !optionalObject(obj, "scope", isStringList, "regions", "services") {
		return nil, errShape
	}
	rt := obj.Get(ast.StringTerm("resources"))
	if rt == nil {
		return nil, errShape
	}
	resources, ok := rt.Value.(ast.Object)
	if !ok {
		return nil, errShape
	}
	var bad bool
	resources.Foreach(func(k, v *ast.Term) {
		typ, ok := k.Value.(ast.String)
		arr, ok2 := v.Value.(*ast.Array)
		if bad || !ok || !ok2 || !strings.HasPrefix(string(typ), t.Provider+"_") {
			bad = true
			return
		}
		refs := make([]resourceRef, 0, arr.Len())
		arr.Foreach(func(rt *ast.Term) {
			r, ok := rt.Value.(ast.Object)
			if bad || !ok {
				bad = true
				return
			}
			id, ok1 := str(r, "id")
			region, ok2 := str(r, "region")
			nm, ok3 := str(r, "name")
			if !ok1 || !ok2 || !ok3 || id == "" || region == "" || !stringMap(r.Get(ast.StringTerm("tags"))) {
				bad = true
				return
			}
			refs = append(refs, resourceRef{id: id, region: region, name: nm})
		})
		t.resources[string(typ)] = refs
	})
	if bad {
		return nil, errShape
	}
	if et := obj.Get(ast.StringTerm("errors")); et != nil {
		if _, isNull := et.Value.(ast.Null); !isNull {
			arr, ok := et.Value.(*ast.Array)
			if !ok {
				return nil, errShape
			}
			arr.Foreach(func(e *ast.Term) {
				o, ok := e.Value.(ast.Object)
				if bad || !ok {
					bad = true
					return
				}
				var ce snapshot.CollectionError
				fields := map[string]*string{"resource_type": &ce.ResourceType, "resource_id": &ce.ResourceID, "region": &ce.Region, "operation": &ce.Operation, "code": &ce.Code, "message": &ce.Message}
				for _, k := range o.Keys() {
					ks, _ := k.Value.(ast.String)
					if dst, ok := fields[string(ks)]; ok {
						s, ok := o.Get(k).Value.(ast.String)
						if !ok {
							bad = true
							return
						}
						*dst = string(s)
						continue
					}
					if ks != "attributes" {
						bad = true
						return
					}
					attrs, ok := stringList(o.Get(k))
					if !ok {
						bad = true
						return
					}
					ce.Attributes = attrs
				}
				if ce.ResourceType == "" || ce.Operation == "" {
					bad = true
					return
				}
				t.errors = append(t.errors, ce)
			})
		}
	}
	if bad || (len(t.errors) > 0 && t.Complete) {
		return nil, errShape
	}
	return t, nil
}

func knownProvider(p string) bool {
	for _, x := range snapshot.Providers {
		if x == p {
			return true
		}
	}
	return false
}

func stringMap(t *ast.Term) bool {
	if t == nil {
		return true
	}
	if _, ok := t.Value.(ast.Null); ok {
		return true
	}
	o, ok := t.Value.(ast.Object)
	if !ok {
		return false
	}
	good := true
	o.Foreach(func(_, v *ast.Term) {
		if _, ok := v.Value.(ast.String); !ok {
			good = false
		}
	})
	return good
}

func stringList(t *ast.Term) ([]string, bool) {
	if t == nil {
		return nil, true
	}
	if _, ok := t.Value.(ast.Null); ok {
		return nil, true
	}
	arr, ok := t.Value.(*ast.Array)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, arr.Len())
	good := true
	arr.Foreach(func(e *ast.Term) {
		s, ok := e.Value.(ast.String)
		if !ok {
			good = false
		}
		out = append(out, string(s))
	})
	return out, good
}

// optionalObject tells whether obj[key] is absent, or an object whose keys are all among fields
// and whose values all satisfy valid.
func optionalObject(obj ast.Object, key string, valid func(*ast.Term) bool, fields ...string) bool {
	t := obj.Get(ast.StringTerm(key))
	if t == nil {
		return true
	}
	o, ok := t.Value.(ast.Object)
	if !ok {
		return false
	}
	good := true
	o.Foreach(func(k, v *ast.Term) {
		ks, _ := k.Value.(ast.String)
		known := false
		for _, f := range fields {
			known = known || string(ks) == f
		}
		if !known || !valid(v) {
			good = false
		}
	})
	return good
}

func isString(t *ast.Term) bool { _, ok := t.Value.(ast.String); return ok }

func isStringList(t *ast.Term) bool { _, ok := stringList(t); return ok }
