package engine

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// forbiddenBuiltins are left out of the policies' capabilities: they reach the network, read the
// wall clock or the runtime, or are random. Checks must give the same answer for the same snapshot.
var forbiddenBuiltins = map[string]string{
	"http.send":            "it reaches the network",
	"net.lookup_ip_addr":   "it reaches the network (DNS)",
	"opa.runtime":          "it reads the runtime environment",
	"time.now_ns":          "it reads the wall clock (use data.incloud.lib.time, which uses the snapshot's collected_at)",
	"rand.intn":            "it is random",
	"uuid.rfc4122":         "it is random",
	"uuid.parse":           "it is not needed by checks and is kept out with uuid.rfc4122",
	"io.jwt.decode_verify": "it reads the wall clock",
	"crypto.x509.parse_and_verify_certificates":              "it reads the wall clock",
	"crypto.x509.parse_and_verify_certificates_with_options": "it reads the wall clock",
	"providers.aws.sign_req":                                 "it reads the wall clock",
	"trace":                                                  "it writes to the evaluation trace",
}

// sandboxCapabilities returns this OPA's capabilities without the forbidden builtins and with no
// network access allowed.
func sandboxCapabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if _, bad := forbiddenBuiltins[b.Name]; bad {
			continue
		}
		kept = append(kept, b)
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}

// ForbiddenBuiltins lists the builtins policies may not call, sorted.
func ForbiddenBuiltins() []string {
	names := make([]string, 0, len(forbiddenBuiltins))
	for n := range forbiddenBuiltins {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

var undefinedFunction = regexp.MustCompile(`undefined function ([A-Za-z0-9_.]+)`)

// explainCompileErrors rewrites OPA's "undefined function" errors for forbidden builtins into a
// message that says why the builtin is not there.
func explainCompileErrors(errs ast.Errors) error {
	lines := make([]string, 0, len(errs))
	for _, e := range errs {
		msg := e.Message
		if m := undefinedFunction.FindStringSubmatch(msg); m != nil {
			if why, ok := forbiddenBuiltins[m[1]]; ok {
				msg = fmt.Sprintf("%s is not allowed in incloud policies: %s; checks run sandboxed and must be deterministic", m[1], why)
			}
		}
		loc := ""
		if e.Location != nil {
			loc = fmt.Sprintf("%s:%d: ", e.Location.File, e.Location.Row)
		}
		if e.Details != nil {
			nullMatch := false
			for _, d := range e.Details.Lines() {
				msg += "\n      " + d
				nullMatch = nullMatch || strings.HasSuffix(strings.TrimSpace(d), ": null")
			}
			if nullMatch {
				msg += "\n      hint: snapshot attributes are type-checked as their non-null type; test for null with is_null(x)"
			}
		}
		lines = append(lines, loc+msg)
	}
	return fmt.Errorf("policies failed to compile:\n  %s", strings.Join(lines, "\n  "))
}
