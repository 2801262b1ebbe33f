package engine

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/snapshot"
	"github.com/incloud/incloud/policies"
)

// The tests in this file plant collection errors and nulls in the demo snapshots and assert that
// no check passes on data that was not read. They are generated from the checks' metadata, so a
// new check (of any provider with a demo snapshot) is covered without writing a test for it.

var builtin struct {
	once sync.Once
	e    *Engine
	v    *snapshot.Validator
	err  error
}

// builtinEngine loads the built-in checks and the schema validator once for the tests below.
func builtinEngine(t testing.TB) (*Engine, *snapshot.Validator) {
	t.Helper()
	builtin.once.Do(func() {
		if builtin.e, builtin.err = Load(Options{Builtin: policies.FS}); builtin.err != nil {
			return
		}
		builtin.v, builtin.err = snapshot.NewValidator(policies.FS, "schemas")
	})
	if builtin.err != nil {
		t.Fatal(builtin.err)
	}
	return builtin.e, builtin.v
}

// demos returns the demo snapshots (testdata/snapshots/*.json, not the expectations) by provider.
func demos(t testing.TB) map[string][]*snapshot.Snapshot {
	t.Helper()
	files, err := filepath.Glob("../../testdata/snapshots/*.json")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]*snapshot.Snapshot{}
	for _, f := range files {
		if strings.HasSuffix(f, ".expect.json") {
			continue
		}
		s, err := snapshot.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[s.Provider] = append(out[s.Provider], s)
	}
	if len(out) == 0 {
		t.Fatal("no demo snapshots")
	}
	return out
}

// runOne reads s as eval does (schema check included) and evaluates one check over it.
func runOne(t testing.TB, e *Engine, v *snapshot.Validator, s *snapshot.Snapshot, c *Check) ([]findings.Result, error) {
	t.Helper()
	d, err := s.Document()
	if err != nil {
		return nil, err
	}
	if err := v.Check(d); err != nil {
		return nil, err
	}
	rs, err := e.evaluateTarget(context.Background(), d, []*Check{c})
	if err != nil {
		t.Fatal(err)
	}
	return rs[0], nil
}

func checkByID(t testing.TB, e *Engine, id string) *Check {
	t.Helper()
	for _, c := range e.checks {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no check %s", id)
	return nil
}

func statusOf(rs []findings.Result, id string) findings.Status {
	for _, r := range rs {
		if r.ResourceID == id {
			return r.Status
		}
	}
	return ""
}

func findResource(t testing.TB, s *snapshot.Snapshot, typ, name string) snapshot.Resource {
	t.Helper()
	for _, r := range s.Resources[typ] {
		if r["name"] == name {
			return r
		}
	}
	t.Fatalf("no %s named %s in the demo", typ, name)
	return nil
}

// TestErrorScopeRegressions: the repros of issue 12 defect 1. An error entry with no resource id
// covers every resource of its type in its region ("us-east-1"), or in every region ("global",
// ""), so the attribute it names is never judged from a null.
func TestErrorScopeRegressions(t *testing.T) {
	e, v := builtinEngine(t)
	aws := demos(t)["aws"][0]
	if aws.Account != "123456789012" {
		aws = demos(t)["aws"][1]
	}
	tests := []struct {
		name, check, typ, resource, attr, region, operation string
		nullIt                                              bool
	}{
		{"RDS storage_encrypted, region-scoped Throttling", "aws-rds-encryption", "aws_rds_db_instance", "acme-reporting", "storage_encrypted", "us-east-1", "rds:DescribeDBInstances", true},
		{"IAM user mfa_active, global entry", "aws-iam-user-console-mfa", "aws_iam_user", "", "mfa_active", "global", "iam:ListMFADevices", true},
		{"VPC flow_logs, region-scoped DescribeFlowLogs", "aws-vpc-flow-logs", "aws_ec2_vpc", "", "flow_logs", "us-east-1", "ec2:DescribeFlowLogs", true},
		{"RDS storage_encrypted, whole-type entry", "aws-rds-encryption", "aws_rds_db_instance", "acme-reporting", "storage_encrypted", "", "rds:DescribeDBInstances", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := cloneSnapshot(t, aws)
			c := checkByID(t, e, tc.check)
			var r snapshot.Resource
			if tc.resource != "" {
				r = findResource(t, s, tc.typ, tc.resource)
			} else {
				for _, x := range s.Resources[tc.typ] {
					if tc.region == "global" || x.Region() == tc.region {
						r = x
						break
					}
				}
			}
			if r == nil {
				t.Fatalf("no %s in %s", tc.typ, tc.region)
			}
			before, err := runOne(t, e, v, s, c)
			if err != nil {
				t.Fatal(err)
			}
			if st := statusOf(before, r.ID()); st == findings.StatusError {
				t.Fatalf("%s is already an error before the fault", r.ID())
			}
			if tc.nullIt {
				r[tc.attr] = nil
			}
			s.AddError(snapshot.CollectionError{ResourceType: tc.typ, Region: tc.region, Operation: tc.operation,
				Code: "Throttling", Message: "Rate exceeded", Attributes: []string{tc.attr}})
			after, err := runOne(t, e, v, s, c)
			if err != nil {
				t.Fatalf("the validator refused a null its error covers: %v", err)
			}
			if st := statusOf(after, r.ID()); st != findings.StatusError {
				t.Errorf("%s on %s: %s, want error", tc.check, r.ID(), st)
			}
			for _, res := range after {
				if res.ResourceID == "" && strings.Contains(res.Message, "Rate exceeded") {
					t.Errorf("an attribute-level error became a \"could not list\" row: %+v", res)
				}
			}
		})
	}
}

// cloneSnapshot deep-copies a snapshot through JSON.
func cloneSnapshot(t testing.TB, s *snapshot.Snapshot) *snapshot.Snapshot {
	t.Helper()
	data, err := snapshot.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	c, err := snapshot.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// dependsOn tells whether check c's depends_on names attribute attr of type typ, or the whole type.
func dependsOn(c *Check, typ, attr string) bool {
	for _, d := range c.deps {
		if d.resourceType == typ && (d.attr == "" || d.attr == attr) {
			return true
		}
	}
	return false
}

// TestErrorsScopeToAttributes (issue 7 item 2): one failed call per attribute, on one resource,
// turns into error exactly the checks whose depends_on names that attribute (or its whole type);
// every other check keeps its status. The planted error does not change the input the checks
// read, so each check is evaluated once per demo and only its results are rebuilt per error.
func TestErrorsScopeToAttributes(t *testing.T) {
	e, v := builtinEngine(t)
	tried := 0
	type verdicts struct{ denied, unknown, passed map[string]*verdict }
	for provider, snaps := range demos(t) {
		var checks []*Check
		for _, c := range e.checks {
			if c.Provider == provider {
				checks = append(checks, c)
			}
		}
		for _, s := range snaps {
			d, err := s.Document()
			if err != nil {
				t.Fatal(err)
			}
			vs := make([]verdicts, len(checks))
			var base []findings.Result
			for i, c := range checks {
				denied, unknown, passed, err := e.evalCheck(context.Background(), c, d.Input)
				if err != nil {
					t.Fatalf("%s: %v", c.ID, err)
				}
				vs[i] = verdicts{denied, unknown, passed}
				base = append(base, buildResults(c, d, denied, unknown, passed, nil)...)
			}
			types := make([]string, 0, len(s.Resources))
			for typ := range s.Resources {
				types = append(types, typ)
			}
			sort.Strings(types)
			for _, typ := range types {
				if len(s.Resources[typ]) == 0 {
					continue
				}
				r := s.Resources[typ][0]
				for _, attr := range v.Attributes(typ) {
					if attr == "id" || attr == "name" || attr == "region" {
						continue
					}
					tried++
					ce := snapshot.CollectionError{ResourceType: typ, ResourceID: r.ID(), Region: r.Region(),
						Operation: "test:Get", Code: "AccessDenied", Attributes: []string{attr}}
					d2 := *d
					d2.Errors = append(append([]snapshot.CollectionError{}, d.Errors...), ce)
					d2.Coverage = snapshot.NewCoverage(d2.Errors)
					var got []findings.Result
					for i, c := range checks {
						got = append(got, buildResults(c, &d2, vs[i].denied, vs[i].unknown, vs[i].passed, nil)...)
					}
					compareScoped(t, checks, base, got, typ, attr, r.ID())
				}
			}
		}
	}
	t.Logf("%d planted failed calls (one per attribute of the first resource of every type in the demos)", tried)
	if tried == 0 {
		t.Fatal("nothing planted")
	}
}

// compareScoped asserts that exactly the checks depending on typ.attr changed, to error, on
// resource id (own type) or on every resource (other types).
func compareScoped(t *testing.T, checks []*Check, base, got []findings.Result, typ, attr, id string) {
	t.Helper()
	key := func(r findings.Result) string { return r.CheckID + "\x00" + r.ResourceID }
	was := map[string]findings.Status{}
	for _, r := range base {
		was[key(r)] = r.Status
	}
	byID := map[string]*Check{}
	for _, c := range checks {
		byID[c.ID] = c
	}
	for _, r := range got {
		c := byID[r.CheckID]
		affected := dependsOn(c, typ, attr) && (c.ResourceType != typ || r.ResourceID == id)
		switch {
		case affected && r.Status != findings.StatusError:
			t.Errorf("error on %s.%s of %s: %s on %s is %s, want error (it depends on it)", typ, attr, id, r.CheckID, r.ResourceID, r.Status)
		case !affected && r.Status != was[key(r)]:
			t.Errorf("error on %s.%s of %s: %s on %s became %s (was %s), though it does not depend on it", typ, attr, id, r.CheckID, r.ResourceID, r.Status, was[key(r)])
		}
	}
}

// scopeOf is one error scope of the fault-injection matrix.
type scopeOf struct {
	name string
	// entry makes the error entry for resource r; covers tells which resources it covers.
	entry func(typ string, r snapshot.Resource) snapshot.CollectionError
}

var faultScopes = []scopeOf{
	{"resource", func(typ string, r snapshot.Resource) snapshot.CollectionError {
		return snapshot.CollectionError{ResourceType: typ, ResourceID: r.ID(), Region: r.Region()}
	}},
	{"region", func(typ string, r snapshot.Resource) snapshot.CollectionError {
		return snapshot.CollectionError{ResourceType: typ, Region: r.Region()}
	}},
	{"account", func(typ string, r snapshot.Resource) snapshot.CollectionError {
		return snapshot.CollectionError{ResourceType: typ, Region: snapshot.GlobalRegion}
	}},
	{"type", func(typ string, r snapshot.Resource) snapshot.CollectionError {
		return snapshot.CollectionError{ResourceType: typ}
	}},
}

// TestFaultInjectionMatrix (issue 12): for every check, every attribute in its depends_on and
// every error scope (that resource, its region, its account, its whole type): null the attribute
// on the covered resources, add the error, and assert that the snapshot is accepted and the check
// passes on none of the affected resources. Then drop the errors array: the snapshot must be
// refused, or the null be data by the schema. Finally drop each resource type with a failed list
// call: no check depending on it passes. Only the check under test is evaluated, over a snapshot
// of just the types it reads.
func TestFaultInjectionMatrix(t *testing.T) {
	e, v := builtinEngine(t)
	all := demos(t)
	var tried, refusedWithoutErrors, dataNull, notCovered int
	for _, c := range e.checks {
		snaps := all[c.Provider]
		if len(snaps) == 0 {
			t.Errorf("%s: no demo snapshot for provider %s", c.ID, c.Provider)
			continue
		}
		for _, dep := range c.deps {
			// The demo with the most resources of the type the fault lands on.
			var s *snapshot.Snapshot
			for _, x := range snaps {
				if s == nil || len(x.Resources[dep.resourceType]) > len(s.Resources[dep.resourceType]) {
					s = x
				}
			}
			if len(s.Resources[dep.resourceType]) == 0 || len(s.Resources[c.ResourceType]) == 0 {
				notCovered++
				t.Logf("%s: %s.%s: no demo has resources of %s and %s", c.ID, dep.resourceType, dep.attr, dep.resourceType, c.ResourceType)
				continue
			}
			s = readsOnly(s, c)
			for _, sc := range faultScopes {
				for ri := range s.Resources[dep.resourceType] {
					tried++
					refused, isData := injectFault(t, e, v, s, c, dep, sc, ri)
					if refused {
						refusedWithoutErrors++
					}
					if isData {
						dataNull++
					}
					// Two resources at the resource scope, one at the wider scopes (which cover all
					// the resources of the region or type anyway).
					if sc.name != "resource" || ri >= 1 {
						break
					}
				}
			}
		}
	}
	dropped := dropEachType(t, e, v, all)
	dropErrorsArrays(t, e, v, all)
	t.Logf("fault-injection matrix: %d checks, %d (check, attribute, scope, resource) faults tried; without the errors array %d refused, %d null as data; %d dependencies with no demo resources; %d (check, dropped type) pairs", len(e.checks), tried, refusedWithoutErrors, dataNull, notCovered, dropped)
	if tried == 0 {
		t.Fatal("no fault tried")
	}
}

// readsOnly returns a copy of s holding only the resource types check c reads (and their errors).
func readsOnly(s *snapshot.Snapshot, c *Check) *snapshot.Snapshot {
	keep := map[string]bool{c.ResourceType: true}
	for _, d := range c.deps {
		keep[d.resourceType] = true
	}
	out := *s
	out.Resources = map[string][]snapshot.Resource{}
	for typ, rs := range s.Resources {
		if keep[typ] {
			out.Resources[typ] = rs
		}
	}
	out.Errors = nil
	for _, e := range s.Errors {
		if keep[e.ResourceType] {
			out.Errors = append(out.Errors, e)
		}
	}
	out.Complete = len(out.Errors) == 0
	return &out
}

// injectFault plants one fault and checks its outcome. It reports whether the snapshot without its
// errors array was refused, and whether it was accepted because the null is data by the schema.
func injectFault(t *testing.T, e *Engine, v *snapshot.Validator, s *snapshot.Snapshot, c *Check, dep dependency, sc scopeOf, ri int) (refused, isData bool) {
	t.Helper()
	typ := dep.resourceType
	target := s.Resources[typ][ri]
	ce := sc.entry(typ, target)
	ce.Operation, ce.Code, ce.Message = "test:Get", "AccessDenied", "planted by the fault-injection matrix"
	if dep.attr != "" {
		ce.Attributes = []string{dep.attr}
	}
	// Null the attribute on every resource the error covers (copies: s is shared).
	f := *s
	f.Resources = map[string][]snapshot.Resource{}
	var covered []string
	for t2, rs := range s.Resources {
		f.Resources[t2] = rs
		if t2 != typ {
			continue
		}
		cp := make([]snapshot.Resource, len(rs))
		for i, r := range rs {
			cp[i] = r
			if ce.Covers(typ, r.ID(), r.Region()) {
				covered = append(covered, r.ID())
				if dep.attr != "" && !isIdentity(dep.attr) {
					m := make(snapshot.Resource, len(r))
					for k, x := range r {
						m[k] = x
					}
					m[dep.attr] = nil
					cp[i] = m
				}
			}
		}
		f.Resources[t2] = cp
	}
	f.Errors = append(append([]snapshot.CollectionError{}, s.Errors...), ce)
	f.Complete = false
	where := fmt.Sprintf("%s: %s.%s, %s scope (%s)", c.ID, typ, dep.attr, sc.name, target.ID())
	rs, err := runOne(t, e, v, &f, c)
	if err != nil {
		t.Errorf("%s: the snapshot was refused, though the error covers the null: %v", where, err)
		return false, false
	}
	for _, r := range rs {
		affected := !dep.own || slices.Contains(covered, r.ResourceID)
		if affected && r.Status == findings.StatusPass {
			t.Errorf("%s: %s passes on %s", where, c.ID, r.ResourceID)
		}
		if affected && r.Status != findings.StatusError && r.Status != findings.StatusFail {
			t.Errorf("%s: %s is %s on %s", where, c.ID, r.Status, r.ResourceID)
		}
	}
	if dep.attr == "" || isIdentity(dep.attr) {
		return false, false
	}
	// Without the planted error the nulls are unexplained (the demo's own errors stay: they
	// explain other nulls; TestDroppedErrorsArray drops them all).
	f.Errors, f.Complete = s.Errors, len(s.Errors) == 0
	demoCov := snapshot.NewCoverage(s.Errors)
	for _, id := range covered {
		for _, ce := range demoCov.Covering(typ, id, "") {
			if ce.LeavesUnknown(dep.attr) {
				return false, false // the demo's own error explains this null
			}
		}
	}
	rs, err = runOne(t, e, v, &f, c)
	if err != nil {
		named := strings.Contains(err.Error(), "."+dep.attr)
		for _, p := range map[bool][]error{false: v.Validate(&f)}[named] {
			named = named || strings.Contains(p.Error(), "."+dep.attr)
		}
		if !named {
			t.Errorf("%s, errors dropped: refused, but no problem names %s: %v", where, dep.attr, err)
		}
		return true, false
	}
	if !nullable(t, v, typ, dep.attr) {
		t.Errorf("%s, errors dropped: accepted a null the schema does not allow", where)
	}
	return false, true
}

func isIdentity(attr string) bool {
	return attr == "id" || attr == "name" || attr == "region" || attr == "tags"
}

// nullable tells whether a type's schema allows null for an attribute as data (in some state).
func nullable(t *testing.T, v *snapshot.Validator, typ, attr string) bool {
	t.Helper()
	sch, _ := v.Schema(typ)
	p, _ := sch["properties"].(map[string]any)[attr].(map[string]any)
	switch ty := p["type"].(type) {
	case string:
		return ty == "null"
	case []any:
		return slices.Contains(ty, any("null"))
	}
	return false
}

// dropEachType removes each resource type of each demo, recording its list call as failed: no
// check that reads the type passes, and checks of the type report the failed list.
func dropEachType(t *testing.T, e *Engine, v *snapshot.Validator, all map[string][]*snapshot.Snapshot) int {
	n := 0
	for _, snaps := range all {
		for _, s := range snaps {
			for typ := range s.Resources {
				for _, c := range e.checks {
					if c.Provider != s.Provider || !dependsOn(c, typ, "") && c.ResourceType != typ && !readsType(c, typ) {
						continue
					}
					n++
					f := *readsOnly(s, c)
					f.Resources = map[string][]snapshot.Resource{}
					for t2, rs := range readsOnly(s, c).Resources {
						if t2 != typ {
							f.Resources[t2] = rs
						}
					}
					f.Errors = append(append([]snapshot.CollectionError{}, f.Errors...), snapshot.CollectionError{
						ResourceType: typ, Operation: "test:List", Code: "AccessDenied"})
					f.Complete = false
					rs, err := runOne(t, e, v, &f, c)
					if err != nil {
						t.Errorf("%s without %s: refused: %v", c.ID, typ, err)
						continue
					}
					if len(rs) == 0 && c.ResourceType == typ {
						t.Errorf("%s without %s: no result says the list failed", c.ID, typ)
					}
					for _, r := range rs {
						if r.Status == findings.StatusPass {
							t.Errorf("%s without %s (list failed): passes on %s", c.ID, typ, r.ResourceID)
						}
					}
				}
			}
		}
	}
	return n
}

// dropErrorsArrays drops each demo's whole errors array: the snapshot is refused, or no result
// that was an error becomes a pass.
func dropErrorsArrays(t *testing.T, e *Engine, v *snapshot.Validator, all map[string][]*snapshot.Snapshot) {
	for _, snaps := range all {
		for _, s := range snaps {
			if len(s.Errors) == 0 {
				continue
			}
			before, err := s.Document()
			if err != nil {
				t.Fatal(err)
			}
			f := *s
			f.Errors, f.Complete = nil, true
			after, err := f.Document()
			if err != nil {
				t.Fatal(err)
			}
			if v.Check(after) != nil {
				continue // refused: the errors explained nulls
			}
			was, err := e.EvaluateTargets(context.Background(), before)
			if err != nil {
				t.Fatal(err)
			}
			now, err := e.EvaluateTargets(context.Background(), after)
			if err != nil {
				t.Fatal(err)
			}
			status := map[string]findings.Status{}
			for _, r := range was.Results {
				status[r.CheckID+"\x00"+r.ResourceID] = r.Status
			}
			for _, r := range now.Results {
				if r.Status == findings.StatusPass && status[r.CheckID+"\x00"+r.ResourceID] == findings.StatusError {
					t.Errorf("%s account %s without its errors array: %s passes on %s (was error)", s.Provider, s.Account, r.CheckID, r.ResourceID)
				}
			}
		}
	}
}

// readsType tells whether any of c's dependencies is on typ.
func readsType(c *Check, typ string) bool {
	for _, d := range c.deps {
		if d.resourceType == typ {
			return true
		}
	}
	return false
}

// TestDependsOnNamesSchema: every check's depends_on names a resource type that has a schema, or
// an attribute that its type's schema defines (read from the schemas, not from the loader).
func TestDependsOnNamesSchema(t *testing.T) {
	e, v := builtinEngine(t)
	n := 0
	for _, c := range e.checks {
		if !v.HasType(c.ResourceType) {
			t.Errorf("%s: resource_type %s has no schema", c.ID, c.ResourceType)
		}
		for _, d := range c.DependsOn {
			n++
			typ, attr, dotted := strings.Cut(d, ".")
			switch {
			case dotted && !v.HasAttribute(typ, attr):
				t.Errorf("%s: depends_on %q: %s has no attribute %s", c.ID, d, typ, attr)
			case !dotted && !v.HasType(d) && !v.HasAttribute(c.ResourceType, d):
				t.Errorf("%s: depends_on %q is neither a type nor an attribute of %s", c.ID, d, c.ResourceType)
			}
		}
	}
	if n == 0 {
		t.Fatal("no depends_on entries")
	}
}

// TestTrailTagErrorsLeaveLoggingChecksAlone (issue 7 item 2, as seen on a real-protocol run): a
// failed cloudtrail:ListTags leaves only the trails' tags unknown, so the checks that read the
// trails' selectors, logging state and log groups (S3 object logging, CIS metric filters, the
// multi-region trail) keep their statuses, while an error on the selectors still turns them into
// error.
func TestTrailTagErrorsLeaveLoggingChecksAlone(t *testing.T) {
	e, v := builtinEngine(t)
	aws := demos(t)["aws"][0]
	if aws.Account != "123456789012" {
		aws = demos(t)["aws"][1]
	}
	ids := []string{"aws-s3-object-read-logging", "aws-s3-object-write-logging", "aws-cloudwatch-root-usage", "aws-cloudtrail-multi-region"}
	for _, id := range ids {
		c := checkByID(t, e, id)
		before, err := runOne(t, e, v, aws, c)
		if err != nil {
			t.Fatal(err)
		}
		for _, attr := range []string{"tags", "event_selectors"} {
			s := cloneSnapshot(t, aws)
			var region string
			for _, tr := range s.Resources["aws_cloudtrail_trail"] {
				region = tr.Region()
				tr[attr] = nil
				s.AddError(snapshot.CollectionError{ResourceType: "aws_cloudtrail_trail", ResourceID: tr.ID(), Region: tr.Region(),
					Operation: "cloudtrail:Test", Code: "AccessDenied", Message: "denied", Attributes: []string{attr}})
			}
			if region == "" {
				t.Fatal("the demo has no trail")
			}
			after, err := runOne(t, e, v, s, c)
			if err != nil {
				t.Fatalf("%s with %s unknown: %v", id, attr, err)
			}
			if len(after) != len(before) || len(after) == 0 {
				t.Fatalf("%s: %d results before, %d after", id, len(before), len(after))
			}
			for i := range after {
				switch {
				case attr == "tags" && after[i].Status != before[i].Status:
					t.Errorf("%s on %s: %s after a tags error, %s before", id, after[i].ResourceID, after[i].Status, before[i].Status)
				case attr == "event_selectors" && after[i].Status == findings.StatusPass:
					t.Errorf("%s on %s passes though the trails' selectors are unknown", id, after[i].ResourceID)
				}
			}
		}
	}
}

// runChecks reads s as eval does (schema check included) and evaluates the checks with ids over it.
func runChecks(t *testing.T, e *Engine, v *snapshot.Validator, s *snapshot.Snapshot, ids []string) []findings.Result {
	t.Helper()
	checks := make([]*Check, len(ids))
	for i, id := range ids {
		checks[i] = checkByID(t, e, id)
	}
	d, err := s.Document()
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Check(d); err != nil {
		t.Fatalf("the snapshot was refused: %v", err)
	}
	rs, err := e.evaluateTarget(context.Background(), d, checks)
	if err != nil {
		t.Fatal(err)
	}
	return slices.Concat(rs...)
}

// demoOf returns the demo snapshot of a provider's account.
func demoOf(t *testing.T, provider, account string) *snapshot.Snapshot {
	t.Helper()
	for _, s := range demos(t)[provider] {
		if s.Account == account {
			return s
		}
	}
	t.Fatalf("no %s demo of account %s", provider, account)
	return nil
}

// plantAttrError records a failed call leaving attr unknown on the resources of typ that pick
// selects, and nulls it on them when null is set (identity attributes keep their values).
func plantAttrError(s *snapshot.Snapshot, typ, attr string, null bool, pick func(i int) bool) int {
	n := 0
	for i, r := range s.Resources[typ] {
		if !pick(i) {
			continue
		}
		n++
		if null && attr != "id" && attr != "name" && attr != "region" {
			r[attr] = nil
		}
		s.AddError(snapshot.CollectionError{ResourceType: typ, ResourceID: r.ID(), Region: r.Region(),
			Operation: "test:Get", Code: "AccessDenied", Message: "denied", Attributes: []string{attr}})
	}
	return n
}

var (
	gcpMonitoringChecks = []string{"gcp-monitoring-project-ownership-changes", "gcp-monitoring-audit-config-changes",
		"gcp-monitoring-custom-role-changes", "gcp-monitoring-firewall-changes", "gcp-monitoring-route-changes",
		"gcp-monitoring-network-changes", "gcp-monitoring-storage-iam-changes", "gcp-monitoring-sql-config-changes"}
	azureAlertChecks = []string{"azure-monitor-alert-create-policy-assignment", "azure-monitor-alert-delete-policy-assignment",
		"azure-monitor-alert-nsg-write", "azure-monitor-alert-nsg-delete", "azure-monitor-alert-sql-firewall-write",
		"azure-monitor-alert-sql-firewall-delete", "azure-monitor-alert-public-ip-write", "azure-monitor-alert-public-ip-delete",
		"azure-monitor-alert-security-solution-write", "azure-monitor-alert-security-solution-delete"}
)

// TestTagErrorsLeaveAlertChecksAlone: the GCP and Azure counterparts of
// TestTrailTagErrorsLeaveLoggingChecksAlone. Checks that read some attributes of another type (the
// CIS GCP 2.4-2.11 metric and alert checks, the CIS Azure 5.2 activity log alert checks, and the
// others that once named a whole type) keep their statuses when only the tags of that type's
// resources could not be read; they turn into error when an attribute they read could not be read
// on any one resource; and a failed list call of the type still makes every result an error that
// names the failed list, never a pass.
func TestTagErrorsLeaveAlertChecksAlone(t *testing.T) {
	e, v := builtinEngine(t)
	const azureSecure, azureAcme = "0b7e6d5c-4a3b-4c2d-9e1f-8a7b6c5d4e3f", "5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a"
	cases := []struct {
		provider, account string
		checks            []string
		typ               string
		reads             []string // attributes the checks read, each planted in turn
	}{
		{"gcp", "acme-data", gcpMonitoringChecks, "gcp_logging_metric", []string{"filter", "disabled", "name"}},
		{"gcp", "acme-data", gcpMonitoringChecks, "gcp_monitoring_alert_policy", []string{"condition_filters", "enabled", "notification_channels"}},
		{"gcp", "acme-prod", gcpMonitoringChecks, "gcp_monitoring_alert_policy", []string{"condition_filters"}},
		{"azure", azureSecure, azureAlertChecks, "azure_monitor_activity_log_alert", []string{"conditions", "enabled", "scopes"}},
		{"azure", azureAcme, azureAlertChecks, "azure_monitor_activity_log_alert", []string{"conditions"}},
		{"azure", azureSecure, []string{"azure-authorization-lock-admin-role"}, "azure_authorization_role_definition", []string{"permissions"}},
		{"azure", azureSecure, []string{"azure-entra-global-admin-count"}, "azure_entra_directory_role", []string{"role_template_id", "members"}},
		{"gcp", "acme-prod", []string{"gcp-apikeys-none"}, "gcp_apikeys_key", []string{"name"}},
		{"gcp", "acme-prod", []string{"gcp-compute-proxy-ssl-policy"}, "gcp_compute_ssl_policy", []string{"self_link", "profile", "min_tls_version", "enabled_features"}},
		{"gcp", "acme-data", []string{"gcp-dns-logging"}, "gcp_dns_policy", []string{"enable_logging", "networks"}},
		{"gcp", "acme-data", []string{"gcp-logging-sink-all-entries"}, "gcp_logging_sink", []string{"filter", "disabled"}},
	}
	key := func(r findings.Result) string { return r.CheckID + "\x00" + r.ResourceID }
	for _, tc := range cases {
		t.Run(tc.account+"/"+tc.typ, func(t *testing.T) {
			demo := demoOf(t, tc.provider, tc.account)
			if len(demo.Resources[tc.typ]) == 0 {
				t.Fatalf("the demo has no %s", tc.typ)
			}
			before := runChecks(t, e, v, demo, tc.checks)
			was := map[string]findings.Status{}
			for _, r := range before {
				if r.Status == findings.StatusError {
					t.Fatalf("%s on %s is already an error: %s", r.CheckID, r.ResourceID, r.Message)
				}
				was[key(r)] = r.Status
			}
			if len(was) == 0 {
				t.Fatal("no results")
			}

			// Only the tags of every resource of the type are unknown: nothing changes.
			s := cloneSnapshot(t, demo)
			plantAttrError(s, tc.typ, "tags", true, func(int) bool { return true })
			after := runChecks(t, e, v, s, tc.checks)
			if len(after) != len(before) {
				t.Fatalf("tags unknown: %d results, %d before", len(after), len(before))
			}
			for _, r := range after {
				if r.Status != was[key(r)] {
					t.Errorf("%s on %s: %s after a %s tags error, %s before: %s", r.CheckID, r.ResourceID, r.Status, tc.typ, was[key(r)], r.Message)
				}
			}

			// An attribute the checks read is unknown on one resource: every result is an error
			// saying so. The value is left in place, so that only depends_on can do this (a null
			// may fail the evaluation itself, which also gives errors).
			for _, attr := range tc.reads {
				s := cloneSnapshot(t, demo)
				plantAttrError(s, tc.typ, attr, false, func(i int) bool { return i == 0 })
				for _, r := range runChecks(t, e, v, s, tc.checks) {
					if r.Status != findings.StatusError || !strings.Contains(r.Message, "depends on data that could not be collected") {
						t.Errorf("%s on %s is %s though %s.%s of %s is unknown: %s", r.CheckID, r.ResourceID, r.Status, tc.typ, attr, demo.Resources[tc.typ][0].ID(), r.Message)
					}
				}
			}

			// The list call failed (in the whole project or subscription, or its "global"
			// region): the type's resources are missing, and every result is an error.
			for _, region := range []string{"", snapshot.GlobalRegion} {
				s := cloneSnapshot(t, demo)
				s.Resources[tc.typ] = []snapshot.Resource{}
				s.AddError(snapshot.CollectionError{ResourceType: tc.typ, Region: region, Operation: "test:List", Code: "AccessDenied", Message: "denied"})
				rs := runChecks(t, e, v, s, tc.checks)
				if len(rs) != len(before) {
					t.Errorf("%s list failed in %q: %d results, %d before", tc.typ, region, len(rs), len(before))
				}
				for _, r := range rs {
					if r.Status != findings.StatusError || !strings.Contains(r.Message, "the "+tc.typ+" list") {
						t.Errorf("%s list failed in %q: %s on %s is %s: %s", tc.typ, region, r.CheckID, r.ResourceID, r.Status, r.Message)
					}
				}
			}
		})
	}
}

// TestDefaultNetworkTagErrorLeavesItAlone: gcp-compute-default-network reads its networks' names
// and subnet modes, not the whole network, so an error on another attribute of the default network
// (its tags, its self_link read by gcp-dns-logging) leaves its fail alone; an error on its subnet
// mode or a failed network list still makes it an error.
func TestDefaultNetworkTagErrorLeavesItAlone(t *testing.T) {
	e, v := builtinEngine(t)
	const id = "gcp-compute-default-network"
	demo := demoOf(t, "gcp", "acme-prod")
	def := findResource(t, demo, "gcp_compute_network", "default").ID()
	isDefault := func(s *snapshot.Snapshot) func(int) bool {
		return func(i int) bool { return s.Resources["gcp_compute_network"][i].ID() == def }
	}
	if st := statusOf(runChecks(t, e, v, demo, []string{id}), def); st != findings.StatusFail {
		t.Fatalf("%s on the default network is %s, want fail", id, st)
	}
	for attr, want := range map[string]findings.Status{"tags": findings.StatusFail, "self_link": findings.StatusFail, "subnet_mode": findings.StatusError} {
		s := cloneSnapshot(t, demo)
		if plantAttrError(s, "gcp_compute_network", attr, true, isDefault(s)) != 1 {
			t.Fatal("the default network was not found")
		}
		if st := statusOf(runChecks(t, e, v, s, []string{id}), def); st != want {
			t.Errorf("%s with the default network's %s unknown: %s, want %s", id, attr, st, want)
		}
	}
	s := cloneSnapshot(t, demo)
	s.Resources["gcp_compute_network"] = []snapshot.Resource{}
	s.AddError(snapshot.CollectionError{ResourceType: "gcp_compute_network", Region: snapshot.GlobalRegion, Operation: "test:List", Code: "AccessDenied"})
	rs := runChecks(t, e, v, s, []string{id})
	if len(rs) != 1 || rs[0].Status != findings.StatusError || rs[0].ResourceID != "" {
		t.Errorf("%s with the network list failed: %+v, want one error row for the list", id, rs)
	}
}

// TestUndeclaredAttributesDecideNothing guards depends_on against naming too little: for every
// check and demo, nulling every attribute of every resource type that the check's depends_on does
// not name (identity aside: id, name, region) leaves what it denies and cannot decide unchanged. A
// check whose verdict moved reads an attribute it does not declare, so an error on that attribute
// would not turn its results into error; the attributes to blame are found one by one.
func TestUndeclaredAttributesDecideNothing(t *testing.T) {
	e, _ := builtinEngine(t)
	all := demos(t)
	evaluated := 0
	for _, c := range e.checks {
		for _, s := range all[c.Provider] {
			base := verdictSet(t, e, c, s)
			if verdictSet(t, e, c, nullUndeclared(s, c, "")) == base {
				evaluated++
				continue
			}
			var blame []string
			for _, ta := range undeclared(s, c) {
				if verdictSet(t, e, c, nullUndeclared(s, c, ta)) != base {
					blame = append(blame, ta)
				}
			}
			t.Errorf("%s (%s): its verdicts on %s account %s change when attributes it does not declare are null: add %v to its depends_on", c.ID, c.Source, s.Provider, s.Account, blame)
		}
	}
	if evaluated == 0 {
		t.Fatal("nothing evaluated")
	}
}

// undeclared lists the attributes (type.attr) present in s that c's depends_on does not name.
func undeclared(s *snapshot.Snapshot, c *Check) []string {
	seen := map[string]bool{}
	var out []string
	for typ, rs := range s.Resources {
		for _, r := range rs {
			for attr := range r {
				ta := typ + "." + attr
				if attr == "id" || attr == "name" || attr == "region" || seen[ta] {
					continue
				}
				seen[ta] = true
				if !dependsOn(c, typ, attr) {
					out = append(out, ta)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// nullUndeclared returns a copy of s with the attributes c does not declare null: all of them, or
// only typeAttr ("type.attr") when it is not "".
func nullUndeclared(s *snapshot.Snapshot, c *Check, typeAttr string) *snapshot.Snapshot {
	out := *s
	out.Resources = make(map[string][]snapshot.Resource, len(s.Resources))
	for typ, rs := range s.Resources {
		cp := make([]snapshot.Resource, len(rs))
		for i, r := range rs {
			m := make(snapshot.Resource, len(r))
			for attr, x := range r {
				m[attr] = x
				if attr == "id" || attr == "name" || attr == "region" || dependsOn(c, typ, attr) {
					continue
				}
				if typeAttr == "" || typeAttr == typ+"."+attr {
					m[attr] = nil
				}
			}
			cp[i] = m
		}
		out.Resources[typ] = cp
	}
	return &out
}

// verdictSet evaluates c over s (no schema check: the nulls are deliberate) and returns the ids it
// denies and cannot decide, as one comparable string.
func verdictSet(t *testing.T, e *Engine, c *Check, s *snapshot.Snapshot) string {
	t.Helper()
	d, err := s.Document()
	if err != nil {
		t.Fatal(err)
	}
	denied, unknown, _, err := e.evalCheck(context.Background(), c, d.Input)
	if err != nil {
		return "evaluation failed: " + err.Error()
	}
	var ids []string
	for id := range denied {
		ids = append(ids, "deny "+id)
	}
	for id := range unknown {
		ids = append(ids, "unknown "+id)
	}
	sort.Strings(ids)
	return strings.Join(ids, "\n")
}
