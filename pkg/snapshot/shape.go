package snapshot

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
)

// shape is a resource-type JSON Schema compiled for checking OPA values quickly, so that eval can
// check every resource of a large snapshot against its schema at a small fraction of the cost of
// a general JSON Schema validator. It understands the keywords the resource schemas may use (see
// policies/schemas/README.md) and is at least as strict as the full validator: when it finds a
// problem, Check asks the full validator for the message, and trusts it if it finds none.
type shape struct {
	types      map[string]bool // JSON Schema type names; empty: any
	props      map[string]*shape
	required   []string
	isRequired map[string]bool
	closed     bool   // additionalProperties: false
	additional *shape // additionalProperties: {schema}
	items      *shape
	enum       []ast.Value
	dateTime   bool
	minLength  int
	// minimum and maximum bound numbers when set.
	minimum, maximum *float64
	// cond is if/then/else; all is allOf.
	cond *condition
	all  []*shape
	// typeMask is types as bits (typeBits); attrs is props and isRequired in one map, for
	// checkObject's one look-up per attribute.
	typeMask uint8
	attrs    map[string]attr
}

// attr is what a shape knows of one attribute name.
type attr struct {
	shape    *shape // nil: no property schema
	required bool
}

// The bits of shape.typeMask, one per JSON Schema type name (typeBits).
const (
	typeNull uint8 = 1 << iota
	typeBoolean
	typeString
	typeNumber
	typeInteger
	typeObject
	typeArray
)

var typeBits = map[string]uint8{"null": typeNull, "boolean": typeBoolean, "string": typeString, "number": typeNumber, "integer": typeInteger, "object": typeObject, "array": typeArray}

type condition struct{ ifs, then, els *shape }

// undecidable tells whether the condition tests an attribute that is null because a collection
// error left it unknown: then neither branch applies (the checks reading it report error).
func (c *condition) undecidable(o ast.Object, unread map[string]bool) bool {
	if len(unread) == 0 || c.ifs == nil {
		return false
	}
	for name := range c.ifs.props {
		if _, isNull := get(o, name).(ast.Null); isNull && (unread[name] || unread[""]) {
			return true
		}
	}
	return false
}

func compileShape(raw map[string]any) (*shape, error) {
	s := &shape{types: map[string]bool{}}
	switch t := raw["type"].(type) {
	case string:
		s.types[t] = true
	case []any:
		for _, x := range t {
			name, ok := x.(string)
			if !ok {
				return nil, fmt.Errorf("type list holds %v", x)
			}
			s.types[name] = true
		}
	case nil:
	default:
		return nil, fmt.Errorf("type is %T", t)
	}
	for k := range raw {
		switch k {
		case "type", "properties", "required", "additionalProperties", "items", "enum", "const", "format", "minLength",
			"minimum", "maximum", "if", "then", "else", "allOf", "$schema", "$defs", "title", "description", SingletonKeyword:
		default:
			return nil, fmt.Errorf("keyword %q is not supported by the fast shape check", k)
		}
	}
	if props, ok := raw["properties"].(map[string]any); ok {
		s.props = map[string]*shape{}
		for name, p := range props {
			pm, ok := p.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("property %s is not a schema", name)
			}
			ps, err := compileShape(pm)
			if err != nil {
				return nil, fmt.Errorf("property %s: %w", name, err)
			}
			s.props[name] = ps
		}
	}
	if req, ok := raw["required"].([]any); ok {
		s.isRequired = map[string]bool{}
		for _, r := range req {
			if name, ok := r.(string); ok && !s.isRequired[name] {
				s.required = append(s.required, name)
				s.isRequired[name] = true
			}
		}
	}
	switch a := raw["additionalProperties"].(type) {
	case bool:
		s.closed = !a
	case map[string]any:
		as, err := compileShape(a)
		if err != nil {
			return nil, fmt.Errorf("additionalProperties: %w", err)
		}
		s.additional = as
	}
	if it, ok := raw["items"].(map[string]any); ok {
		is, err := compileShape(it)
		if err != nil {
			return nil, fmt.Errorf("items: %w", err)
		}
		s.items = is
	}
	if en, ok := raw["enum"].([]any); ok {
		for _, e := range en {
			v, err := ast.InterfaceToValue(e)
			if err != nil {
				return nil, fmt.Errorf("enum: %w", err)
			}
			s.enum = append(s.enum, v)
		}
	}
	if c, ok := raw["const"]; ok {
		v, err := ast.InterfaceToValue(c)
		if err != nil {
			return nil, fmt.Errorf("const: %w", err)
		}
		s.enum = append(s.enum, v)
	}
	for k, dst := range map[string]**float64{"minimum": &s.minimum, "maximum": &s.maximum} {
		if n, ok := raw[k].(float64); ok {
			*dst = &n
		}
	}
	sub := func(k string) (*shape, error) {
		m, ok := raw[k].(map[string]any)
		if !ok {
			return nil, nil
		}
		sh, err := compileShape(m)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		return sh, nil
	}
	if _, ok := raw["if"]; ok {
		s.cond = &condition{}
		var err error
		if s.cond.ifs, err = sub("if"); err != nil {
			return nil, err
		}
		if s.cond.then, err = sub("then"); err != nil {
			return nil, err
		}
		if s.cond.els, err = sub("else"); err != nil {
			return nil, err
		}
	}
	if all, ok := raw["allOf"].([]any); ok {
		for i, a := range all {
			m, ok := a.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("allOf[%d] is not a schema", i)
			}
			sh, err := compileShape(m)
			if err != nil {
				return nil, fmt.Errorf("allOf[%d]: %w", i, err)
			}
			s.all = append(s.all, sh)
		}
	}
	if n, ok := raw["minLength"].(float64); ok {
		s.minLength = int(n)
	}
	if f, _ := raw["format"].(string); f == "date-time" {
		s.dateTime = true
	}
	for t := range s.types {
		s.typeMask |= typeBits[t]
	}
	s.attrs = make(map[string]attr, len(s.props)+len(s.required))
	for name, p := range s.props {
		s.attrs[name] = attr{shape: p, required: s.isRequired[name]}
	}
	for _, name := range s.required {
		a := s.attrs[name]
		a.required = true
		s.attrs[name] = a
	}
	return s, nil
}

// check returns "" when v fits, else the first problem.
func (s *shape) check(v ast.Value) string {
	if len(s.types) > 0 && !s.typeOK(v) {
		return fmt.Sprintf("has the wrong type (%s)", ast.ValueName(v))
	}
	if len(s.enum) > 0 {
		found := false
		for _, e := range s.enum {
			if e.Compare(v) == 0 {
				found = true
				break
			}
		}
		if !found {
			return "is not one of the allowed values"
		}
	}
	switch v := v.(type) {
	case ast.Number:
		if why := s.checkBounds(v); why != "" {
			return why
		}
	case ast.String:
		if s.minLength > 0 && utf8.RuneCountInString(string(v)) < s.minLength {
			return fmt.Sprintf("is shorter than %d", s.minLength)
		}
		if s.dateTime {
			if _, err := time.Parse(time.RFC3339, string(v)); err != nil {
				return "is not an RFC 3339 date-time"
			}
		}
	case ast.Object:
		if why := s.checkObject(v); why != "" {
			return why
		}
		return s.checkConditions(v, nil)
	case *ast.Array:
		if s.items != nil {
			for i := 0; i < v.Len(); i++ {
				if why := s.items.check(v.Elem(i).Value); why != "" {
					return fmt.Sprintf("[%d] %s", i, why)
				}
			}
		}
	}
	return ""
}

// checkBounds checks a number against minimum and maximum. The bounds the schemas use are far
// within float64's exact range; a number too large for a float64 (1e999) is out of any range.
// (No big.Rat here: "1e999999999" would take forever to expand.)
func (s *shape) checkBounds(v ast.Number) string {
	if s.minimum == nil && s.maximum == nil {
		return ""
	}
	n, err := strconv.ParseFloat(string(v), 64)
	if err != nil || math.IsInf(n, 0) {
		return "is out of range"
	}
	if s.minimum != nil && n < *s.minimum {
		return fmt.Sprintf("is less than %v", *s.minimum)
	}
	if s.maximum != nil && n > *s.maximum {
		return fmt.Sprintf("is greater than %v", *s.maximum)
	}
	return ""
}

// checkConditions applies allOf and if/then/else to an object; attributes in unread may be null.
func (s *shape) checkConditions(o ast.Object, unread map[string]bool) string {
	apply := func(sh *shape) string {
		if sh == nil {
			return ""
		}
		if len(unread) == 0 {
			if why := sh.check(o); why != "" {
				return " " + why
			}
			return ""
		}
		return sh.checkResource(o, unread)
	}
	if s.cond != nil && !s.cond.undecidable(o, unread) {
		branch := s.cond.els
		if s.cond.ifs == nil || s.cond.ifs.check(o) == "" {
			branch = s.cond.then
		}
		if why := apply(branch); why != "" {
			return why
		}
	}
	for _, a := range s.all {
		if why := apply(a); why != "" {
			return why
		}
	}
	return ""
}

func (s *shape) typeOK(v ast.Value) bool {
	switch v := v.(type) {
	case ast.Null:
		return s.typeMask&typeNull != 0
	case ast.Boolean:
		return s.typeMask&typeBoolean != 0
	case ast.String:
		return s.typeMask&typeString != 0
	case ast.Number:
		if s.typeMask&typeNumber != 0 {
			return true
		}
		if s.typeMask&typeInteger != 0 {
			_, isInt := v.Int64()
			return isInt && !strings.ContainsAny(string(v), ".eE")
		}
		return false
	case ast.Object:
		return s.typeMask&typeObject != 0
	case *ast.Array:
		return s.typeMask&typeArray != 0
	}
	return false
}

func (s *shape) checkObject(o ast.Object) string {
	var why string
	present := 0
	o.Until(func(k, v *ast.Term) bool {
		key, _ := k.Value.(ast.String)
		a := s.attrs[string(key)]
		if a.required {
			present++
		}
		if p := a.shape; p != nil {
			if w := p.check(v.Value); w != "" {
				why = fmt.Sprintf(".%s %s", key, w)
			}
		} else if s.additional != nil {
			if w := s.additional.check(v.Value); w != "" {
				why = fmt.Sprintf(".%s %s", key, w)
			}
		} else if s.closed {
			why = fmt.Sprintf("has an unknown attribute %q", key)
		}
		return why != ""
	})
	if why == "" && present < len(s.required) {
		return s.missing(o)
	}
	return why
}

// missing names the first required attribute o lacks.
func (s *shape) missing(o ast.Object) string {
	for _, r := range s.required {
		if o.Get(ast.StringTerm(r)) == nil {
			return fmt.Sprintf("misses the attribute %q", r)
		}
	}
	return ""
}

// Check checks every resource of a document against its type's schema, and every collection
// error against the known types and attributes, as Validate does (an attribute an error covering
// the resource left unknown may be null whatever its schema says; see Coverage.Unread). The fast
// shape check runs over the OPA value; only when it finds a problem does the full JSON Schema
// validator run, for the message, and it has the last word. The error names the JSON path of the
// first problem and how many more there are.
func (v *Validator) Check(d *Document) error {
	if v.checkShapes(d) == nil {
		return nil
	}
	errs := v.Validate(d.Snapshot())
	if len(errs) == 0 {
		return nil
	}
	more := ""
	if len(errs) > 1 {
		more = fmt.Sprintf(" (and %d more problem(s): see 'incloud validate')", len(errs)-1)
	}
	return fmt.Errorf("does not match the resource schemas: %w%s", errs[0], more)
}

// checkShapes is the fast half of Check: nil, or a short description of the first problem.
func (v *Validator) checkShapes(d *Document) error {
	resources, _ := get(d.Input.(ast.Object), "resources").(ast.Object)
	// The resources are checked in runs of up to shapeRun, on all processors; the problem
	// reported is the first in document order.
	type run struct {
		typ      string
		sh       *shape
		arr      *ast.Array
		from, to int
	}
	const shapeRun = 1024
	var runs []run
	var problem error
	resources.Until(func(k, val *ast.Term) bool {
		typ := string(k.Value.(ast.String))
		sh, ok := v.shapes[typ]
		if !ok || v.provider[typ] != d.Provider {
			problem = fmt.Errorf("$.resources.%s: unknown resource type", typ)
			return true
		}
		arr := val.Value.(*ast.Array)
		for from := 0; from < arr.Len(); from += shapeRun {
			runs = append(runs, run{typ, sh, arr, from, min(from+shapeRun, arr.Len())})
		}
		return false
	})
	if problem != nil {
		return problem
	}
	if err := firstError(len(runs), func(r int) error {
		run := runs[r]
		refs := d.Resources[run.typ]
		for i := run.from; i < run.to; i++ {
			obj := run.arr.Elem(i).Value.(ast.Object)
			if why := run.sh.checkResource(obj, d.Coverage.Unread(run.typ, refs[i].ID, refs[i].Region)); why != "" {
				return fmt.Errorf("$.resources.%s[%d]%s", run.typ, i, why)
			}
		}
		return nil
	}); err != nil {
		return err
	}
	for i, ce := range d.Errors {
		sh, ok := v.shapes[ce.ResourceType]
		if !ok || v.provider[ce.ResourceType] != d.Provider {
			return fmt.Errorf("$.errors[%d].resource_type: unknown resource type %q", i, ce.ResourceType)
		}
		for _, a := range ce.Attributes {
			if _, ok := sh.props[a]; !ok {
				return fmt.Errorf("$.errors[%d].attributes: %q is not an attribute of %s", i, a, ce.ResourceType)
			}
		}
	}
	return nil
}

// checkResource is check for a resource object, allowing null for its unread attributes.
func (s *shape) checkResource(o ast.Object, unread map[string]bool) string {
	if len(unread) == 0 {
		if why := s.check(o); why != "" {
			return " " + why
		}
		return ""
	}
	var why string
	present := 0
	o.Until(func(k, v *ast.Term) bool {
		key := string(k.Value.(ast.String))
		a := s.attrs[key]
		if a.required {
			present++
		}
		p := a.shape
		if p == nil {
			if s.closed {
				why = fmt.Sprintf(" has an unknown attribute %q", key)
			}
			return why != ""
		}
		if _, isNull := v.Value.(ast.Null); isNull && (unread[key] || unread[""]) {
			return false
		}
		if w := p.check(v.Value); w != "" {
			why = fmt.Sprintf(".%s %s", key, w)
		}
		return why != ""
	})
	if why == "" && present < len(s.required) {
		return " " + s.missing(o)
	}
	if why == "" {
		why = s.checkConditions(o, unread)
	}
	return why
}
