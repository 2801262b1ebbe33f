package engine

import (
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
)

// parseJSONValue parses a JSON document straight into an OPA value in one pass, without the
// map[string]any detour that ast.InterfaceToValue needs: the snapshot is converted once and every
// check evaluates the same value. Errors carry the byte offset; callers that need a friendlier
// message re-read the document with snapshot.Parse.
func parseJSONValue(data []byte) (ast.Value, error) {
	p := jsonParser{data: data, keys: map[string]*ast.Term{}}
	p.skipSpace()
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos != len(p.data) {
		return nil, p.errorf("unexpected data after the document")
	}
	return v, nil
}

type jsonParser struct {
	data []byte
	pos  int
	// keys interns object keys: snapshots repeat the same few hundred names on every resource.
	keys map[string]*ast.Term
	// items and terms are scratch stacks shared by nested objects and arrays, so that building a
	// value allocates only what the value keeps.
	items [][2]*ast.Term
	terms []*ast.Term
}

const maxJSONDepth = 1000

func (p *jsonParser) errorf(format string, args ...any) error {
	return fmt.Errorf("offset %d: %s", p.pos, fmt.Sprintf(format, args...))
}

func (p *jsonParser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) (ast.Value, error) {
	if depth > maxJSONDepth {
		return nil, p.errorf("nested too deeply")
	}
	if p.pos >= len(p.data) {
		return nil, p.errorf("unexpected end of input")
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return ast.String(s), nil
	case c == 't':
		return p.literal("true", ast.Boolean(true))
	case c == 'f':
		return p.literal("false", ast.Boolean(false))
	case c == 'n':
		return p.literal("null", ast.Null{})
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	default:
		return nil, p.errorf("invalid character %q looking for a value", c)
	}
}

func (p *jsonParser) literal(word string, v ast.Value) (ast.Value, error) {
	if len(p.data)-p.pos < len(word) || string(p.data[p.pos:p.pos+len(word)]) != word {
		return nil, p.errorf("invalid literal, want %s", word)
	}
	p.pos += len(word)
	return v, nil
}

func (p *jsonParser) object(depth int) (ast.Value, error) {
	p.pos++ // {
	p.skipSpace()
	base := len(p.items)
	defer func() { p.items = p.items[:base] }()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return ast.NewObject(), nil
	}
	for {
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, p.errorf("want a string object key")
		}
		k, err := p.key()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.errorf("want ':' after object key")
		}
		p.pos++
		p.skipSpace()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		p.items = append(p.items, [2]*ast.Term{k, ast.NewTerm(v)})
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.errorf("unexpected end of input in object")
		}
		if p.data[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.data[p.pos] == '}' {
			p.pos++
			return ast.NewObject(p.items[base:]...), nil
		}
		return nil, p.errorf("want ',' or '}' in object")
	}
}

func (p *jsonParser) array(depth int) (ast.Value, error) {
	p.pos++ // [
	p.skipSpace()
	base := len(p.terms)
	defer func() { p.terms = p.terms[:base] }()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return ast.NewArray(), nil
	}
	for {
		p.skipSpace()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		p.terms = append(p.terms, ast.NewTerm(v))
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.errorf("unexpected end of input in array")
		}
		if p.data[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.data[p.pos] == ']' {
			p.pos++
			// The array keeps its slice: give it its own, of the exact length.
			return ast.NewArray(append([]*ast.Term(nil), p.terms[base:]...)...), nil
		}
		return nil, p.errorf("want ',' or ']' in array")
	}
}

// key reads an object key as a shared, interned term.
func (p *jsonParser) key() (*ast.Term, error) {
	start := p.pos
	end := start + 1
	for end < len(p.data) && p.data[end] != '"' && p.data[end] != '\\' && p.data[end] >= 0x20 {
		end++
	}
	if end < len(p.data) && p.data[end] == '"' {
		if t, ok := p.keys[string(p.data[start+1:end])]; ok {
			p.pos = end + 1
			return t, nil
		}
	}
	s, err := p.str()
	if err != nil {
		return nil, err
	}
	t := ast.StringTerm(s)
	if len(p.keys) < 100000 {
		p.keys[s] = t
	}
	return t, nil
}

// str reads a JSON string. Strings without escapes (nearly all) are sliced directly.
func (p *jsonParser) str() (string, error) {
	start := p.pos
	p.pos++ // "
	escaped := false
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			if !escaped {
				raw := p.data[start+1 : p.pos-1]
				if !utf8.Valid(raw) {
					return "", p.errorf("invalid UTF-8 in string")
				}
				return string(raw), nil
			}
			var s string
			if err := json.Unmarshal(p.data[start:p.pos], &s); err != nil {
				return "", fmt.Errorf("offset %d: %w", start, err)
			}
			return s, nil
		case c == '\\':
			escaped = true
			p.pos += 2
		case c < 0x20:
			return "", p.errorf("control character in string")
		default:
			p.pos++
		}
	}
	return "", errors.New("unexpected end of input in string")
}

func (p *jsonParser) number() (ast.Value, error) {
	start := p.pos
	if p.data[p.pos] == '-' {
		p.pos++
	}
	digits := func() int {
		n := 0
		for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	intStart := p.pos
	if digits() == 0 {
		return nil, p.errorf("invalid number")
	}
	if p.data[intStart] == '0' && p.pos-intStart > 1 {
		return nil, p.errorf("invalid number: leading zero")
	}
	if p.pos < len(p.data) && p.data[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			return nil, p.errorf("invalid number: no digits after '.'")
		}
	}
	if p.pos < len(p.data) && (p.data[p.pos] == 'e' || p.data[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.data) && (p.data[p.pos] == '+' || p.data[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return nil, p.errorf("invalid number: no digits in exponent")
		}
	}
	return ast.Number(p.data[start:p.pos]), nil
}
