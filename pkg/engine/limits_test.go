package engine

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/incloud/incloud/pkg/findings"
)

// TestHostileChecksHitTheAllocationLimit is the regression test for issue 12 defect 9: checks that
// would allocate without bound become `error` results of that check with a clear message, and the
// other checks still run. The checks marked cheap stop before allocating anything under the
// default budget; the others run under a 64 MiB budget to keep the test's memory small.
func TestHostileChecksHitTheAllocationLimit(t *testing.T) {
	cheap := map[string]bool{"range": true, "range-step": true, "cidr-expand": true, "squaring": true}
	t.Run("default budget", func(t *testing.T) { hostile(t, 0, func(name string) bool { return cheap[name] }) })
	t.Run("64 MiB budget", func(t *testing.T) { hostile(t, 64<<20, func(string) bool { return true }) })
}

func hostile(t *testing.T, budget int64, use func(name string) bool) {
	bodies := map[string]string{
		"range":      `count(numbers.range(1, 1000000000)) > 0`,
		"range-step": `count(numbers.range_step(0, 100000000000, 2)) > 0`,
		"concat": `s0 := concat("", ["0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"])
	s1 := concat("", [s0, s0, s0, s0, s0, s0, s0, s0, s0, s0, s0, s0, s0, s0, s0, s0])
	s2 := concat("", [s1, s1, s1, s1, s1, s1, s1, s1, s1, s1, s1, s1, s1, s1, s1, s1])
	s3 := concat("", [s2, s2, s2, s2, s2, s2, s2, s2, s2, s2, s2, s2, s2, s2, s2, s2])
	s4 := concat("", [s3, s3, s3, s3, s3, s3, s3, s3, s3, s3, s3, s3, s3, s3, s3, s3])
	s5 := concat("", [s4, s4, s4, s4, s4, s4, s4, s4, s4, s4, s4, s4, s4, s4, s4, s4])
	s6 := concat("", [s5, s5, s5, s5, s5, s5, s5, s5, s5, s5, s5, s5, s5, s5, s5, s5])
	s7 := concat("", [s6, s6, s6, s6, s6, s6, s6, s6, s6, s6, s6, s6, s6, s6, s6, s6])
	count(s7) > 0`,
		"sprintf-padding": `x := [sprintf("%0999999d%0999999d", [i, i]) | some i in numbers.range(1, 100000)]
	count(x) > 0`,
		"replace": `s := replace("abcdefghijklmnopqrstuvwxyz", "", "0123456789012345678901234567890123456789")
	s2 := replace(s, "", s)
	s3 := replace(s2, "", s2)
	count(s3) > 0`,
		"array-concat": `a0 := numbers.range(1, 1000)
	a1 := array.concat(a0, a0)
	xs := [array.concat(a1, a1) | some i in numbers.range(1, 100000)]
	count(xs) > 0`,
		"cidr-expand": `count(net.cidr_expand("10.0.0.0/0")) > 0`,
		"split": `s1 := replace("abcdefghijklmnopqrstuvwxyz", "", "0123456789")
	s2 := replace(s1, "", "0123456789")
	s3 := replace(s2, "", "0123456789")
	s4 := replace(s3, "", "0123456789")
	s5 := replace(s4, "", "0123456789")
	count(split(s5, "")) > 0`,
		"squaring": `x0 := 1000000000000000000000000000000
	x1 := x0 * x0
	x2 := x1 * x1
	x3 := x2 * x2
	x4 := x3 * x3
	x5 := x4 * x4
	x6 := x5 * x5
	x7 := x6 * x6
	x8 := x7 * x7
	x9 := x8 * x8
	x10 := x9 * x9
	x11 := x10 * x10
	x12 := x11 * x11
	x13 := x12 * x12
	x14 := x13 * x13
	x15 := x14 * x14
	x16 := x15 * x15
	x17 := x16 * x16
	x18 := x17 * x17
	x19 := x18 * x18
	x20 := x19 * x19
	x21 := x20 * x20
	x22 := x21 * x21
	x23 := x22 * x22
	x24 := x23 * x23
	x25 := x24 * x24
	x26 := x25 * x25
	x27 := x26 * x26
	x28 := x27 * x27
	x29 := x28 * x28
	x30 := x29 * x29
	x30 > 0`,
		"marshal-sharing": `s := replace("abcdefghijklmnopqrstuvwxyz", "", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
	v1 := [s]
	v2 := [v1, v1, v1, v1, v1, v1, v1, v1]
	v3 := [v2, v2, v2, v2, v2, v2, v2, v2]
	v4 := [v3, v3, v3, v3, v3, v3, v3, v3]
	v5 := [v4, v4, v4, v4, v4, v4, v4, v4]
	v6 := [v5, v5, v5, v5, v5, v5, v5, v5]
	count(json.marshal(v6)) > 0`,
	}
	files := map[string]string{"aws/s3/not_public.rego": publicCheck}
	for name, body := range bodies {
		if !use(name) {
			delete(bodies, name)
			continue
		}
		pkg := strings.ReplaceAll(name, "-", "_")
		files["aws/s3/"+pkg+".rego"] = meta("aws-s3-hostile-"+name, "aws_s3_bucket", "[public]") + `package incloud.aws.s3.hostile_` + pkg + `

deny contains {"resource_id": b.id, "message": "x"} if {
	some b in input.resources.aws_s3_bucket
	` + body + `
}
`
	}
	e, err := Load(Options{Builtin: testFS(files), CheckTimeout: 2 * time.Minute, AllocationBudget: budget})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	rep, err := e.Evaluate(context.Background(), testSnapshot())
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range rep.Results {
		if !strings.HasPrefix(r.CheckID, "aws-s3-hostile-") {
			if r.CheckID == "aws-s3-not-public" && r.ResourceID == "arn:aws:s3:::closed" && r.Status != findings.StatusPass {
				t.Errorf("a well-behaved check was disturbed: %s %s", r.Status, r.Message)
			}
			continue
		}
		seen[r.CheckID] = true
		if r.ResourceID == "" {
			continue // the snapshot's failed list call
		}
		if r.Status != findings.StatusError || !strings.Contains(r.Message, "checks run with bounded memory") {
			t.Errorf("%s %s: %s %q, want an error about the allocation limit", r.CheckID, r.ResourceID, r.Status, r.Message)
		}
	}
	for name := range bodies {
		if !seen["aws-s3-hostile-"+name] {
			t.Errorf("no results for hostile check %s", name)
		}
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("hostile checks took %s to stop", d)
	}
}

// TestAllocationBudgetIsPerCheck: a budget exceeded by repeated small calls is reported, and a
// check under the budget is unaffected by what other checks charged.
func TestAllocationBudgetIsPerCheck(t *testing.T) {
	greedy := meta("aws-s3-greedy", "aws_s3_bucket", "[public]") + `package incloud.aws.s3.greedy

deny contains {"resource_id": b.id, "message": "x"} if {
	some b in input.resources.aws_s3_bucket
	count([s | some i in numbers.range(1, 2000); s := sprintf("%0999d", [i])]) > 0
}
`
	e, err := Load(Options{Builtin: testFS(map[string]string{"aws/s3/greedy.rego": greedy, "aws/s3/not_public.rego": publicCheck}), AllocationBudget: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := e.Evaluate(context.Background(), testSnapshot())
	if err != nil {
		t.Fatal(err)
	}
	got := byKey(rep.Results)
	if r := got["aws-s3-greedy us-east-1 arn:aws:s3:::closed"]; r.Status != findings.StatusError || !strings.Contains(r.Message, "has allocated more than it may (1.0 MiB)") {
		t.Errorf("greedy check: %s %q", r.Status, r.Message)
	}
	if r := got["aws-s3-not-public us-east-1 arn:aws:s3:::closed"]; r.Status != findings.StatusPass {
		t.Errorf("modest check: %s %q", r.Status, r.Message)
	}
}

func TestFormatPadding(t *testing.T) {
	cases := map[string]int64{
		"%s":                0,
		"%10d and %-5s":     15,
		"%.3f":              3,
		"%08.2f%%":          10,
		"%*d":               1_000_000,
		"%[1]*d":            1_000_000,
		"%099999999999999d": 1_000_000,
	}
	for f, want := range cases {
		if got := formatPadding(f); got != want {
			t.Errorf("formatPadding(%q) = %d, want %d", f, got, want)
		}
	}
}
