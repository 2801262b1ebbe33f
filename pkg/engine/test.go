package engine

import (
	"context"
	"fmt"

	"github.com/open-policy-agent/opa/v1/tester"
)

// TestResult is the outcome of one Rego unit test.
type TestResult struct {
	Package string
	Name    string
	Pass    bool
	Detail  string
}

// RunTests validates the policies as Load does, then runs every *_test.rego through OPA's tester
// with the same sandbox and schemas as evaluation.
func RunTests(ctx context.Context, opts Options) ([]TestResult, error) {
	if _, err := Load(Options{Builtin: opts.Builtin, PolicyDirs: opts.PolicyDirs}); err != nil {
		return nil, err
	}
	modules, schemas, err := parseModules(opts, true)
	if err != nil {
		return nil, err
	}
	ch, err := tester.NewRunner().
		SetCompiler(newCompiler(schemas)).
		SetModules(modules).
		RaiseBuiltinErrors(true).
		RunTests(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("run policy tests: %w", err)
	}
	var out []TestResult
	for r := range ch {
		tr := TestResult{Package: r.Package, Name: r.Name, Pass: r.Pass()}
		if !tr.Pass {
			tr.Detail = r.String()
			if r.Error != nil {
				tr.Detail += ": " + r.Error.Error()
			}
		}
		out = append(out, tr)
	}
	return out, nil
}
