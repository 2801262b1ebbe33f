package snapshot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
)

// parseJSONValue parses a JSON document straight into an OPA value in one pass, without the
// map[string]any detour that ast.InterfaceToValue needs: the snapshot is converted once and every
// check evaluates the same value. It is stricter than encoding/json where that one is lenient:
// an object with the same key twice and invalid UTF-8 are errors. Errors are *offsetError; Read
// has the strict reader explain them with a line and column. A resource type's long list is parsed
// by all processors at once (parallelArray), with the same value and the same first error.
func parseJSONValue(data []byte) (ast.Value, error) {
	return parseJSONValueWith(data, parallelism{workers: runtime.GOMAXPROCS(0), minBytes: parallelMinBytes, chunkBytes: parallelChunkBytes})
}

// parseJSONValueWith is parseJSONValue with the given parallelism (tests compare it with none).
func parseJSONValueWith(data []byte, par parallelism) (ast.Value, error) {
	p := jsonParser{data: data, keys: map[string]*ast.Term{}, vals: map[string]*ast.Term{}, comps: map[string]sharedComposite{}, par: par}
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
	par   parallelism
	// slab is where new terms come from, a block at a time: the document keeps them all.
	slab []ast.Term
	// vals are the shared terms of short string values (valueTerm).
	vals map[string]*ast.Term
	// comps are the shared terms of small objects and arrays inside resources, by their text
	// (sharedCompositeTerm).
	comps map[string]sharedComposite
}

// term returns a new term holding v.
func (p *jsonParser) term(v ast.Value) *ast.Term {
	if len(p.slab) == 0 {
		p.slab = make([]ast.Term, 256)
	}
	t := &p.slab[0]
	p.slab = p.slab[1:]
	t.Value = v
	return t
}

// parallelism says how the elements of large arrays near the top of the document (a resource
// type's list) are parsed: arrays at most parallelDepth deep (the root is 0; $.resources.<type>
// is 2) of at least minBytes, by up to workers goroutines, in runs of about chunkBytes. A
// zero parallelism parses everything in the calling goroutine.
type parallelism struct{ workers, minBytes, chunkBytes int }

const (
	parallelDepth      = 2
	parallelMinBytes   = 256 << 10
	parallelChunkBytes = 128 << 10
)

const maxJSONDepth = 1000

// offsetError is a problem at a byte offset of the document.
type offsetError struct {
	offset int
	msg    string
}

func (e *offsetError) Error() string { return fmt.Sprintf("byte offset %d: %s", e.offset, e.msg) }

func (p *jsonParser) errorf(format string, args ...any) error {
	return &offsetError{offset: p.pos, msg: fmt.Sprintf(format, args...)}
}

func (p *jsonParser) errorAt(offset int, format string, args ...any) error {
	return &offsetError{offset: offset, msg: fmt.Sprintf(format, args...)}
}

func (p *jsonParser) skipSpace() { p.pos = spaceEnd(p.data, p.pos) }

// spaceEnd is the offset of the first byte of data from i on that is not JSON white space.
func spaceEnd(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
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

// Short strings, and true, false and null, are shared terms: snapshots repeat the same regions,
// states and flags on every resource. At most maxSharedValues distinct strings of at most
// maxSharedLen bytes are kept (and as many object keys, of any length).
const (
	maxSharedLen    = 40
	maxSharedValues = 100000
)

var (
	trueTerm  = ast.BooleanTerm(true)
	falseTerm = ast.BooleanTerm(false)
	nullTerm  = ast.NullTerm()
)

// valueTerm reads a value as a term, shared when it is a short string or a literal, or a small
// object or array inside a resource.
func (p *jsonParser) valueTerm(depth int) (*ast.Term, error) {
	if depth <= maxJSONDepth && p.pos < len(p.data) { // deeper: value's error
		switch p.data[p.pos] {
		case '{', '[':
			if depth >= minSharedCompositeDepth {
				return p.sharedCompositeTerm(depth)
			}
		case '"':
			return p.internedString(p.vals, maxSharedLen)
		case 't':
			if _, err := p.literal("true", ast.Boolean(true)); err != nil {
				return nil, err
			}
			return trueTerm, nil
		case 'f':
			if _, err := p.literal("false", ast.Boolean(false)); err != nil {
				return nil, err
			}
			return falseTerm, nil
		case 'n':
			if _, err := p.literal("null", ast.Null{}); err != nil {
				return nil, err
			}
			return nullTerm, nil
		}
	}
	v, err := p.value(depth)
	if err != nil {
		return nil, err
	}
	return p.term(v), nil
}

// Small objects and arrays inside resources are shared terms too, by their text: resources of a
// type repeat the same settings (an encryption configuration, a rule, a block of four flags, a
// policy statement that names no resource), and a value read once need not be read, or kept,
// again. Values nested at least minSharedCompositeDepth deep (the root is 0, a resource 3, its
// attributes 4) whose text is at most maxSharedCompositeLen bytes are looked up by that text
// before they are parsed. At most maxSharedValues texts are kept.
const (
	minSharedCompositeDepth = 4
	maxSharedCompositeLen   = 512
)

// sharedComposite is a small object or array read before, and the depth it was read at: the
// same text deeper could break the depth limit, so it is only shared at that depth or above.
type sharedComposite struct {
	term  *ast.Term
	depth int
}

// sharedCompositeTerm reads the object or array at p.pos (at depth) as a term: the term read
// before for the same text, when there is one, or a new one that comps then holds. The same
// bytes make the same value, so only the depth limit depends on where they are; errors are never
// kept.
func (p *jsonParser) sharedCompositeTerm(depth int) (*ast.Term, error) {
	start := p.pos
	end := compositeEnd(p.data, start, maxSharedCompositeLen)
	known := false // read before (then kept as first read, even when too shallow to share here)
	if end > 0 {
		var c sharedComposite
		if c, known = p.comps[string(p.data[start:end])]; known && depth <= c.depth {
			p.pos = end
			return c.term, nil
		}
	}
	v, err := p.value(depth)
	if err != nil {
		return nil, err
	}
	t := p.term(v)
	if end > 0 && !known && p.pos == end && len(p.comps) < maxSharedValues {
		p.comps[string(p.data[start:end])] = sharedComposite{term: t, depth: depth}
	}
	return t, nil
}

// compositeEnd is the offset just past the object or array starting at data[start], when it ends
// within limit bytes; -1 otherwise. Like scanArray, it steps over strings and nesting without
// validating anything: the parser reads what it finds.
func compositeEnd(data []byte, start, limit int) int {
	stop := min(len(data), start+limit)
	depth := 0
	for i := start; ; i++ {
		if i = nextStructural(data, i, stop); i < 0 {
			return -1
		}
		switch data[i] {
		case '[', '{':
			depth++
		case ']', '}':
			if depth--; depth == 0 {
				return i + 1
			}
		}
	}
}

// nextStructural is the offset of the first '[', '{', ']', '}' or ',' from data[i] on, before
// stop, stepping over strings; -1 when there is none (or a string does not end).
func nextStructural(data []byte, i, stop int) int {
	for i < stop {
		switch {
		case !scanStops[data[i]]:
			i++
		case data[i] == '"':
			if i = stringEnd(data, i); i < 0 {
				return -1
			}
		default:
			return i
		}
	}
	return -1
}

// stringEnd is the offset just past the string starting at data[i] ('"'): its closing quote is
// the next one not escaped by an odd run of backslashes; -1 when there is none.
func stringEnd(data []byte, i int) int {
	j := i + 1
	for {
		k := bytes.IndexByte(data[j:], '"')
		if k < 0 {
			return -1
		}
		j += k
		n := 0
		for data[j-1-n] == '\\' {
			n++
		}
		if n%2 == 0 {
			return j + 1
		}
		j++
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
	var seen map[ast.String]struct{}
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return ast.NewObject(), nil
	}
	for {
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, p.errorf("want a string object key")
		}
		keyAt := p.pos
		k, err := p.key()
		if err != nil {
			return nil, err
		}
		if p.hasKey(base, k, &seen) {
			return nil, p.errorAt(keyAt, "duplicate key %s in object", k)
		}
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.errorf("want ':' after object key")
		}
		p.pos++
		p.skipSpace()
		v, err := p.valueTerm(depth + 1)
		if err != nil {
			return nil, err
		}
		p.items = append(p.items, [2]*ast.Term{k, v})
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
	if p.par.workers > 1 && depth <= parallelDepth {
		if v, ok := p.parallelArray(depth); ok {
			return v, nil
		}
	}
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
		v, err := p.valueTerm(depth + 1)
		if err != nil {
			return nil, err
		}
		p.terms = append(p.terms, v)
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

// parallelArray parses the array at p.pos with several goroutines when it is large. This
// goroutine scans the array, without building anything, for where its elements start and end, and
// hands runs of elements to parsers of their own as it goes. ok is false, and p unmoved, when the
// array is smaller than one run or anything about it does not go exactly as the scan said
// (including any error): the caller then parses it in this goroutine, which reports the same first
// error as ever. So the value, and any error, are the sequential parser's.
func (p *jsonParser) parallelArray(depth int) (v ast.Value, ok bool) {
	var (
		runs   []*elementRun
		queue  chan *elementRun
		failed atomic.Bool
		wg     sync.WaitGroup
	)
	start := func() {
		queue = make(chan *elementRun, 2*p.par.workers)
		for w := 0; w < p.par.workers; w++ {
			q := &jsonParser{data: p.data, keys: maps.Clone(p.keys), vals: maps.Clone(p.vals), comps: maps.Clone(p.comps)}
			wg.Add(1)
			go func() {
				defer wg.Done()
				for r := range queue {
					if !failed.Load() && !r.parse(q, depth+1) {
						failed.Store(true)
					}
				}
			}()
		}
	}
	run := &elementRun{}
	emit := func(last bool) {
		if queue == nil {
			if last && run.size() < p.par.minBytes {
				return // small: not worth the goroutines
			}
			start()
		}
		runs = append(runs, run)
		queue <- run
		run = &elementRun{}
	}
	end, scanned := scanArray(p.data, p.pos, func(start, delim int, last bool) bool {
		run.starts = append(run.starts, start)
		run.delims = append(run.delims, delim)
		if last || run.size() >= p.par.chunkBytes {
			emit(last)
		}
		return !failed.Load()
	})
	if queue == nil {
		return nil, false
	}
	close(queue)
	wg.Wait()
	if !scanned || failed.Load() {
		return nil, false
	}
	n := 0
	for _, r := range runs {
		n += len(r.terms)
	}
	terms := make([]*ast.Term, 0, n)
	for _, r := range runs {
		terms = append(terms, r.terms...)
	}
	p.pos = end
	return ast.NewArray(terms...), true
}

// elementRun is a run of consecutive elements of an array parsed in parallel: where each starts,
// where the ',' or ']' after it is, and, once parsed, their values.
type elementRun struct {
	starts, delims []int
	terms          []*ast.Term
}

func (r *elementRun) size() int { return r.delims[len(r.delims)-1] - r.starts[0] }

// parse parses the run's elements with q; false if one is not valid or does not end where the
// scan said it does.
func (r *elementRun) parse(q *jsonParser, depth int) bool {
	r.terms = make([]*ast.Term, len(r.starts))
	for i, at := range r.starts {
		q.pos = at
		v, err := q.valueTerm(depth)
		if err != nil {
			return false
		}
		q.skipSpace()
		if q.pos != r.delims[i] {
			return false
		}
		r.terms[i] = v
	}
	return true
}

// scanArray steps over the JSON array starting at data[pos] ('['), without building anything or
// validating what it skips, and calls element for each of its elements in turn: where it starts
// (after white space), where the ',' or ']' after it is, and whether it is the last one; it stops
// when element returns false. It returns the offset just past the array, and whether it got there.
func scanArray(data []byte, pos int, element func(start, delim int, last bool) bool) (end int, ok bool) {
	i := spaceEnd(data, pos+1)
	if i < len(data) && data[i] == ']' {
		return i + 1, true
	}
	start := i
	depth := 0
	for {
		if i = nextStructural(data, i, len(data)); i < 0 {
			return 0, false
		}
		switch data[i] {
		case '[', '{':
			depth++
		case ']', '}':
			if depth > 0 {
				depth--
				break
			}
			if data[i] != ']' || !element(start, i, true) {
				return 0, false
			}
			return i + 1, true
		case ',':
			if depth == 0 {
				if !element(start, i, false) {
					return 0, false
				}
				i = spaceEnd(data, i+1)
				start = i
				continue
			}
		}
		i++
	}
}

// scanStops are the bytes nextStructural looks at; it steps over all others.
var scanStops = [256]bool{'"': true, '[': true, '{': true, ']': true, '}': true, ',': true}

// hasKey tells whether the object being read (its items from base on) already has key k, and
// records k. Keys are interned, so small objects compare pointers (then strings); from 16 keys on,
// the object keeps a set.
func (p *jsonParser) hasKey(base int, k *ast.Term, seen *map[ast.String]struct{}) bool {
	ks := k.Value.(ast.String)
	if *seen != nil {
		if _, dup := (*seen)[ks]; dup {
			return true
		}
		(*seen)[ks] = struct{}{}
		return false
	}
	items := p.items[base:]
	for _, it := range items {
		if it[0] == k || it[0].Value.(ast.String) == ks {
			return true
		}
	}
	if len(items) >= 16 {
		*seen = make(map[ast.String]struct{}, 2*len(items))
		for _, it := range items {
			(*seen)[it[0].Value.(ast.String)] = struct{}{}
		}
		(*seen)[ks] = struct{}{}
	}
	return false
}

// key reads an object key as a shared, interned term.
func (p *jsonParser) key() (*ast.Term, error) { return p.internedString(p.keys, math.MaxInt) }

// internedString reads the string at p.pos. One of at most maxLen bytes is the term table holds
// for it, or a new term that table then holds (while it holds fewer than maxSharedValues); a
// longer one is a term of its own.
func (p *jsonParser) internedString(table map[string]*ast.Term, maxLen int) (*ast.Term, error) {
	start := p.pos + 1
	end := start
	for end < len(p.data) && end-start <= maxLen && p.data[end] != '"' && p.data[end] != '\\' && p.data[end] >= 0x20 {
		end++
	}
	if end < len(p.data) && p.data[end] == '"' {
		if t, ok := table[string(p.data[start:end])]; ok {
			p.pos = end + 1
			return t, nil
		}
	}
	s, err := p.str()
	if err != nil {
		return nil, err
	}
	if len(s) > maxLen {
		return p.term(ast.String(s)), nil
	}
	t := ast.StringTerm(s)
	if len(table) < maxSharedValues {
		table[s] = t
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
					return "", p.errorAt(start+1+invalidUTF8(raw), "invalid UTF-8 in a string")
				}
				return string(raw), nil
			}
			raw := p.data[start:p.pos]
			if !utf8.Valid(raw) {
				return "", p.errorAt(start+invalidUTF8(raw), "invalid UTF-8 in a string")
			}
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return "", p.errorAt(start, "%v", err)
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
	return "", p.errorAt(start, "unexpected end of input in string")
}

// invalidUTF8 returns the offset of the first byte of b that is not valid UTF-8, or -1.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
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
