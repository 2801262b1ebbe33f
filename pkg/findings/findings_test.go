package findings

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortedIsTheStableSortByCompare: Sorted, of the results cut into parts (one empty), gives
// exactly what a stable sort of them all by Compare gives, including the order of results that
// compare equal.
func TestSortedIsTheStableSortByCompare(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	for round := 0; round < 50; round++ {
		n := rng.IntN(300)
		rs := make([]Result, n)
		for i := range rs {
			rs[i] = Result{
				CheckID:    pick("a", "b", "c"),
				Status:     Status(pick(string(StatusFail), string(StatusError), string(StatusWaived), string(StatusPass))),
				Severity:   Severity(pick("critical", "high", "medium", "low")),
				Account:    pick("1", "2"),
				Region:     pick("", "eu-west-1", "us-east-1"),
				ResourceID: pick("r1", "r2", "r3"),
				Message:    fmt.Sprint(i), // tells equal results apart
			}
		}
		want := slices.Clone(rs)
		slices.SortStableFunc(want, Compare)
		// Sorted, of the same results in a few parts, gives the same.
		cuts := []int{0, n}
		for range rng.IntN(8) {
			cuts = append(cuts, rng.IntN(n+1))
		}
		slices.Sort(cuts)
		parts := [][]Result{nil}
		for i := 1; i < len(cuts); i++ {
			parts = append(parts, rs[cuts[i-1]:cuts[i]])
		}
		merged := Sorted(parts...)
		if len(merged) != n {
			t.Fatalf("round %d: Sorted returned %d results of %d", round, len(merged), n)
		}
		for i := range merged {
			if merged[i].Message != want[i].Message {
				t.Fatalf("round %d, n %d: Sorted's position %d holds result %s, want %s", round, n, i, merged[i].Message, want[i].Message)
			}
		}
	}
}

// TestSummarizeCountsEveryResult: Summarize's counts are those of counting results one by one,
// whether the results come in runs (sorted) or not.
func TestSummarizeCountsEveryResult(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	for round := 0; round < 50; round++ {
		rs := make([]Result, rng.IntN(200))
		for i := range rs {
			rs[i] = Result{
				Status:   Status(pick(string(StatusFail), string(StatusError), string(StatusWaived), string(StatusPass))),
				Severity: Severity(pick("critical", "high", "low")),
				Area:     pick("data-protection", "network-controls"),
			}
		}
		if round%2 == 1 {
			Sort(rs)
		}
		want := map[[3]string]int{}
		for _, r := range rs {
			want[[3]string{"status", string(r.Status), ""}]++
			want[[3]string{"severity", string(r.Severity), string(r.Status)}]++
			want[[3]string{"area", r.Area, string(r.Status)}]++
		}
		got := map[[3]string]int{}
		s := Summarize(rs)
		for st, n := range s.ByStatus {
			if n > 0 {
				got[[3]string{"status", string(st), ""}] = n
			}
		}
		for sev, m := range s.BySeverity {
			for st, n := range m {
				got[[3]string{"severity", string(sev), string(st)}] = n
			}
		}
		for a, m := range s.ByArea {
			for st, n := range m {
				got[[3]string{"area", a, string(st)}] = n
			}
		}
		if s.Total != len(rs) || !maps.Equal(got, want) {
			t.Fatalf("round %d: total %d of %d, counts %v, want %v", round, s.Total, len(rs), got, want)
		}
		for _, st := range Statuses {
			if _, ok := s.ByStatus[st]; !ok {
				t.Fatalf("round %d: ByStatus lacks %s", round, st)
			}
		}
	}
}
