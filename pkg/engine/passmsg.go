package engine

import (
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Pass messages. A passing result describes the resource judged, not the check's title. A check
// gets its pass messages from, in this order:
//   - its optional `pass` rule: a set of {"resource_id", "message"} objects, for messages that need
//     the check's logic ("region ap-east-1 is not enabled for the account"). It decorates results
//     only: an id that is denied, unknown or has a collection error does not pass, and an id that
//     is no resource of the check's type is ignored. Each entry costs an evaluation, so checks over
//     large types use the template;
//   - its optional metadata template custom.pass_message, rendered per resource in Go (free):
//     "bucket {name} blocks public access" with {id}, {name} (the id when the resource has no
//     name) and {region};
//   - otherwise the check's title.

// passTemplate is a compiled custom.pass_message: literal text and placeholders, alternating.
type passTemplate []passPart

type passPart struct {
	text  string // literal text, when field is ""
	field string // "id", "name" or "region"
}

// compilePassTemplate parses a custom.pass_message; any "{" that does not start one of the
// placeholders {id}, {name}, {region} is an error.
func compilePassTemplate(s string) (passTemplate, error) {
	var t passTemplate
	for s != "" {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			t = append(t, passPart{text: s})
			break
		}
		if i > 0 {
			t = append(t, passPart{text: s[:i]})
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return nil, fmt.Errorf("custom.pass_message: unclosed %q", s[i:])
		}
		field := s[i+1 : i+j]
		switch field {
		case "id", "name", "region":
		default:
			return nil, fmt.Errorf("custom.pass_message: unknown placeholder {%s} (use {id}, {name}, {region})", field)
		}
		t = append(t, passPart{field: field})
		s = s[i+j+1:]
	}
	return t, nil
}

// render fills the template in for one resource.
func (t passTemplate) render(id, name, region string) string {
	var b strings.Builder
	for _, p := range t {
		switch p.field {
		case "":
			b.WriteString(p.text)
		case "id":
			b.WriteString(id)
		case "name":
			if name == "" {
				name = id
			}
			b.WriteString(name)
		case "region":
			b.WriteString(region)
		}
	}
	return b.String()
}

// passMessage is the message of a passing result for the resource id (with its name and region).
func (c *Check) passMessage(passed map[string]*verdict, id, name, region string) string {
	if v, ok := passed[id]; ok {
		return strings.Join(v.messages, "; ")
	}
	if c.passTemplate != nil {
		return c.passTemplate.render(id, name, region)
	}
	return c.Title
}

// checkPassTemplate compiles the check module's optional custom.pass_message; nil without one.
// (The package annotation is the one parseMetadata validated: the last with scope package.)
func checkPassTemplate(m *ast.Module) (passTemplate, error) {
	var custom map[string]any
	for _, a := range m.Annotations {
		if a.Scope == "package" {
			custom = a.Custom
		}
	}
	v, ok := custom["pass_message"]
	if !ok {
		return nil, nil
	}
	s, ok := v.(string)
	if !ok || strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("custom.pass_message must be a non-empty string, got %v", v)
	}
	return compilePassTemplate(strings.TrimSpace(s))
}
