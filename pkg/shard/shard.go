// Package shard splits a fleet's account list across machines: shard INDEX of COUNT takes the
// accounts whose stable hash falls to it, so that N independent runs (a CI matrix, a Kubernetes
// Indexed Job) each audit a disjoint slice and together cover every account exactly once.
package shard

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// EnvIndex is the variable Kubernetes sets to a pod's index in an Indexed Job.
const EnvIndex = "JOB_COMPLETION_INDEX"

// Spec is shard Index (from 0) of Count. The zero Spec (Count 0) selects everything.
type Spec struct {
	Index, Count int
}

// Enabled says whether the spec splits anything.
func (s Spec) Enabled() bool { return s.Count > 0 }

func (s Spec) String() string { return fmt.Sprintf("%d/%d", s.Index, s.Count) }

// Parse reads --shard INDEX/COUNT (indices from 0). When it is empty and count (--shard-count)
// is set, the index comes from JOB_COMPLETION_INDEX through getenv. Neither set is no sharding.
func Parse(flag string, count int, getenv func(string) string) (Spec, error) {
	if count < 0 {
		return Spec{}, fmt.Errorf("--shard-count %d: want a positive number", count)
	}
	if flag == "" {
		if count == 0 {
			return Spec{}, nil
		}
		env := strings.TrimSpace(getenv(EnvIndex))
		if env == "" {
			return Spec{}, fmt.Errorf("--shard-count %d without --shard needs %s (set by a Kubernetes Indexed Job) in the environment", count, EnvIndex)
		}
		i, err := strconv.Atoi(env)
		if err != nil {
			return Spec{}, fmt.Errorf("%s=%q: not a number", EnvIndex, env)
		}
		return check(Spec{Index: i, Count: count}, EnvIndex+"="+env)
	}
	is, ns, ok := strings.Cut(flag, "/")
	if !ok {
		return Spec{}, fmt.Errorf("--shard %q: want INDEX/COUNT, e.g. 0/4", flag)
	}
	i, err1 := strconv.Atoi(strings.TrimSpace(is))
	n, err2 := strconv.Atoi(strings.TrimSpace(ns))
	if err1 != nil || err2 != nil {
		return Spec{}, fmt.Errorf("--shard %q: want INDEX/COUNT with whole numbers, e.g. 0/4", flag)
	}
	if count != 0 && count != n {
		return Spec{}, fmt.Errorf("--shard %s and --shard-count %d disagree", flag, count)
	}
	return check(Spec{Index: i, Count: n}, "--shard "+flag)
}

func check(s Spec, what string) (Spec, error) {
	if s.Count < 1 {
		return Spec{}, fmt.Errorf("%s: the shard count must be at least 1", what)
	}
	if s.Index < 0 || s.Index >= s.Count {
		return Spec{}, fmt.Errorf("%s: the index must be from 0 to %d (indices start at 0)", what, s.Count-1)
	}
	return s, nil
}

// Of is the shard (from 0) of count that account falls to. It depends on the account id alone
// (a SHA-256 of it), never on the rest of the list, so that runs that list the accounts at
// slightly different times still agree on who scans an account.
func Of(account string, count int) int {
	if count <= 1 {
		return 0
	}
	sum := sha256.Sum256([]byte(account))
	return int(binary.BigEndian.Uint64(sum[:8]) % uint64(count))
}

// Select returns the accounts of the list that fall to the shard, in list order (all of them
// when the spec is not enabled).
func (s Spec) Select(accounts []string) []string {
	if !s.Enabled() {
		return accounts
	}
	var out []string
	for _, a := range accounts {
		if Of(a, s.Count) == s.Index {
			out = append(out, a)
		}
	}
	return out
}
