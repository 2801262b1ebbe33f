package findings

import (
	"fmt"
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
		cut1, cut2 := rng.IntN(n+1), rng.IntN(n+1)
		cut1, cut2 = min(cut1, cut2), max(cut1, cut2)
		merged := Sorted(rs[:cut1], nil, rs[cut1:cut2], rs[cut2:])
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
