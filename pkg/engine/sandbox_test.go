package engine

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// TestPolicyDirCannotReadFiles is the regression test for issue 12 defect 2: a user check loaded
// with --policy-dir must not be able to read a local file through a JSON schema "$ref".
func TestPolicyDirCannotReadFiles(t *testing.T) {
	secretDir := t.TempDir()
	secret := filepath.Join(secretDir, "secret.json")
	const marker = "incloud-sandbox-secret-7f3a"
	if err := os.WriteFile(secret, []byte(`{"type": "object", "required": ["`+marker+`"]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, builtin := range []string{"json.match_schema", "json.verify_schema"} {
		t.Run(builtin, func(t *testing.T) {
			call := `json.match_schema({}, {"$ref": "file://` + secret + `"})`
			if builtin == "json.verify_schema" {
				call = `json.verify_schema({"$ref": "file://` + secret + `"})`
			}
			dir := t.TempDir()
			src := meta("aws-s3-leak", "aws_s3_bucket", "[public]") + `package incloud.aws.s3.leak

deny contains {"resource_id": b.id, "message": sprintf("%v", [` + call + `])} if {
	some b in input.resources.aws_s3_bucket
}
`
			if err := os.WriteFile(filepath.Join(dir, "leak.rego"), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			e, err := Load(Options{Builtin: testFS(nil), PolicyDirs: []string{dir}})
			if err == nil {
				rep, evalErr := e.Evaluate(context.Background(), testSnapshot())
				leaked := false
				if evalErr == nil {
					for _, r := range rep.Results {
						leaked = leaked || strings.Contains(r.Message, marker)
					}
				}
				t.Fatalf("a check calling %s loaded (file content leaked into messages: %v)", builtin, leaked)
			}
			if want := builtin + " is not allowed"; !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not say %q", err, want)
			}
			if strings.Contains(err.Error(), marker) {
				t.Errorf("the load error leaks the file content: %q", err)
			}
		})
	}
}

// TestEveryBuiltinIsClassified fails when the OPA version in go.mod has a builtin the sandbox table
// does not classify (an upgrade added one), or when the table names a builtin OPA no longer has.
func TestEveryBuiltinIsClassified(t *testing.T) {
	names := map[string]bool{}
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		names[b.Name] = true
	}
	for _, b := range ast.Builtins {
		names[b.Name] = true
	}
	counts := map[builtinClass]int{}
	for n := range names {
		r, ok := builtinRules[n]
		if !ok {
			t.Errorf("OPA builtin %s is not classified in pkg/engine/sandbox.go: decide whether checks may call it", n)
			continue
		}
		counts[r.class]++
	}
	for n, r := range builtinRules {
		if !names[n] {
			t.Errorf("sandbox table classifies %s, which this OPA does not have", n)
		}
		if r.why == "" {
			t.Errorf("%s: no reason given", n)
		}
		if _, wrapped := neuterers[n]; wrapped != (r.class == builtinNeutered) {
			t.Errorf("%s is %s but has wrapper=%v", n, r.class, wrapped)
		}
	}
	for n := range neuterers {
		if _, ok := builtinRules[n]; !ok {
			t.Errorf("wrapper for unclassified builtin %s", n)
		}
	}
	caps := map[string]bool{}
	for _, b := range sandboxCapabilities().Builtins {
		caps[b.Name] = true
	}
	for n, r := range builtinRules {
		if caps[n] == (r.class == builtinRemoved) {
			t.Errorf("%s is %s but in the capabilities=%v", n, r.class, caps[n])
		}
	}
	t.Logf("%d builtins: %d allowed, %d neutered, %d removed", len(names), counts[builtinAllowed], counts[builtinNeutered], counts[builtinRemoved])
}

// TestRemovedBuiltinsDoNotCompile loads a check calling each removed builtin.
func TestRemovedBuiltinsDoNotCompile(t *testing.T) {
	for _, name := range ForbiddenBuiltins() {
		decl := ast.BuiltinMap[name]
		args := make([]string, len(decl.Decl.FuncArgs().Args))
		for i := range args {
			args[i] = "null"
		}
		src := meta("aws-s3-removed", "aws_s3_bucket", "[public]") + `package incloud.aws.s3.removed

deny contains {"resource_id": "x", "message": sprintf("%v", [x])} if {
	x := ` + name + `(` + strings.Join(args, ", ") + `)
}
`
		_, err := Load(Options{Builtin: testFS(map[string]string{"aws/s3/removed.rego": src})})
		if err == nil || !strings.Contains(err.Error(), name+" is not allowed") {
			t.Errorf("%s: load error %v, want %q", name, err, name+" is not allowed")
		}
	}
}

// TestRemovedBuiltinsRefuseAtRuntime: even a compiler built without the sandbox's capabilities
// cannot run a removed builtin.
func TestRemovedBuiltinsRefuseAtRuntime(t *testing.T) {
	for _, name := range ForbiddenBuiltins() {
		f := topdown.GetBuiltin(name)
		if f == nil {
			t.Errorf("%s: no implementation registered", name)
			continue
		}
		err := f(topdown.BuiltinContext{Context: context.Background()}, nil, func(*ast.Term) error {
			t.Errorf("%s produced a value", name)
			return nil
		})
		if err == nil || !strings.Contains(err.Error(), "not allowed") {
			t.Errorf("%s: %v", name, err)
		}
	}
	// The original repro, evaluated by OPA without incloud's capabilities.
	secret := filepath.Join(t.TempDir(), "s.json")
	if err := os.WriteFile(secret, []byte(`{"required": ["incloud-sandbox-secret"]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	rs, err := rego.New(rego.Query(`x := json.match_schema({}, {"$ref": "file://` + secret + `"})`)).Eval(context.Background())
	if err == nil || strings.Contains(fmt.Sprint(rs), "incloud-sandbox-secret") {
		t.Errorf("json.match_schema still loads files: %v %v", rs, err)
	}
}

// TestSandboxRefusesMachineState: time zones other than UTC and zone abbreviations depend on the
// machine; the UTC forms keep working.
func TestSandboxRefusesMachineState(t *testing.T) {
	cases := []struct {
		expr, wantErr string
	}{
		{`time.date([0, "UTC"])`, ""},
		{`time.date(0)`, ""},
		{`time.clock([0, ""])`, ""},
		{`time.date([0, "America/New_York"])`, `time zone "America/New_York" is not allowed`},
		{`time.weekday([0, "Local"])`, `time zone "Local" is not allowed`},
		{`time.format([0, "Europe/Paris", "2006"])`, `time zone "Europe/Paris" is not allowed`},
		{`time.diff([0, "Asia/Tokyo"], 0)`, `time zone "Asia/Tokyo" is not allowed`},
		{`time.parse_ns("2006-01-02 MST", "2026-01-02 CET")`, "zone abbreviation"},
		{`time.parse_ns("2006-01-02", "2026-01-02")`, ""},
	}
	for _, c := range cases {
		_, err := rego.New(rego.Query("x := "+c.expr), rego.StrictBuiltinErrors(true)).Eval(context.Background())
		switch {
		case c.wantErr == "" && err != nil:
			t.Errorf("%s: %v", c.expr, err)
		case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
			t.Errorf("%s: error %v, want %q", c.expr, err, c.wantErr)
		}
	}
}

// TestAllowedDecodersStayBounded: yaml.unmarshal is allowed because its library refuses alias
// bombs; an OPA upgrade that loses that must reclassify it.
func TestAllowedDecodersStayBounded(t *testing.T) {
	bomb := "a: &a [x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		bomb += n + ": &" + n + " [" + strings.TrimSuffix(strings.Repeat("*"+prev+", ", 9), ", ") + "]\n"
		prev = n
	}
	_, err := rego.New(rego.Query(fmt.Sprintf("x := count(yaml.unmarshal(%q))", bomb)), rego.StrictBuiltinErrors(true)).Eval(context.Background())
	if err == nil || !strings.Contains(err.Error(), "aliasing") {
		t.Errorf("yaml.unmarshal of an alias bomb: %v", err)
	}
}
