package shard

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func accounts(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%012d", 100000000000+i*7919)
	}
	return out
}

func TestEveryAccountExactlyOnceAndBalanced(t *testing.T) {
	list := accounts(10000) // mean 625 per shard of 16: 25% is about 6 standard deviations
	for _, count := range []int{1, 2, 4, 7, 16} {
		seen := map[string]int{}
		for i := 0; i < count; i++ {
			got := Spec{Index: i, Count: count}.Select(list)
			mean := float64(len(list)) / float64(count)
			if count > 1 && (float64(len(got)) < 0.75*mean || float64(len(got)) > 1.25*mean) {
				t.Errorf("shard %d/%d has %d accounts, mean %.0f: unbalanced", i, count, len(got), mean)
			}
			for _, a := range got {
				seen[a]++
			}
		}
		for _, a := range list {
			if seen[a] != 1 {
				t.Fatalf("count %d: account %s in %d shards, want 1", count, a, seen[a])
			}
		}
	}
}

func TestStableAndIndependentOfTheList(t *testing.T) {
	list := accounts(50)
	s := Spec{Index: 1, Count: 3}
	a := s.Select(list)
	b := s.Select(list)
	if !slices.Equal(a, b) {
		t.Fatal("two selections of one list differ")
	}
	// An account's shard depends on its id alone: adding accounts moves no other account.
	bigger := s.Select(append(accounts(50), "999999999999", "888888888888"))
	for _, x := range a {
		if !slices.Contains(bigger, x) {
			t.Errorf("account %s left shard %s when accounts were added", x, s)
		}
	}
	// Pinned values, so that a change of the hash (which would reshuffle every fleet) is noticed.
	if got := [3]int{Of("123456789012", 4), Of("111122223333", 4), Of("acme-prod", 4)}; got != pinned {
		t.Errorf("Of changed: %v, want %v", got, pinned)
	}
	if Of("123456789012", 1) != 0 || !slices.Equal((Spec{}).Select(list), list) {
		t.Error("one shard, or no sharding, must select everything")
	}
}

func TestParse(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == EnvIndex {
				return v
			}
			return ""
		}
	}
	for _, tc := range []struct {
		flag  string
		count int
		env   string
		want  Spec
		err   string
	}{
		{"", 0, "3", Spec{}, ""},
		{"0/4", 0, "", Spec{0, 4}, ""},
		{" 3 / 4 ", 0, "", Spec{3, 4}, ""},
		{"2/4", 4, "1", Spec{2, 4}, ""},
		{"", 4, "1", Spec{1, 4}, ""},
		{"", 4, "", Spec{}, "needs JOB_COMPLETION_INDEX"},
		{"", 4, "x", Spec{}, "not a number"},
		{"", 4, "4", Spec{}, "from 0 to 3"},
		{"4/4", 0, "", Spec{}, "from 0 to 3"},
		{"-1/4", 0, "", Spec{}, "from 0 to 3"},
		{"1/0", 0, "", Spec{}, "at least 1"},
		{"1", 0, "", Spec{}, "INDEX/COUNT"},
		{"a/b", 0, "", Spec{}, "whole numbers"},
		{"1/4", 3, "", Spec{}, "disagree"},
		{"", -1, "", Spec{}, "positive"},
	} {
		got, err := Parse(tc.flag, tc.count, env(tc.env))
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("Parse(%q, %d, %q) = %v, %v; want error %q", tc.flag, tc.count, tc.env, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("Parse(%q, %d, %q) = %v, %v; want %v", tc.flag, tc.count, tc.env, got, err, tc.want)
		}
	}
}

var pinned = [3]int{2, 0, 2}
