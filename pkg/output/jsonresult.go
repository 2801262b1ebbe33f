package output

import (
	"slices"
	"unicode/utf8"

	"github.com/incloud/incloud/pkg/findings"
)

// resultMemo keeps the last encoding of the texts that results of one check share (title,
// remediation: most of a report's bytes), so that a run of one check's results escapes them once.
type resultMemo struct{ title, remediation jsonMemo }

// jsonMemo is one text's last JSON encoding.
type jsonMemo struct {
	src string
	enc []byte
}

func (m *jsonMemo) append(b []byte, s string) []byte {
	if m.enc == nil || s != m.src {
		m.src, m.enc = s, appendJSONText(m.enc[:0], s, false)
	}
	return append(b, m.enc...)
}

// appendResultJSON appends res as json.Encoder with SetEscapeHTML(false) and SetIndent("    ",
// "  ") writes it (without the trailing newline), field by field: the generic encoder's
// re-indenting pass (json.Indent over every byte) cost a fifth of a large evaluation's CPU time.
// TestResultJSONMatchesEncoder and FuzzResultJSON keep the two byte-identical.
func appendResultJSON(b []byte, res *findings.Result, memo *resultMemo) []byte {
	const in = "\n      "
	field := func(b []byte, first bool, key, val string) []byte {
		if !first {
			b = append(b, ',')
		}
		b = append(b, in+`"`...)
		b = append(b, key...) // keys are plain ASCII
		b = append(b, `": `...)
		return appendJSONText(b, val, false)
	}
	if memo == nil {
		memo = &resultMemo{}
	}
	b = append(b, '{')
	b = field(b, true, "check_id", res.CheckID)
	b = append(b, ","+in+`"title": `...)
	b = memo.title.append(b, res.Title)
	b = field(b, false, "status", string(res.Status))
	b = field(b, false, "severity", string(res.Severity))
	b = field(b, false, "area", res.Area)
	b = field(b, false, "service_model", res.ServiceModel)
	b = field(b, false, "provider", res.Provider)
	b = field(b, false, "account", res.Account)
	b = field(b, false, "region", res.Region)
	b = field(b, false, "resource_id", res.ResourceID)
	b = field(b, false, "resource_name", res.ResourceName)
	b = field(b, false, "resource_type", res.ResourceType)
	b = field(b, false, "message", res.Message)
	b = append(b, ","+in+`"frameworks": `...)
	switch {
	case res.Frameworks == nil:
		b = append(b, "null"...)
	case len(res.Frameworks) == 0:
		b = append(b, "{}"...)
	default:
		keys := make([]string, 0, len(res.Frameworks))
		for k := range res.Frameworks {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, in+"  "...)
			b = appendJSONText(b, k, false)
			b = append(b, ": "...)
			ids := res.Frameworks[k]
			switch {
			case ids == nil:
				b = append(b, "null"...)
			case len(ids) == 0:
				b = append(b, "[]"...)
			default:
				b = append(b, '[')
				for j, id := range ids {
					if j > 0 {
						b = append(b, ',')
					}
					b = append(b, in+"    "...)
					b = appendJSONText(b, id, false)
				}
				b = append(b, in+"  ]"...)
			}
		}
		b = append(b, in+"}"...)
	}
	b = append(b, ","+in+`"remediation": `...)
	b = memo.remediation.append(b, res.Remediation)
	b = field(b, false, "fingerprint", res.Fingerprint)
	if w := res.Waiver; w != nil {
		b = append(b, ","+in+`"waiver": {`...)
		b = append(b, in+`  "reason": `...)
		b = appendJSONText(b, w.Reason, false)
		if w.Owner != "" {
			b = append(b, ","+in+`  "owner": `...)
			b = appendJSONText(b, w.Owner, false)
		}
		if w.Expires != "" {
			b = append(b, ","+in+`  "expires": `...)
			b = appendJSONText(b, w.Expires, false)
		}
		b = append(b, in+"}"...)
	}
	return append(b, "\n    }"...)
}

// jsonPlain says which ASCII bytes a JSON string, HTML-safe or not, keeps as they are: every
// printable one but the quote, the backslash and <, >, & (which only the HTML-safe form escapes).
var jsonPlain = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// appendJSONText appends s as a JSON string the way encoding/json does: quote and backslash
// escaped, \b \f \n \r \t short, other control characters as \u00XX, invalid UTF-8 as \ufffd,
// U+2028 / U+2029 escaped (JavaScript line terminators), and, when html, <, > and & as \u003c,
// \u003e and \u0026 (safe inside an HTML script element).
func appendJSONText(b []byte, s string, html bool) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonPlain[c] || (!html && (c == '<' || c == '>' || c == '&')) {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
