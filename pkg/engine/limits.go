package engine

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"net"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// Allocation limits of one check. Builtins that can produce more than their arguments (ranges,
// concatenation, padding, replacement, splitting, encoding, CIDR expansion) charge an estimate of
// what they would produce to the check's budget before they run; a call that would overrun it
// stops the check's evaluation with a *LimitError, which the engine reports as `error` results of
// that check. Estimates count string bytes, and elementCost bytes per produced collection element
// (the size of an OPA term and its pointer).
//
// The built-in checks charge at most about 2 MB each on the 100,000-resource benchmark snapshot
// (BenchmarkEvaluate100k reports it as max-check-alloc-MB), so a 1,000,000-resource snapshot
// stays two orders of magnitude below the budget.
const (
	// DefaultAllocationBudget is what one check's evaluation of one snapshot may allocate through
	// size-amplifying builtins.
	DefaultAllocationBudget int64 = 4 << 30
	// elementCost is the estimated cost of one element of a produced array or set.
	elementCost = 64
	// maxNumberDigits bounds the size of numbers given to arithmetic builtins (decimal digits
	// plus exponent), so that repeated multiplication cannot grow a number without bound.
	maxNumberDigits = 100_000
)

// LimitError says that a check tried to allocate more than it may.
type LimitError struct {
	Builtin string
	Reason  string
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s: %s (checks run with bounded memory)", e.Builtin, e.Reason)
}

// allocBudget is one evaluation's allowance; calls charge it atomically.
type allocBudget struct {
	limit int64
	used  atomic.Int64
}

type budgetKey struct{}

// withAllocationBudget returns a context carrying a fresh budget of limit bytes for one check's
// evaluation; limit <= 0 means DefaultAllocationBudget.
func withAllocationBudget(ctx context.Context, limit int64) context.Context {
	if limit <= 0 {
		limit = DefaultAllocationBudget
	}
	return context.WithValue(ctx, budgetKey{}, &allocBudget{limit: limit})
}

// budgetUsed returns what the evaluation under ctx has charged so far.
func budgetUsed(ctx context.Context) int64 {
	if b, ok := ctx.Value(budgetKey{}).(*allocBudget); ok {
		return b.used.Load()
	}
	return 0
}

// remaining is what the evaluation's budget still allows.
func remaining(bctx topdown.BuiltinContext) int64 {
	if bctx.Context != nil {
		if b, ok := bctx.Context.Value(budgetKey{}).(*allocBudget); ok {
			return max(b.limit-b.used.Load(), 0)
		}
	}
	return DefaultAllocationBudget
}

// notePeakAllocation records the budget use of the evaluation under ctx if it is the largest yet.
func (e *Engine) notePeakAllocation(ctx context.Context) {
	used := budgetUsed(ctx)
	for {
		peak := e.peakAlloc.Load()
		if used <= peak || e.peakAlloc.CompareAndSwap(peak, used) {
			return
		}
	}
}

// charge takes n bytes from the evaluation's budget or fails. Without a budget in the context (an
// evaluation outside Engine.Evaluate), each call alone is held to the default budget.
func charge(bctx topdown.BuiltinContext, name string, n int64) error {
	if n < 0 {
		n = math.MaxInt64
	}
	var b *allocBudget
	if bctx.Context != nil {
		b, _ = bctx.Context.Value(budgetKey{}).(*allocBudget)
	}
	if b == nil {
		if n > DefaultAllocationBudget {
			return limitErr(name, fmt.Sprintf("one call would allocate about %s, more than a check may (%s)", bytesText(n), bytesText(DefaultAllocationBudget)))
		}
		return nil
	}
	if n > b.limit {
		return limitErr(name, fmt.Sprintf("one call would allocate about %s, more than a check may (%s)", bytesText(n), bytesText(b.limit)))
	}
	if used := b.used.Add(n); used > b.limit {
		return limitErr(name, fmt.Sprintf("the check has allocated more than it may (%s) through size-amplifying builtins", bytesText(b.limit)))
	}
	return nil
}

// limitErr stops the whole evaluation, whatever the strictness of builtin errors.
func limitErr(name, reason string) error {
	return topdown.Halt{Err: &LimitError{Builtin: name, Reason: reason}}
}

func bytesText(n int64) string {
	switch {
	case n == math.MaxInt64:
		return "more than 8 EiB"
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}

// satMul and satAdd saturate at math.MaxInt64 (all operands are non-negative).
func satMul(a, b int64) int64 {
	if a == 0 || b == 0 {
		return 0
	}
	if a > math.MaxInt64/b {
		return math.MaxInt64
	}
	return a * b
}

func satAdd(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

type wrapper func(name string, orig topdown.BuiltinFunc) topdown.BuiltinFunc

// charging wraps a builtin with an estimate of what a call will produce; estimate returns ok=false
// when the arguments are not what the builtin expects, leaving the error to the builtin itself.
func charging(estimate func(args []*ast.Term) (n int64, ok bool)) wrapper {
	return chargingUpTo(func(args []*ast.Term, _ int64) (int64, bool) { return estimate(args) })
}

// chargingUpTo is charging for estimates that cost time to compute: estimate may stop counting
// once it passes limit, the most the call may still charge.
func chargingUpTo(estimate func(args []*ast.Term, limit int64) (n int64, ok bool)) wrapper {
	return func(name string, orig topdown.BuiltinFunc) topdown.BuiltinFunc {
		return func(bctx topdown.BuiltinContext, args []*ast.Term, iter func(*ast.Term) error) error {
			if n, ok := estimate(args, remaining(bctx)); ok {
				if err := charge(bctx, name, n); err != nil {
					return err
				}
			}
			return orig(bctx, args, iter)
		}
	}
}

// neuterers are the wrappers of the neutered builtins (see builtinRules).
var neuterers = map[string]wrapper{
	"numbers.range":      charging(func(a []*ast.Term) (int64, bool) { return rangeCount(a, nil) }),
	"numbers.range_step": charging(func(a []*ast.Term) (int64, bool) { return rangeCount(a[:2], a[2]) }),
	"concat":             charging(concatSize),
	"array.concat": charging(func(a []*ast.Term) (int64, bool) {
		x, ok1 := a[0].Value.(*ast.Array)
		y, ok2 := a[1].Value.(*ast.Array)
		if !ok1 || !ok2 {
			return 0, false
		}
		return int64(x.Len()+y.Len()) * elementCost, true
	}),
	"array.flatten": chargingUpTo(func(a []*ast.Term, limit int64) (int64, bool) {
		n := leaves(a[0].Value, limit/elementCost+1)
		return satMul(n, elementCost), true
	}),
	"sprintf": chargingUpTo(func(a []*ast.Term, limit int64) (int64, bool) {
		f, ok1 := a[0].Value.(ast.String)
		args, ok2 := a[1].Value.(*ast.Array)
		if !ok1 || !ok2 {
			return 0, false
		}
		n := satAdd(int64(len(f)), formatPadding(string(f)))
		for i := range args.Len() {
			n = satAdd(n, textSize(args.Elem(i).Value, limit))
		}
		return n, true
	}),
	"internal.template_string": chargingUpTo(func(a []*ast.Term, limit int64) (int64, bool) {
		return textSize(a[0].Value, limit), true
	}),
	"replace": charging(func(a []*ast.Term) (int64, bool) {
		s, ok1 := a[0].Value.(ast.String)
		old, ok2 := a[1].Value.(ast.String)
		nw, ok3 := a[2].Value.(ast.String)
		return replacedSize(string(s), string(old), string(nw)), ok1 && ok2 && ok3
	}),
	"strings.replace_n": charging(func(a []*ast.Term) (int64, bool) {
		pats, ok1 := a[0].Value.(ast.Object)
		s, ok2 := a[1].Value.(ast.String)
		if !ok1 || !ok2 {
			return 0, false
		}
		n := int64(len(s))
		for _, k := range pats.Keys() {
			old, ok1 := k.Value.(ast.String)
			nw, ok2 := pats.Get(k).Value.(ast.String)
			if !ok1 || !ok2 {
				return 0, false
			}
			n = satAdd(n, replacedSize(string(s), string(old), string(nw))-int64(len(s)))
		}
		return n, true
	}),
	"regex.replace": charging(func(a []*ast.Term) (int64, bool) {
		s, ok1 := a[0].Value.(ast.String)
		repl, ok2 := a[2].Value.(ast.String)
		if !ok1 || !ok2 {
			return 0, false
		}
		// At most one match per position; "$n" expansions copy matched text, which matches cannot
		// repeat: each expansion adds at most len(s) in all.
		n := satAdd(int64(len(s)), satMul(int64(len(s))+1, int64(len(repl))))
		return satAdd(n, satMul(int64(strings.Count(string(repl), "$")), int64(len(s)))), true
	}),
	"split": charging(func(a []*ast.Term) (int64, bool) {
		s, ok1 := a[0].Value.(ast.String)
		sep, ok2 := a[1].Value.(ast.String)
		return satMul(parts(string(s), string(sep), -1), elementCost), ok1 && ok2
	}),
	"strings.split_n": charging(func(a []*ast.Term) (int64, bool) {
		s, ok1 := a[0].Value.(ast.String)
		sep, ok2 := a[1].Value.(ast.String)
		n, ok3 := intArg(a[2])
		return satMul(parts(string(s), string(sep), n), elementCost), ok1 && ok2 && ok3
	}),
	"regex.split": charging(func(a []*ast.Term) (int64, bool) {
		s, ok := a[1].Value.(ast.String)
		return satMul(int64(len(s))+1, elementCost), ok
	}),
	"regex.find_n": charging(func(a []*ast.Term) (int64, bool) {
		s, ok1 := a[1].Value.(ast.String)
		n, ok2 := intArg(a[2])
		return satMul(matchCount(len(s), n), elementCost), ok1 && ok2
	}),
	"regex.find_all_string_submatch_n": charging(func(a []*ast.Term) (int64, bool) {
		s, ok1 := a[1].Value.(ast.String)
		n, ok2 := intArg(a[2])
		return satMul(matchCount(len(s), n), 4*elementCost), ok1 && ok2
	}),
	"net.cidr_expand": charging(func(a []*ast.Term) (int64, bool) {
		s, ok := a[0].Value.(ast.String)
		if !ok {
			return 0, false
		}
		_, ipnet, err := net.ParseCIDR(string(s))
		if err != nil {
			return 0, false
		}
		ones, bits := ipnet.Mask.Size()
		if bits-ones >= 56 {
			return math.MaxInt64, true
		}
		return satMul(int64(1)<<(bits-ones), elementCost), true
	}),
	"base64.encode":           charging(encodedSize(2)),
	"base64url.encode":        charging(encodedSize(2)),
	"base64url.encode_no_pad": charging(encodedSize(2)),
	"hex.encode":              charging(encodedSize(2)),
	"json.marshal": chargingUpTo(func(a []*ast.Term, limit int64) (int64, bool) {
		return textSize(a[0].Value, limit), true
	}),
	"yaml.marshal": chargingUpTo(func(a []*ast.Term, limit int64) (int64, bool) {
		return satMul(textSize(a[0].Value, limit/2), 2), true
	}),
	"json.marshal_with_options": chargingUpTo(func(a []*ast.Term, limit int64) (int64, bool) {
		// Pretty printing adds a prefix and indentation to every line; charge generously.
		extra := int64(0)
		if o, ok := a[1].Value.(ast.Object); ok {
			for _, k := range []string{"prefix", "indent"} {
				if v, ok := o.Get(ast.StringTerm(k)).Value.(ast.String); ok {
					extra += int64(len(v))
				}
			}
		}
		return satMul(textSize(a[0].Value, limit/(2+extra)), 2+extra), true
	}),
	"format_int":  numbersBounded,
	"plus":        numbersBounded,
	"minus":       numbersBounded,
	"mul":         numbersBounded,
	"div":         numbersBounded,
	"rem":         numbersBounded,
	"round":       numbersBounded,
	"ceil":        numbersBounded,
	"floor":       numbersBounded,
	"sum":         numbersBounded,
	"product":     numbersBounded,
	"bits.and":    numbersBounded,
	"bits.or":     numbersBounded,
	"bits.xor":    numbersBounded,
	"bits.negate": numbersBounded,
	"bits.rsh":    numbersBounded,
	"bits.lsh": func(name string, orig topdown.BuiltinFunc) topdown.BuiltinFunc {
		inner := numbersBounded(name, orig)
		return func(bctx topdown.BuiltinContext, args []*ast.Term, iter func(*ast.Term) error) error {
			if n, ok := args[1].Value.(ast.Number); ok {
				if shift, ok := n.Int64(); ok && shift > maxNumberDigits*4 {
					return limitErr(name, fmt.Sprintf("a shift by %d bits makes a number longer than %d digits", shift, maxNumberDigits))
				}
			}
			return inner(bctx, args, iter)
		}
	},
	"time.clock":    utcOnly,
	"time.date":     utcOnly,
	"time.weekday":  utcOnly,
	"time.diff":     utcOnly,
	"time.format":   utcOnly,
	"time.parse_ns": noZoneAbbreviation,
}

// rangeCount is the number of elements numbers.range(_step) would produce.
func rangeCount(bounds []*ast.Term, step *ast.Term) (int64, bool) {
	x, ok1 := bigInt(bounds[0])
	y, ok2 := bigInt(bounds[1])
	if !ok1 || !ok2 {
		return 0, false
	}
	d := new(big.Int).Sub(y, x)
	d.Abs(d)
	if step != nil {
		s, ok := bigInt(step)
		if !ok || s.Sign() <= 0 {
			return 0, false
		}
		d.Quo(d, s)
	}
	d.Add(d, big.NewInt(1))
	if !d.IsInt64() {
		return math.MaxInt64, true
	}
	return satMul(d.Int64(), elementCost), true
}

func bigInt(t *ast.Term) (*big.Int, bool) {
	n, ok := t.Value.(ast.Number)
	if !ok || numberDigits(string(n)) > maxNumberDigits {
		return nil, false
	}
	i, ok := new(big.Int).SetString(string(n), 10)
	return i, ok
}

func concatSize(a []*ast.Term) (int64, bool) {
	sep, ok := a[0].Value.(ast.String)
	if !ok {
		return 0, false
	}
	var n, count int64
	add := func(t *ast.Term) bool {
		s, ok := t.Value.(ast.String)
		n = satAdd(n, int64(len(s)))
		count++
		return ok
	}
	good := true
	switch c := a[1].Value.(type) {
	case *ast.Array:
		c.Foreach(func(t *ast.Term) { good = add(t) && good })
	case ast.Set:
		c.Foreach(func(t *ast.Term) { good = add(t) && good })
	default:
		return 0, false
	}
	if count > 1 {
		n = satAdd(n, satMul(count-1, int64(len(sep))))
	}
	return n, good
}

// formatPadding bounds the padding a format string's widths and precisions can add; Go's fmt
// refuses widths above a million, and "*" takes the width from an argument.
func formatPadding(f string) int64 {
	const fmtMax = 1_000_000
	var total int64
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		i++
		num := func() {
			if i < len(f) && f[i] == '[' {
				for i < len(f) && f[i] != ']' {
					i++
				}
				i++
			}
			if i < len(f) && f[i] == '*' {
				total = satAdd(total, fmtMax)
				i++
				return
			}
			var v int64
			for i < len(f) && f[i] >= '0' && f[i] <= '9' {
				if v <= fmtMax {
					v = v*10 + int64(f[i]-'0')
				}
				i++
			}
			total = satAdd(total, min(v, fmtMax))
		}
		for i < len(f) && strings.IndexByte("+-# 0", f[i]) >= 0 {
			i++
		}
		num()
		if i < len(f) && f[i] == '.' {
			i++
			num()
		}
	}
	return total
}

// textSize estimates the length of v's JSON text, stopping once it passes limit: values built by
// sharing (x := [y, y]) can be exponentially larger than the memory they take.
func textSize(v ast.Value, limit int64) int64 {
	var n int64
	switch x := v.(type) { // the usual arguments, without building the walk
	case ast.String:
		n = int64(len(x)) + 2
	case ast.Number:
		n = int64(len(x))
	}
	if n > 0 {
		if n > limit {
			return math.MaxInt64
		}
		return n
	}
	var walk func(v ast.Value) bool
	walk = func(v ast.Value) bool {
		switch x := v.(type) {
		case ast.String:
			n += int64(len(x)) + 2
		case ast.Number:
			n += int64(len(x))
		case ast.Boolean, ast.Null:
			n += 5
		case *ast.Array:
			n += 2
			for i := range x.Len() {
				n++
				if !walk(x.Elem(i).Value) {
					return false
				}
			}
		case ast.Set:
			n += 2
			ok := true
			x.Until(func(t *ast.Term) bool {
				n++
				ok = walk(t.Value)
				return !ok
			})
			return ok && n <= limit
		case ast.Object:
			n += 2
			ok := true
			x.Until(func(k, t *ast.Term) bool {
				n += 2
				ok = walk(k.Value) && walk(t.Value)
				return !ok
			})
			return ok && n <= limit
		default:
			n += int64(len(v.String()))
		}
		return n <= limit
	}
	if !walk(v) {
		return math.MaxInt64
	}
	return n
}

// leaves counts the non-array elements array.flatten would produce, stopping past limit.
func leaves(v ast.Value, limit int64) int64 {
	a, ok := v.(*ast.Array)
	if !ok {
		return 1
	}
	var n int64
	for i := range a.Len() {
		n = satAdd(n, leaves(a.Elem(i).Value, limit))
		if n > limit {
			return math.MaxInt64
		}
	}
	return n
}

func replacedSize(s, old, nw string) int64 {
	var count int64
	if old == "" {
		count = int64(utf8.RuneCountInString(s)) + 1
	} else {
		count = int64(strings.Count(s, old))
	}
	return satAdd(int64(len(s)), satMul(count, int64(len(nw))))
}

func parts(s, sep string, n int64) int64 {
	var count int64
	if sep == "" {
		count = int64(utf8.RuneCountInString(s))
	} else {
		count = int64(strings.Count(s, sep)) + 1
	}
	if n >= 0 && n < count {
		return n
	}
	return count
}

func matchCount(length int, n int64) int64 {
	most := int64(length) + 1
	if n >= 0 && n < most {
		return n
	}
	return most
}

func encodedSize(factor int64) func(a []*ast.Term) (int64, bool) {
	return func(a []*ast.Term) (int64, bool) {
		s, ok := a[0].Value.(ast.String)
		return satMul(int64(len(s)), factor), ok
	}
}

// numberDigits is a number's decimal size: its digits plus a positive exponent.
func numberDigits(n string) int64 {
	mant, exp := n, ""
	if i := strings.IndexAny(n, "eE"); i >= 0 {
		mant, exp = n[:i], n[i+1:]
	}
	d := int64(len(mant))
	exp = strings.TrimPrefix(exp, "+")
	if exp != "" && exp[0] != '-' {
		if len(exp) > 9 {
			return math.MaxInt64
		}
		var e int64
		for _, c := range exp {
			e = e*10 + int64(c-'0')
		}
		d += e
	}
	return d
}

// numbersBounded refuses number arguments (also inside arrays and sets, for sum and product)
// longer than maxNumberDigits.
func numbersBounded(name string, orig topdown.BuiltinFunc) topdown.BuiltinFunc {
	return func(bctx topdown.BuiltinContext, args []*ast.Term, iter func(*ast.Term) error) error {
		for _, a := range args {
			if err := boundedNumbers(name, a.Value); err != nil {
				return err
			}
		}
		return orig(bctx, args, iter)
	}
}

func boundedNumbers(name string, v ast.Value) error {
	var err error
	check := func(t *ast.Term) {
		if n, ok := t.Value.(ast.Number); ok && err == nil && numberDigits(string(n)) > maxNumberDigits {
			err = limitErr(name, fmt.Sprintf("a number argument has more than %d digits", maxNumberDigits))
		}
	}
	switch x := v.(type) {
	case ast.Number:
		check(ast.NewTerm(x))
	case *ast.Array:
		x.Foreach(check)
	case ast.Set:
		x.Foreach(check)
	}
	return err
}

// utcOnly refuses time zone arguments other than "" and "UTC" ([ns, tz] arrays).
func utcOnly(name string, orig topdown.BuiltinFunc) topdown.BuiltinFunc {
	return func(bctx topdown.BuiltinContext, args []*ast.Term, iter func(*ast.Term) error) error {
		for _, a := range args {
			arr, ok := a.Value.(*ast.Array)
			if !ok || arr.Len() < 2 {
				continue
			}
			if tz, ok := arr.Elem(1).Value.(ast.String); ok && tz != "" && tz != "UTC" {
				return topdown.Halt{Err: fmt.Errorf("%s: time zone %q is not allowed in incloud policies: only UTC is, because other zones read the machine's time zone data", name, string(tz))}
			}
		}
		return orig(bctx, args, iter)
	}
}

// noZoneAbbreviation refuses layouts with "MST", whose offsets Go takes from the local zone.
func noZoneAbbreviation(name string, orig topdown.BuiltinFunc) topdown.BuiltinFunc {
	return func(bctx topdown.BuiltinContext, args []*ast.Term, iter func(*ast.Term) error) error {
		if layout, ok := args[0].Value.(ast.String); ok && strings.Contains(string(layout), "MST") {
			return topdown.Halt{Err: fmt.Errorf("%s: layouts with a zone abbreviation (MST) are not allowed in incloud policies: their offset depends on the machine's local time zone", name)}
		}
		return orig(bctx, args, iter)
	}
}

func intArg(t *ast.Term) (int64, bool) {
	n, ok := t.Value.(ast.Number)
	if !ok {
		return 0, false
	}
	return n.Int64()
}
