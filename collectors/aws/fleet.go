package aws

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/incloud/incloud/collectors"
)

// The AWS fleet (collectors.Fleet): --organization --role NAME lists the organization's
// accounts; --accounts IDS --role NAME without --organization takes an explicit list. Either
// way the caller's own account is collected with its own credentials and every other member
// through arn:<partition>:iam::<member>:role/NAME (with --external-id when given).

// fleetFlags are the AWS fleet-mode flags.
var fleetFlags = []collectors.FleetFlag{
	{Name: "organization", Bool: true,
		Usage: "audit every account of the AWS Organization these credentials manage (management account or delegated administrator; needs --role)"},
	{Name: "organizational-unit", List: true,
		Usage: "with --organization, only the accounts below these organizational units (ou-xxxx-xxxxxxxx) at any depth; a root id (r-xxxx) is the whole organization (repeatable or comma-separated)"},
	{Name: "role",
		Usage: "name of the audit role in each member account, assumed with sts:AssumeRole (see 'incloud permissions aws --organization')"},
	{Name: "external-id",
		Usage: "external id the member role's trust policy requires (with --role)"},
}

// newFleet is Provider.Fleet: the fleet the flags ask for, nil for one account, or a usage
// error. It loads the credentials configuration but contacts nothing.
func newFleet(ctx context.Context, req collectors.FleetRequest) (collectors.Fleet, error) {
	org := req.Flags["organization"] == "true"
	role, externalID := req.Flags["role"], req.Flags["external-id"]
	ouFlag := strings.TrimSpace(req.Flags["organizational-unit"])
	switch {
	case ouFlag != "" && !org:
		return nil, errors.New("--organizational-unit needs --organization: it narrows the organization's accounts to those below the OUs given")
	case !org && role == "" && externalID == "":
		return nil, nil
	case role == "" && org:
		return nil, errors.New("--organization needs --role NAME: the audit role to assume in each member account")
	case role == "":
		return nil, errors.New("--external-id needs --role NAME")
	case !org && len(req.Accounts) == 0:
		return nil, errors.New("--role needs --organization (every account of the organization) or --accounts (an explicit list of account ids)")
	}
	f := &fleet{role: role, externalID: externalID}
	if ouFlag != "" {
		ous, err := ParseOrganizationalUnits(ouFlag)
		if err != nil {
			return nil, err
		}
		f.units = ous
	}
	if !org {
		explicit, err := ExplicitMembers(req.Accounts)
		if err != nil {
			return nil, err
		}
		for _, m := range explicit {
			f.explicit = append(f.explicit, collectors.Member{ID: m.ID})
		}
	}
	cfg, err := loadAndCheckConfig(ctx, req.Flags["profile"], req.Options.Debug)
	if err != nil {
		return nil, err
	}
	f.base = New(cfg, req.Options)
	return f, nil
}

type fleet struct {
	base       *Collector
	role       string
	externalID string
	// explicit is the --accounts list without --organization (nil with it).
	explicit []collectors.Member
	// units are the --organizational-unit ids (nil: the whole organization).
	units []string

	mu                      sync.Mutex
	caller, callerPartition string
}

// Members lists the organization's accounts, or those below --organizational-unit (or returns
// the explicit list), and identifies the
// caller, whose own account needs no role. Accounts that are not ACTIVE are skipped.
func (f *fleet) Members(ctx context.Context) ([]collectors.Member, error) {
	caller, partition, err := f.base.callerIdentity(ctx)
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	f.caller, f.callerPartition = caller, partition
	f.mu.Unlock()
	if f.explicit != nil {
		return append([]collectors.Member(nil), f.explicit...), nil
	}
	var accounts []Member
	if f.units != nil {
		accounts, err = f.base.OrganizationalUnitAccounts(ctx, f.units)
	} else {
		_, accounts, err = f.base.OrganizationAccounts(ctx)
	}
	if err != nil {
		return nil, err
	}
	out := make([]collectors.Member, 0, len(accounts))
	for _, a := range accounts {
		m := collectors.Member{ID: a.ID, Name: a.Name}
		if a.Status != "" && a.Status != "ACTIVE" {
			m.Skip = fmt.Sprintf("the organization lists the account as %s: not collected", a.Status)
		}
		out = append(out, m)
	}
	return out, nil
}

// Collector returns the caller's own collector for its account, and a collector through the
// member role for every other account. It contacts nothing: a role that cannot be assumed
// fails the member's Collect.
func (f *fleet) Collector(_ context.Context, m collectors.Member) (collectors.Collector, error) {
	f.mu.Lock()
	caller, partition := f.caller, f.callerPartition
	f.mu.Unlock()
	if caller == "" {
		return nil, errors.New("aws fleet: Collector called before Members")
	}
	if m.ID == caller {
		return f.base, nil
	}
	return f.base.AssumeRole(partition, m.ID, f.role, f.externalID), nil
}
