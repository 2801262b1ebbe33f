package azure

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"

	"github.com/incloud/incloud/collectors"
	"github.com/incloud/incloud/collectors/collection"
)

// Fleet mode: every subscription the credential sees (GET /subscriptions), or every
// subscription below a management group, recursively (--management-group: the group's
// descendants), or an explicit list of subscription ids (--accounts without globs). Each member
// is collected by the single-subscription collector, with the same credential and options.

// managementGroupsAPI is the management groups API version (descendants).
const managementGroupsAPI = "2023-04-01"

// descendantSubscription is the type of a subscription among a management group's descendants.
const descendantSubscription = "Microsoft.Management/managementGroups/subscriptions"

var opManagementGroupDescendants = registerARM("Microsoft.Management", "managementGroups/descendants/read",
	"/providers/Microsoft.Management/managementGroups/[^/]+/descendants")

// Subscription states (Microsoft.Resources subscriptions: Enabled, Warned, PastDue, Disabled,
// Deleted). Warned and PastDue subscriptions are fully readable and still hold live resources:
// they are collected like Enabled ones. Disabled and Deleted ones are skipped, the state as the
// note.
var skippedStates = []string{"Disabled", "Deleted"}

// subscriptionID is a subscription id as ARM spells it: a lowercase GUID.
var subscriptionID = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// Fleet lists a tenant's subscriptions and builds each one's collector.
type Fleet struct {
	cred            azcore.TokenCredential
	opts            collectors.Options
	lister          *Collector
	managementGroup string
	explicit        []string
	// graph holds the tenant's Microsoft Graph answers for every member's collector: the
	// tenant-wide Entra ID data is read once per fleet, and each snapshot still carries it.
	graph *sharedResponses
}

var _ collectors.Fleet = (*Fleet)(nil)

// NewFleet returns the fleet of the subscriptions below managementGroup ("" : every
// subscription the credential sees), or, when explicit is not empty, of exactly those
// subscription ids. It does not contact Azure.
func NewFleet(cred azcore.TokenCredential, managementGroup string, explicit []string, opts collectors.Options) (*Fleet, error) {
	if managementGroup != "" && len(explicit) > 0 {
		return nil, errors.New("an explicit subscription list and a management group exclude each other")
	}
	lister, err := newCollector(cred, "", opts)
	if err != nil {
		return nil, err
	}
	ids := slices.Clone(explicit)
	slices.Sort(ids)
	return &Fleet{cred: cred, opts: opts, lister: lister, managementGroup: managementGroup, explicit: slices.Compact(ids),
		graph: newSharedResponses()}, nil
}

// fleetFor is Provider.Fleet: --subscription is the single path (nil), --management-group a
// management group's subscriptions, --accounts with subscription ids only an explicit list,
// anything else every subscription the credential sees.
func fleetFor(_ context.Context, req collectors.FleetRequest) (collectors.Fleet, error) {
	sub, group := req.Flags["subscription"], req.Flags["management-group"]
	switch {
	case sub != "" && group != "":
		return nil, errors.New("--subscription and --management-group exclude each other: --subscription audits one subscription, --management-group every subscription below the group")
	case sub != "" && len(req.Accounts) > 0:
		return nil, errors.New("--subscription and --accounts exclude each other: --subscription audits one subscription, --accounts selects among the subscriptions the credential sees (or below --management-group)")
	case sub != "":
		return nil, nil
	}
	if len(req.Options.Regions) > 0 {
		return nil, errRegions
	}
	var explicit []string
	if group == "" && len(req.Accounts) > 0 && !slices.ContainsFunc(req.Accounts, isGlob) {
		for _, id := range req.Accounts {
			if !subscriptionID.MatchString(id) {
				return nil, fmt.Errorf("--accounts: %q is not a subscription id (a lowercase GUID such as 00000000-0000-0000-0000-000000000000); globs match the ids of the subscriptions the credential sees", id)
			}
		}
		explicit = req.Accounts
	}
	cred, err := credentialFor(req.Options.EndpointURL)
	if err != nil {
		return nil, err
	}
	return NewFleet(cred, group, explicit, req.Options)
}

func isGlob(p string) bool { return strings.ContainsAny(p, `*?[\`) }

var errRegions = errors.New("--regions does not apply to Azure: every service is collected subscription-wide")

// Members lists the fleet's subscriptions, sorted by id; Disabled and Deleted ones are skipped
// with their state as the note. A subscription below the management group, or named
// explicitly, that the credential cannot see is a member all the same: collecting it fails with
// Azure's answer, and the run reports that, never drops it.
func (f *Fleet) Members(ctx context.Context) ([]collectors.Member, error) {
	visible, err := f.lister.subscriptions(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[string]armSubscription{}
	for _, s := range visible {
		byID[strings.ToLower(s.SubscriptionID)] = s
	}
	var members []collectors.Member
	switch {
	case len(f.explicit) > 0:
		for _, id := range f.explicit {
			members = append(members, member(id, "", byID))
		}
	case f.managementGroup != "":
		below, err := f.lister.descendants(ctx, f.managementGroup)
		if err != nil {
			return nil, err
		}
		for _, d := range below {
			members = append(members, member(strings.ToLower(d.Name), d.Properties.DisplayName, byID))
		}
	default:
		for _, s := range visible {
			members = append(members, member(strings.ToLower(s.SubscriptionID), "", byID))
		}
	}
	if len(members) == 0 {
		// Nothing to audit is a mistake to report, never an empty report that looks clean.
		if f.managementGroup != "" {
			return nil, fmt.Errorf("management group %s has no subscription below it", f.managementGroup)
		}
		return nil, errors.New("the credential sees no subscription: assign it the role of `incloud permissions azure` on the subscriptions to audit, or on their management group")
	}
	slices.SortFunc(members, func(a, b collectors.Member) int { return strings.Compare(a.ID, b.ID) })
	return slices.CompactFunc(members, func(a, b collectors.Member) bool { return a.ID == b.ID }), nil
}

// member makes the member of subscription id: its name and state from the credential's
// listing when it is there (name the fallback).
func member(id, name string, visible map[string]armSubscription) collectors.Member {
	m := collectors.Member{ID: id, Name: name}
	if s, ok := visible[id]; ok {
		if s.DisplayName != "" {
			m.Name = s.DisplayName
		}
		if slices.Contains(skippedStates, s.State) {
			m.Skip = s.State
		}
	}
	return m
}

// Collector returns the single-subscription collector of m, with the fleet's credential and
// options: collecting a member through the fleet is collecting it alone, except that the
// tenant's Microsoft Graph answers are shared with the other members' collectors (the same
// tenant-wide data, read once per fleet instead of once per subscription: Graph throttles per
// tenant and application).
func (f *Fleet) Collector(_ context.Context, m collectors.Member) (collectors.Collector, error) {
	c, err := New(f.cred, m.ID, f.opts)
	if err != nil {
		return nil, err
	}
	c.graph.shared = f.graph
	return c, nil
}

// subscriptions lists every subscription the credential sees (every page).
func (c *Collector) subscriptions(ctx context.Context) ([]armSubscription, error) {
	ctx = collection.WithOperation(ctx, opSubscriptionsRead)
	subs, err := listAll[armSubscription](ctx, c.arm, "/subscriptions?api-version="+subscriptionsAPI)
	if err != nil {
		return nil, fmt.Errorf("list the subscriptions the credential sees: %s", describe(err))
	}
	return subs, nil
}

// descendant is one entity below a management group: a group or a subscription.
type descendant struct {
	ID         string `json:"id"`
	Type       string `json:"type"`
	Name       string `json:"name"`
	Properties struct {
		DisplayName string `json:"displayName"`
	} `json:"properties"`
}

// descendants lists the subscriptions below management group id, at any depth (every page).
func (c *Collector) descendants(ctx context.Context, id string) ([]descendant, error) {
	ctx = collection.WithOperation(ctx, opManagementGroupDescendants)
	all, err := listAll[descendant](ctx, c.arm, "/providers/Microsoft.Management/managementGroups/"+url.PathEscape(id)+
		"/descendants?api-version="+managementGroupsAPI)
	if err != nil {
		hint := ""
		var re *azcore.ResponseError
		if errors.As(err, &re) && (re.StatusCode == http.StatusForbidden || re.StatusCode == http.StatusNotFound) {
			hint = fmt.Sprintf(" (is %q the management group's id, not its display name? Assign the role of `incloud permissions azure` at the group: it needs %s)",
				id, opManagementGroupDescendants.Permission)
		}
		return nil, fmt.Errorf("list the subscriptions below management group %s: %s%s", id, describe(err), hint)
	}
	var subs []descendant
	for _, d := range all {
		if strings.EqualFold(d.Type, descendantSubscription) {
			subs = append(subs, d)
		}
	}
	return subs, nil
}
