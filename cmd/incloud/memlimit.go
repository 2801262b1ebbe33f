package main

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// memoryLimitShare is the part of the memory available to the process that the garbage collector
// is asked to stay within (debug.SetMemoryLimit): near it, the collector runs more often instead
// of letting the heap grow by GOGC, so a large snapshot slows down rather than being killed.
const memoryLimitShare = 0.75

// memoryLimit is the soft memory limit for this process: memoryLimitShare of its cgroup's memory
// limit or of the machine's memory, whichever is smaller; 0 when neither is known.
func memoryLimit() int64 {
	avail := int64(0)
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		avail = memTotal(string(b))
	}
	for _, p := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		if b, err := os.ReadFile(p); err == nil {
			if l := cgroupLimit(string(b)); l > 0 && (avail == 0 || l < avail) {
				avail = l
			}
		}
	}
	return int64(float64(avail) * memoryLimitShare)
}

// memTotal reads MemTotal (in kB) from /proc/meminfo's text, in bytes; 0 if absent.
func memTotal(meminfo string) int64 {
	sc := bufio.NewScanner(strings.NewReader(meminfo))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "MemTotal:" {
			kb, err := strconv.ParseInt(f[1], 10, 64)
			if err != nil || kb <= 0 {
				return 0
			}
			return kb * 1024
		}
	}
	return 0
}

// cgroupLimit reads a cgroup memory limit file (v2 memory.max or v1 memory.limit_in_bytes): a
// byte count, or "max" / a huge v1 value for no limit (0).
func cgroupLimit(s string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 || n >= 1<<62 {
		return 0
	}
	return n
}
