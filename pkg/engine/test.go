package engine

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// TestResult is the outcome of one Rego unit test.
type TestResult struct {
	Package string
	Name    string
	// File is the test's file, named as in load errors.
	File string
	Pass bool
	// Detail says why a test failed: the error, or the expression that failed with the values
	// it compared (what the test expected and what it got).
	Detail string
}

// RunTests validates the policies as Load does, then runs the *_test.rego files through OPA's
// tester with the same sandbox and schemas as evaluation: every test file loaded, or only those
// named in opts.TestFiles. A failing test is run again with tracing to say what failed.
func RunTests(ctx context.Context, opts Options) ([]TestResult, error) {
	if _, err := Load(Options{Builtin: opts.Builtin, NoBuiltinChecks: opts.NoBuiltinChecks, PolicyDirs: opts.PolicyDirs}); err != nil {
		return nil, err
	}
	modules, schemas, err := parseModules(opts, true)
	if err != nil {
		return nil, err
	}
	files := opts.TestFiles
	if len(files) == 0 && opts.NoBuiltinChecks {
		// Only the tests of the policy directories, not those of the built-in helpers.
		if files, err = userTestFiles(opts.PolicyDirs); err != nil {
			return nil, err
		}
		if len(files) == 0 {
			return nil, nil
		}
	}
	filter, err := testFilter(modules, files)
	if err != nil {
		return nil, err
	}
	results, _, err := runTests(ctx, modules, schemas, filter, false)
	if err != nil {
		return nil, err
	}
	var failed []string
	for _, r := range results {
		if !r.Pass() && r.Error == nil {
			failed = append(failed, regexp.QuoteMeta(r.Package+"."+r.Name))
		}
	}
	traced := map[string]*tester.Result{}
	var compiler *ast.Compiler
	if len(failed) > 0 {
		again, c, err := runTests(ctx, modules, schemas, "^("+strings.Join(failed, "|")+")$", true)
		if err != nil {
			return nil, err
		}
		compiler = c
		for _, r := range again {
			traced[r.Package+"."+r.Name] = r
		}
	}
	out := make([]TestResult, 0, len(results))
	for _, r := range results {
		tr := TestResult{Package: r.Package, Name: r.Name, Pass: r.Pass()}
		if r.Location != nil {
			tr.File = r.Location.File
		}
		if !tr.Pass {
			switch {
			case r.Error != nil:
				tr.Detail = "error: " + r.Error.Error()
			case traced[r.Package+"."+r.Name] != nil:
				tr.Detail = failureDetail(ctx, compiler, traced[r.Package+"."+r.Name])
			}
			if tr.Detail == "" {
				tr.Detail = "the test's body is false"
			}
		}
		out = append(out, tr)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Package != out[j].Package {
			return out[i].Package < out[j].Package
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

func runTests(ctx context.Context, modules map[string]*ast.Module, schemas schemaIndex, filter string, trace bool) ([]*tester.Result, *ast.Compiler, error) {
	compiler := newCompiler(schemas)
	ch, err := tester.NewRunner().
		SetCompiler(compiler).
		SetModules(modules).
		RaiseBuiltinErrors(true).
		EnableTracing(trace).
		Filter(filter).
		RunTests(ctx, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("run policy tests: %w", err)
	}
	var out []*tester.Result
	for r := range ch {
		out = append(out, r)
	}
	return out, compiler, nil
}

// userTestFiles names the test files of the policy directories as parseModules does.
func userTestFiles(dirs []string) ([]string, error) {
	var out []string
	for _, dir := range dirs {
		src, err := readRego(os.DirFS(dir), ".", dir, true)
		if err != nil {
			return nil, err
		}
		for _, s := range src {
			if isTestFile(s.name) {
				out = append(out, s.name)
			}
		}
	}
	return out, nil
}

// testFilter is a tester filter matching the tests defined in files (by module name), or ""
// (every test) when files is empty. A file that defines no test is an error.
func testFilter(modules map[string]*ast.Module, files []string) (string, error) {
	if len(files) == 0 {
		return "", nil
	}
	var names []string
	for _, f := range files {
		m, ok := modules[f]
		if !ok {
			return "", fmt.Errorf("%s: not a loaded policy file", f)
		}
		n := 0
		for _, r := range m.Rules {
			name := r.Head.Ref().String()
			if strings.HasPrefix(name, tester.TestPrefix) || strings.HasPrefix(name, tester.SkipTestPrefix) {
				names = append(names, regexp.QuoteMeta(m.Package.Path.String()+"."+name))
				n++
			}
		}
		if n == 0 {
			return "", fmt.Errorf("%s: defines no test (rules named test_...)", f)
		}
	}
	slices.Sort(names)
	return "^(" + strings.Join(slices.Compact(names), "|") + ")(#[0-9]+)?$", nil
}

// failureDetail describes a failed test from its trace: the last expression of the test that
// failed, at its file and line, and for a comparison (got == want, and the other comparisons)
// the values of its two sides, each in full: the side that reads the policy (a reference into
// data) is "got", the other "want".
func failureDetail(ctx context.Context, compiler *ast.Compiler, r *tester.Result) string {
	for _, e := range slices.Backward(r.Trace) {
		if e.Op != topdown.FailOp || e.Location == nil || e.QueryID == 0 {
			continue
		}
		expr, ok := e.Node.(*ast.Expr)
		if !ok {
			continue
		}
		if _, isEvery := expr.Terms.(*ast.Every); isEvery {
			continue
		}
		var b bytes.Buffer
		fmt.Fprintf(&b, "%s:%d: %s", e.Location.File, e.Location.Row, strings.TrimSpace(string(expr.BaseCogeneratedExpr().Location.Text)))
		if vals := comparedValues(ctx, compiler, e, expr); vals != nil {
			fmt.Fprintf(&b, "\n    got:  %s\n    want: %s", vals[0], vals[1])
			return b.String()
		}
		var pretty bytes.Buffer
		if err := topdown.PrettyEvent(&pretty, e, topdown.PrettyEventOpts{PrettyVars: true}); err == nil {
			for _, line := range strings.Split(strings.TrimRight(pretty.String(), "\n"), "\n")[1:] {
				b.WriteString("\n    " + strings.TrimPrefix(line, "\t"))
			}
		}
		return b.String()
	}
	return ""
}

// comparedValues gives the values of the two sides of a failed comparison ("got" first), or nil
// when the expression is no comparison. A side that is not a value yet (a reference to the rule
// under test) is evaluated again, with the test's bindings and its `with` modifiers.
func comparedValues(ctx context.Context, compiler *ast.Compiler, e *topdown.Event, expr *ast.Expr) []string {
	if compiler == nil || !expr.IsCall() || len(expr.Operands()) != 2 {
		return nil
	}
	switch expr.Operator().String() {
	case "eq", "equal", "neq", "lt", "lte", "gt", "gte":
	default:
		return nil
	}
	var with []*ast.With
	for _, w := range expr.With {
		with = append(with, &ast.With{Target: w.Target, Value: plugLocals(e, w.Value)})
	}
	ops := expr.Operands()
	vals := make([]string, 2)
	for i, op := range ops {
		v := plugLocals(e, op)
		if !v.IsGround() || isDataRef(v) {
			got, err := evalTerm(ctx, compiler, v, with)
			if err != nil {
				return nil
			}
			vals[i] = got
			continue
		}
		vals[i] = v.String()
	}
	if isDataRef(ops[1]) && !isDataRef(ops[0]) {
		vals[0], vals[1] = vals[1], vals[0]
	}
	return vals
}

// plugLocals replaces the variables of t bound in the event's locals by their values.
func plugLocals(e *topdown.Event, t *ast.Term) *ast.Term {
	if e.Locals == nil {
		return e.Plug(t)
	}
	out, err := ast.TransformVars(t.Copy(), func(v ast.Var) (ast.Value, error) {
		if val := e.Locals.Get(v); val != nil {
			return val, nil
		}
		return v, nil
	})
	if err != nil {
		return t
	}
	switch x := out.(type) {
	case *ast.Term:
		return x
	case ast.Value:
		return ast.NewTerm(x)
	}
	return t
}

// evalTerm evaluates a term with modifiers, keeping Rego's types (a set stays a set); an
// undefined term is "undefined".
func evalTerm(ctx context.Context, compiler *ast.Compiler, t *ast.Term, with []*ast.With) (string, error) {
	x := ast.VarTerm("__incloud_got__")
	q := ast.Equality.Expr(x, t)
	q.With = with
	body, err := compiler.QueryCompiler().Compile(ast.NewBody(q))
	if err != nil {
		return "", err
	}
	store := inmem.New()
	txn, err := store.NewTransaction(ctx)
	if err != nil {
		return "", err
	}
	defer store.Abort(ctx, txn)
	rs, err := topdown.NewQuery(body).WithCompiler(compiler).WithStore(store).WithTransaction(txn).
		WithStrictBuiltinErrors(true).Run(ctx)
	if err != nil {
		return "", err
	}
	if len(rs) == 0 {
		return "undefined", nil
	}
	return rs[0][x.Value.(ast.Var)].String(), nil
}

func isDataRef(t *ast.Term) bool {
	ref, ok := t.Value.(ast.Ref)
	return ok && ref.HasPrefix(ast.DefaultRootRef)
}
