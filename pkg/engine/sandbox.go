package engine

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// The policy sandbox. Every builtin of the OPA version in go.mod is classified here, and a test
// fails when an OPA upgrade brings a builtin nobody classified:
//
//   - allowed: a pure function of its arguments (no file system, network, environment, clock or
//     randomness) whose result is at most proportional to its arguments.
//   - removed: left out of the policies' capabilities, so a check calling it does not compile; its
//     implementation is also replaced by one that stops the evaluation, in case a compiler is ever
//     built without these capabilities.
//   - neutered: kept, but its implementation is wrapped: the size of what it would produce is
//     charged to the check's allocation budget before it runs (see limits.go), or arguments that
//     would make it read the machine's state are refused.

type builtinClass int

const (
	builtinAllowed builtinClass = iota + 1
	builtinRemoved
	builtinNeutered
)

func (c builtinClass) String() string {
	switch c {
	case builtinAllowed:
		return "allowed"
	case builtinRemoved:
		return "removed"
	case builtinNeutered:
		return "neutered"
	}
	return "unclassified"
}

type builtinRule struct {
	class builtinClass
	why   string
}

// builtinRules classifies every builtin by name.
var builtinRules = classifyBuiltins(
	group(builtinAllowed, "pure: compares, tests or combines values, result at most proportional to the arguments",
		"abs", "and", "assign", "contains", "count", "endswith", "eq", "equal", "gt", "gte", "indexof", "indexof_n",
		"internal.member_2", "internal.member_3", "intersection", "is_array", "is_boolean", "is_null", "is_number",
		"is_object", "is_set", "is_string", "lower", "lt", "lte", "max", "min", "neq", "or", "sort",
		"startswith", "strings.any_prefix_match", "strings.any_suffix_match", "strings.count", "strings.reverse",
		"substring", "to_number", "trim", "trim_left", "trim_prefix", "trim_right", "trim_space", "trim_suffix",
		"type_name", "union", "upper", "array.reverse", "array.slice", "walk"),
	group(builtinAllowed, "pure: reads or rebuilds objects, result at most proportional to the arguments",
		"object.filter", "object.get", "object.keys", "object.remove", "object.subset", "object.union",
		"object.union_n", "json.filter", "json.patch", "json.remove", "graph.reachable"),
	group(builtinAllowed, "pure: decodes or validates a string, result proportional to the argument",
		"base64.decode", "base64.is_valid", "base64url.decode", "hex.decode", "json.is_valid", "json.unmarshal",
		"urlquery.decode", "urlquery.decode_object", "urlquery.encode",
		"urlquery.encode_object", "uri.is_valid", "uri.parse", "units.parse", "units.parse_bytes",
		"semver.compare", "semver.is_valid", "uuid.parse", "glob.quote_meta", "regex.is_valid", "net.cidr_contains", "net.cidr_contains_matches",
		"net.cidr_intersects", "net.cidr_is_valid", "net.cidr_merge", "time.parse_duration_ns",
		"time.parse_rfc3339_ns", "time.add_date"),
	group(builtinAllowed, "pure: decodes YAML; the YAML library refuses documents with excessive aliasing (\"billion laughs\")",
		"yaml.is_valid", "yaml.unmarshal"),
	group(builtinAllowed, "pure: matches patterns (RE2, linear time); OPA caches at most 100 compiled patterns of each kind",
		"regex.match", "regex.template_match", "glob.match"),
	group(builtinAllowed, "pure: hashes, HMACs and signature checks of given strings (no key or certificate is fetched, no clock is read)",
		"crypto.hmac.equal", "crypto.hmac.md5", "crypto.hmac.sha1", "crypto.hmac.sha256", "crypto.hmac.sha512",
		"crypto.md5", "crypto.sha1", "crypto.sha256", "crypto.parse_private_keys",
		"crypto.x509.parse_certificate_request", "crypto.x509.parse_certificates", "crypto.x509.parse_keypair",
		"crypto.x509.parse_rsa_private_key", "io.jwt.decode", "io.jwt.verify_eddsa", "io.jwt.verify_es256",
		"io.jwt.verify_es384", "io.jwt.verify_es512", "io.jwt.verify_hs256", "io.jwt.verify_hs384",
		"io.jwt.verify_hs512", "io.jwt.verify_ps256", "io.jwt.verify_ps384", "io.jwt.verify_ps512",
		"io.jwt.verify_rs256", "io.jwt.verify_rs384", "io.jwt.verify_rs512"),
	group(builtinAllowed, "reads only the policy being evaluated",
		"rego.metadata.chain", "rego.metadata.rule", "rego.parse_module"),
	group(builtinAllowed, "compiled out: print statements are disabled, so print calls are erased",
		"print", "internal.print"),
	group(builtinAllowed, "used by the Rego test runner only",
		"internal.test_case"),

	group(builtinRemoved, "it reaches the network", "http.send"),
	group(builtinRemoved, "it reaches the network (DNS)", "net.lookup_ip_addr"),
	group(builtinRemoved, "it reads the runtime environment (environment variables, configuration)", "opa.runtime"),
	group(builtinRemoved, "it reads the wall clock (use data.incloud.lib.time, which uses the snapshot's collected_at)", "time.now_ns"),
	group(builtinRemoved, "it is random", "rand.intn", "uuid.rfc4122"),
	group(builtinRemoved, "it reads the wall clock", "io.jwt.decode_verify", "crypto.x509.parse_and_verify_certificates",
		"crypto.x509.parse_and_verify_certificates_with_options"),
	group(builtinRemoved, "its signatures are random and checks do not sign anything", "io.jwt.encode_sign", "io.jwt.encode_sign_raw"),
	group(builtinRemoved, "it reads the wall clock and signs with credentials", "providers.aws.sign_req"),
	group(builtinRemoved, "it loads \"$ref\" schemas from the file system and the network", "json.match_schema", "json.verify_schema"),
	group(builtinRemoved, "it writes to the evaluation trace", "trace"),
	group(builtinRemoved, "its output is not bounded by its arguments (templates can loop)", "strings.render_template"),
	group(builtinRemoved, "the number of paths it returns can grow exponentially (use graph.reachable)", "graph.reachable_paths"),
	group(builtinRemoved, "cloud configuration checks do not parse GraphQL, and validating hostile GraphQL costs super-linear time",
		"graphql.is_valid", "graphql.parse", "graphql.parse_and_verify", "graphql.parse_query", "graphql.parse_schema",
		"graphql.schema_is_valid"),
	group(builtinRemoved, "intersecting regular expressions costs super-linear time and checks do not need it", "regex.globs_match"),
	group(builtinRemoved, "it is deprecated (Rego v1 rejects it)", "all", "any", "re_match", "set_diff", "cast_array",
		"cast_boolean", "cast_null", "cast_object", "cast_set", "cast_string", "net.cidr_overlap"),

	group(builtinNeutered, "its output size is charged to the check's allocation budget before it runs",
		"numbers.range", "numbers.range_step", "concat", "array.concat", "array.flatten", "sprintf",
		"internal.template_string", "replace", "strings.replace_n", "regex.replace", "split", "strings.split_n",
		"regex.split", "regex.find_n", "regex.find_all_string_submatch_n", "net.cidr_expand", "base64.encode",
		"base64url.encode", "base64url.encode_no_pad", "hex.encode", "json.marshal", "json.marshal_with_options",
		"yaml.marshal", "format_int"),
	group(builtinNeutered, "its numeric arguments are limited in size, so that repeated arithmetic cannot grow numbers without bound",
		"plus", "minus", "mul", "div", "rem", "round", "ceil", "floor", "sum", "product",
		"bits.and", "bits.or", "bits.xor", "bits.negate", "bits.lsh", "bits.rsh"),
	group(builtinNeutered, "time zones other than UTC are refused: they read the machine's time zone database or local zone",
		"time.clock", "time.date", "time.weekday", "time.diff", "time.format"),
	group(builtinNeutered, "layouts with a zone abbreviation (MST) are refused: their meaning depends on the machine's local zone",
		"time.parse_ns"),
)

type builtinGroup struct {
	rule  builtinRule
	names []string
}

func group(class builtinClass, why string, names ...string) builtinGroup {
	return builtinGroup{rule: builtinRule{class: class, why: why}, names: names}
}

func classifyBuiltins(groups ...builtinGroup) map[string]builtinRule {
	out := map[string]builtinRule{}
	for _, g := range groups {
		for _, n := range g.names {
			if prev, dup := out[n]; dup {
				panic(fmt.Sprintf("engine sandbox: builtin %s classified twice (%s, %s)", n, prev.class, g.rule.class))
			}
			out[n] = g.rule
		}
	}
	return out
}

func init() {
	for name, rule := range builtinRules {
		orig := topdown.GetBuiltin(name)
		switch {
		case rule.class == builtinRemoved:
			topdown.RegisterBuiltinFunc(name, refused(name, rule.why))
		case rule.class == builtinNeutered && orig != nil:
			wrap, ok := neuterers[name]
			if !ok {
				panic("engine sandbox: neutered builtin " + name + " has no wrapper")
			}
			topdown.RegisterBuiltinFunc(name, wrap(name, orig))
			// The wrapper reads the evaluation's context (its allocation budget), which OPA
			// leaves out of the calls of builtins declared not to need it.
			if decl := ast.BuiltinMap[name]; decl != nil {
				decl.CanSkipBctx = false
			}
		}
	}
}

// refused replaces a removed builtin's implementation.
func refused(name, why string) topdown.BuiltinFunc {
	return func(topdown.BuiltinContext, []*ast.Term, func(*ast.Term) error) error {
		return topdown.Halt{Err: fmt.Errorf("%s is not allowed in incloud policies: %s", name, why)}
	}
}

// sandboxCapabilities returns this OPA's capabilities without the removed builtins (and without
// any builtin nobody classified), with no network access allowed.
func sandboxCapabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if r, ok := builtinRules[b.Name]; ok && r.class != builtinRemoved {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}

// ForbiddenBuiltins lists the builtins policies may not call, sorted.
func ForbiddenBuiltins() []string {
	var names []string
	for n, r := range builtinRules {
		if r.class == builtinRemoved {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

var undefinedFunction = regexp.MustCompile(`undefined function ([A-Za-z0-9_.]+)`)

// explainCompileErrors rewrites OPA's "undefined function" errors for removed builtins into a
// message that says why the builtin is not there.
func explainCompileErrors(errs ast.Errors) error {
	lines := make([]string, 0, len(errs))
	for _, e := range errs {
		msg := e.Message
		if m := undefinedFunction.FindStringSubmatch(msg); m != nil {
			if r, ok := builtinRules[m[1]]; ok && r.class == builtinRemoved {
				msg = fmt.Sprintf("%s is not allowed in incloud policies: %s; checks run sandboxed and must be deterministic", m[1], r.why)
			} else if _, known := ast.BuiltinMap[m[1]]; known && !ok {
				msg = fmt.Sprintf("%s is not allowed in incloud policies: this OPA builtin has not been reviewed for the sandbox", m[1])
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
