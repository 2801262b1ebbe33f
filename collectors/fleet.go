package collectors

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strings"
)

// Fleet mode: one run over many accounts (an AWS Organization, the projects below a GCP
// organization or folder, the subscriptions of an Azure tenant or management group). A provider
// that supports it sets Provider.Fleet; the CLI then narrows the members (--accounts,
// --exclude-accounts, SelectMembers), takes its shard (pkg/shard), collects the members
// --account-concurrency at a time, each with Fleet.Collector, and evaluates each snapshot as it
// arrives. The provider only lists members and builds their collectors; selection, sharding,
// concurrency and reporting are the CLI's and are the same for every provider.

// Member is one account (AWS account, GCP project, Azure subscription) of a fleet.
type Member struct {
	// ID is the account id as snapshots name it (snapshot.Account): a 12-digit AWS account
	// id, a GCP project id, an Azure subscription id.
	ID string
	// Name is the human name ("prod-payments"), "" when unknown.
	Name string
	// Skip, when not empty, says why the member is not collected: it exists but cannot be
	// audited ("SUSPENDED", "PENDING_CLOSURE", "DELETE_REQUESTED", "Disabled"). A skipped
	// member is reported as a target with this note, never collected, never silently dropped.
	Skip string
}

// Fleet lists a fleet's members and collects each one.
type Fleet interface {
	// Members lists every member the credentials can see under the fleet's root, skipped ones
	// included (with Skip set), sorted by ID. An error here (the organization cannot be
	// listed) fails the whole run: there is nothing to report on.
	Members(ctx context.Context) ([]Member, error)
	// Collector returns the collector for one member (not skipped). Building it must not
	// contact the cloud; a member whose access fails (a role that cannot be assumed, a
	// project without permission) fails at Collect, and the CLI reports that member as a
	// target with the error, and `error` results for its account-level checks.
	Collector(ctx context.Context, m Member) (Collector, error)
}

// FleetFlag is one flag of a provider's fleet mode: a string flag, a switch when Bool, or a
// list when List (repeatable or comma-separated; the values arrive joined by commas).
type FleetFlag struct {
	Name, Usage string
	Bool        bool
	List        bool
}

// FleetRequest is what the CLI passes to Provider.Fleet: the values of the provider's Flags and
// FleetFlags by name (a switch is "true" when set, "" otherwise), and --accounts.
type FleetRequest struct {
	Flags map[string]string
	// Accounts are the --accounts patterns (ids or globs). A provider with no organization
	// listing in the request may take plain ids as an explicit member list (AWS: --accounts
	// with --role); globs then need a listing and are an error.
	Accounts []string
	Options  Options
}

// SelectMembers narrows members to those matching an include pattern (all when include is
// empty) and no exclude pattern. Patterns are ids or globs (path.Match: "1234*", "prod-?").
// A malformed pattern is an error, and so is an include pattern that matches no member (a
// typo must not turn an audit of one account into an audit of none).
func SelectMembers(members []Member, include, exclude []string) ([]Member, error) {
	for _, p := range append(slices.Clone(include), exclude...) {
		if _, err := path.Match(p, ""); err != nil {
			return nil, fmt.Errorf("account pattern %q: %w", p, err)
		}
	}
	matches := func(p, id string) bool {
		ok, _ := path.Match(p, id)
		return ok
	}
	used := make([]bool, len(include))
	var out []Member
	for _, m := range members {
		in := len(include) == 0
		for i, p := range include {
			if matches(p, m.ID) {
				in, used[i] = true, true
			}
		}
		if !in || slices.ContainsFunc(exclude, func(p string) bool { return matches(p, m.ID) }) {
			continue
		}
		out = append(out, m)
	}
	var unused []string
	for i, u := range used {
		if !u {
			unused = append(unused, include[i])
		}
	}
	if len(unused) > 0 {
		return nil, fmt.Errorf("--accounts: %s matched no account of the %d listed", strings.Join(unused, ", "), len(members))
	}
	return out, nil
}
