package main

import "testing"

func TestMemoryLimitSources(t *testing.T) {
	if got := memTotal("MemFree:   1000 kB\nMemTotal:       24000000 kB\n"); got != 24000000*1024 {
		t.Errorf("memTotal = %d", got)
	}
	if got := memTotal("MemFree: 1 kB\n"); got != 0 {
		t.Errorf("memTotal without MemTotal = %d, want 0", got)
	}
	for in, want := range map[string]int64{
		"max\n":                 0,
		"8589934592\n":          8589934592,
		"9223372036854771712\n": 0, // cgroup v1's "no limit"
		"":                      0,
	} {
		if got := cgroupLimit(in); got != want {
			t.Errorf("cgroupLimit(%q) = %d, want %d", in, got, want)
		}
	}
	if l := memoryLimit(); l < 0 {
		t.Errorf("memoryLimit() = %d", l)
	}
}
