// Package engine loads the Rego checks (embedded and user-supplied), compiles them sandboxed and
// type-checked against the snapshot schemas, and evaluates them over snapshots into findings.
package engine

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/snapshot"
)

// Options configure loading and evaluation.
type Options struct {
	// Builtin is the embedded policy tree (lib/, schemas/, <provider>/...); nil loads none.
	Builtin fs.FS
	// NoBuiltinChecks loads only the schemas and the helpers (lib/) of Builtin, not its checks
	// or tests: --no-builtin, so that one's own checks still have the contract and the helpers.
	NoBuiltinChecks bool
	// PolicyDirs are user directories of extra checks, with the same rules as the built-in ones.
	PolicyDirs []string
	// TestFiles limits RunTests to the tests of these files (named as in PolicyDirs: the
	// directory joined with the path in it); empty runs every test loaded.
	TestFiles []string
	// Workers evaluates this many checks at once; 0 means the number of CPUs.
	Workers int
	// CheckTimeout bounds each check's evaluation of one snapshot; 0 means one minute.
	CheckTimeout time.Duration
	// AllocationBudget bounds what one check's evaluation of one snapshot may allocate through
	// size-amplifying builtins (see limits.go); 0 means DefaultAllocationBudget.
	AllocationBudget int64
	// IncludeTests also compiles *_test.rego files (for the policy test runner).
	IncludeTests bool
	// Tool names the program in reports; an empty name is "incloud".
	Tool findings.Tool
	// Select, when set, evaluates only the checks it accepts (--checks, --severity, ...); the
	// others produce no results.
	Select func(findings.Check) bool
}

// Check is a loaded, validated and prepared check.
type Check struct {
	findings.Check
	pkg        ast.Ref
	deps       []dependency
	hasUnknown bool
	deny       rego.PreparedEvalQuery
	unknown    rego.PreparedEvalQuery
	// hasPass, pass and passTemplate give passing results their messages (passmsg.go).
	hasPass      bool
	pass         rego.PreparedEvalQuery
	passTemplate passTemplate
}

// Engine holds compiled checks, ready to evaluate snapshots concurrently.
type Engine struct {
	opts     Options
	compiler *ast.Compiler
	modules  map[string]*ast.Module
	checks   []*Check
	schemas  schemaIndex
	// peakAlloc is the largest allocation budget use of one check evaluation so far.
	peakAlloc atomic.Int64
}

type source struct {
	name string // shown in messages
	src  []byte
}

// Load reads, compiles and validates every policy. Any problem (a syntax error, a type error
// against the schemas, a forbidden builtin, invalid metadata, a duplicate id) is an error that
// names the file.
func Load(opts Options) (*Engine, error) {
	if opts.Workers <= 0 {
		opts.Workers = defaultWorkers()
	}
	if opts.CheckTimeout <= 0 {
		opts.CheckTimeout = time.Minute
	}
	if opts.Tool.Name == "" {
		opts.Tool.Name = "incloud"
	}
	modules, schemas, err := parseModules(opts, opts.IncludeTests)
	if err != nil {
		return nil, err
	}
	compiler := newCompiler(schemas)
	if compiler.Compile(modules); compiler.Failed() {
		return nil, explainCompileErrors(compiler.Errors)
	}
	e := &Engine{opts: opts, compiler: compiler, modules: modules, schemas: schemas}
	if err := e.prepareChecks(); err != nil {
		return nil, err
	}
	return e, nil
}

func newCompiler(schemas schemaIndex) *ast.Compiler {
	return ast.NewCompiler().
		WithCapabilities(sandboxCapabilities()).
		WithSchemas(schemas.inputSchemaSet()).
		WithUseTypeCheckAnnotations(true).
		WithEnablePrintStatements(false)
}

// parseModules reads and parses the built-in and user policies.
func parseModules(opts Options, withTests bool) (map[string]*ast.Module, schemaIndex, error) {
	var sources []source
	schemas := schemaIndex{}
	if opts.Builtin != nil {
		var err error
		if schemas, err = loadSchemas(opts.Builtin, "schemas"); err != nil {
			return nil, nil, err
		}
		// Without the built-in checks, the helpers stay, and for the test runner the helpers'
		// test fixtures (RunTests runs only the tests asked for).
		root, prefix, tests := ".", "policies", withTests
		if opts.NoBuiltinChecks {
			root = "lib"
		}
		if _, err := fs.Stat(opts.Builtin, root); err == nil {
			src, err := readRego(opts.Builtin, root, prefix, tests)
			if err != nil {
				return nil, nil, err
			}
			sources = append(sources, src...)
		}
	}
	for _, dir := range opts.PolicyDirs {
		st, err := os.Stat(dir)
		if err != nil {
			return nil, nil, fmt.Errorf("policy directory: %w", err)
		}
		if !st.IsDir() {
			return nil, nil, fmt.Errorf("policy directory %s: not a directory", dir)
		}
		src, err := readRego(os.DirFS(dir), ".", dir, withTests)
		if err != nil {
			return nil, nil, err
		}
		if len(src) == 0 {
			all, err := readRego(os.DirFS(dir), ".", dir, true)
			if err != nil {
				return nil, nil, err
			}
			if len(all) == 0 {
				return nil, nil, fmt.Errorf("policy directory %s: no .rego files", dir)
			}
		}
		sources = append(sources, src...)
	}
	modules := make(map[string]*ast.Module, len(sources))
	srcOf := make(map[string][]byte, len(sources))
	for _, s := range sources {
		if prev, dup := srcOf[s.name]; dup {
			if bytes.Equal(prev, s.src) {
				continue // the built-in tree itself, given as a directory (policies test policies/aws/s3)
			}
			return nil, nil, fmt.Errorf("%s: loaded twice", s.name)
		}
		srcOf[s.name] = s.src
		m, err := ast.ParseModuleWithOpts(s.name, string(s.src), ast.ParserOptions{RegoVersion: ast.RegoV1, ProcessAnnotation: true})
		if err != nil {
			return nil, nil, fmt.Errorf("parse policy: %w", err)
		}
		modules[s.name] = m
	}
	return modules, schemas, nil
}

func (e *Engine) prepareChecks() error {
	names := make([]string, 0, len(e.modules))
	for n := range e.modules {
		names = append(names, n)
	}
	sort.Strings(names)
	// Files by package: OPA merges the rules of every module of a package, so a check shares its
	// package with no other file (tests aside), whatever the package is named.
	byPkg := map[string][]string{}
	for _, name := range names {
		if !isTestFile(name) {
			p := e.modules[name].Package.Path.String()
			byPkg[p] = append(byPkg[p], name)
		}
	}
	seen := map[string]string{}
	for _, name := range names {
		m := e.modules[name]
		if isTestFile(name) || isLibrary(m) {
			continue
		}
		meta, deps, err := parseMetadata(name, m, e.schemas)
		if err != nil {
			return err
		}
		if files := byPkg[m.Package.Path.String()]; len(files) > 1 {
			return fmt.Errorf("%s: check %s: package %s is also the package of %s (each check needs a package of its own: OPA merges the rules of a package)",
				name, meta.ID, strings.TrimPrefix(m.Package.Path.String(), "data."), strings.Join(slices.DeleteFunc(slices.Clone(files), func(f string) bool { return f == name }), ", "))
		}
		if prev, dup := seen[meta.ID]; dup {
			return fmt.Errorf("%s: check id %q is already used by %s", name, meta.ID, prev)
		}
		seen[meta.ID] = name
		var hasDeny bool
		c := &Check{Check: meta, pkg: m.Package.Path, deps: deps}
		for _, r := range m.Rules {
			switch r.Head.Name.String() {
			case "deny":
				hasDeny = true
			case "unknown":
				c.hasUnknown = true
			case "pass":
				c.hasPass = true
			}
		}
		if c.passTemplate, err = checkPassTemplate(m); err != nil {
			return fmt.Errorf("%s: invalid check metadata: %w", name, err)
		}
		if !hasDeny {
			return fmt.Errorf("%s: check %s defines no `deny` rule (a set of {\"resource_id\", \"message\"} objects)", name, meta.ID)
		}
		if c.deny, err = e.prepare(c.pkg, "deny"); err != nil {
			return fmt.Errorf("%s: prepare check %s: %w", name, meta.ID, err)
		}
		if c.hasUnknown {
			if c.unknown, err = e.prepare(c.pkg, "unknown"); err != nil {
				return fmt.Errorf("%s: prepare check %s: %w", name, meta.ID, err)
			}
		}
		if c.hasPass {
			if c.pass, err = e.prepare(c.pkg, "pass"); err != nil {
				return fmt.Errorf("%s: prepare check %s: %w", name, meta.ID, err)
			}
		}
		e.checks = append(e.checks, c)
	}
	sort.Slice(e.checks, func(i, j int) bool { return e.checks[i].ID < e.checks[j].ID })
	return nil
}

func (e *Engine) prepare(pkg ast.Ref, rule string) (rego.PreparedEvalQuery, error) {
	ref := pkg.Copy().Append(ast.StringTerm(rule))
	return rego.New(
		rego.ParsedQuery(ast.NewBody(ast.NewExpr(ast.NewTerm(ref)))),
		rego.Compiler(e.compiler),
		rego.StrictBuiltinErrors(true),
	).PrepareForEval(contextBackground())
}

// Checks returns the loaded checks, sorted by id.
func (e *Engine) Checks() []*Check { return e.checks }

// Metadata returns the reportable metadata of every loaded check, sorted by id.
func (e *Engine) Metadata() []findings.Check {
	out := make([]findings.Check, len(e.checks))
	for i, c := range e.checks {
		out[i] = c.Check
	}
	return out
}

// isLibrary tells shared helper modules (package incloud.lib...) from checks.
func isLibrary(m *ast.Module) bool {
	p := m.Package.Path.String()
	return strings.HasPrefix(p, "data.incloud.lib.") || p == "data.incloud.lib"
}

func isTestFile(name string) bool { return strings.HasSuffix(name, "_test.rego") }

// readRego returns the .rego files below root in fsys, named prefix/relative-path.
func readRego(fsys fs.FS, root, prefix string, withTests bool) ([]source, error) {
	var out []source
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".rego") || (!withTests && isTestFile(p)) {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		out = append(out, source{name: filepath.ToSlash(path.Join(prefix, p)), src: b})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read policies from %s: %w", prefix, err)
	}
	return out, nil
}

// schemaIndex maps a resource type to its decoded JSON Schema.
type schemaIndex map[string]map[string]any

func loadSchemas(fsys fs.FS, dir string) (schemaIndex, error) {
	all, err := snapshot.LoadSchemas(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("load resource schemas: %w", err)
	}
	idx := schemaIndex{}
	for _, p := range all.Providers() {
		for _, t := range all.Types(p) {
			idx[t], _ = all.Schema(t)
		}
	}
	return idx, nil
}

func (s schemaIndex) hasType(t string) bool { _, ok := s[t]; return ok }

func (s schemaIndex) hasAttr(t, attr string) bool {
	props, _ := s[t]["properties"].(map[string]any)
	_, ok := props[attr]
	return ok
}

func (s schemaIndex) types(provider string) []string {
	var out []string
	for t := range s {
		if strings.HasPrefix(t, provider+"_") {
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

// inputSchemaSet builds the schema of the whole snapshot document (the policies' input) from the
// per-type schemas, so that OPA's type checker rejects references to attributes that don't exist.
func (s schemaIndex) inputSchemaSet() *ast.SchemaSet {
	resources := map[string]any{}
	for t, sch := range s {
		resources[t] = map[string]any{"type": "array", "items": withoutNull(sch)}
	}
	str := map[string]any{"type": "string"}
	strList := map[string]any{"type": "array", "items": str}
	input := map[string]any{
		"type": "object",
		"properties": map[string]any{
			"schema_version": str,
			"provider":       str,
			"account":        str,
			"collected_at":   str,
			"complete":       map[string]any{"type": "boolean"},
			"collector": map[string]any{"type": "object", "properties": map[string]any{
				"name": str, "version": str,
			}},
			"scope": map[string]any{"type": "object", "properties": map[string]any{
				"regions": strList, "services": strList,
			}},
			"resources": map[string]any{"type": "object", "properties": resources, "additionalProperties": false},
			"errors": map[string]any{"type": "array", "items": map[string]any{"type": "object", "properties": map[string]any{
				"resource_type": str, "resource_id": str, "region": str, "operation": str,
				"code": str, "message": str, "attributes": strList,
			}}},
		},
	}
	ss := ast.NewSchemaSet()
	ss.Put(ast.SchemaRootRef, input)
	return ss
}

// withoutNull copies a schema with "null" removed from every type list and without conditions. OPA's type checker keeps
// only the first non-null type of a list anyway, and would otherwise widen nullable attributes to
// "any", which hides typos in nested attribute names. Policies test for null with is_null(x).
func withoutNull(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			switch k {
			case "allOf", "if", "then", "else":
				// Conditions narrow nullable attributes: the type checker needs only the
				// properties (and reads them without null anyway).
				continue
			}
			if k == "type" {
				if list, ok := x.([]any); ok {
					var kept []any
					for _, t := range list {
						if t != "null" {
							kept = append(kept, t)
						}
					}
					switch len(kept) {
					case 0:
						continue
					case 1:
						out[k] = kept[0]
					default:
						out[k] = kept
					}
					continue
				}
			}
			out[k] = withoutNull(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = withoutNull(x)
		}
		return out
	}
	return v
}
