package collectors

import (
	"context"
	"fmt"
	"io"
	"sort"
	"sync"
)

// Provider is one cloud provider's collector as the CLI sees it: `incloud collect <Name>`,
// `incloud scan <Name>` and `incloud permissions <Name>` are built from it, so that adding a
// provider needs no CLI change beyond importing its package. A provider package registers
// itself in an init function.
type Provider struct {
	// Name is the subcommand and the snapshots' provider ("aws", "gcp", "azure").
	Name string
	// Title names the provider in help and messages ("AWS", "Google Cloud", "Azure").
	Title string
	// Account says what one collection covers ("AWS account", "GCP project", "Azure
	// subscription"), for help texts.
	Account string
	// CollectHelp is the long help of `collect <Name>`: what is collected, where credentials and
	// endpoints come from.
	CollectHelp string
	// Services returns the --services names, sorted (a function: the provider's services
	// register in init functions that may run after the provider's own).
	Services func() []string
	// Flags are the provider's own string flags (AWS --profile, GCP --project), beside the
	// provider-neutral ones (--regions, --services, --endpoint-url, --concurrency, --timeout).
	Flags []Flag
	// RegionsHelp and EndpointHelp describe the defaults of --regions and --endpoint-url.
	RegionsHelp, EndpointHelp string
	// New returns the collector for the values of Flags (by name) and the neutral options. Its
	// error is bad input (exit code 2): a profile or credentials configuration that cannot be
	// loaded. Contacting the cloud belongs in Collect.
	New func(ctx context.Context, flags map[string]string, opts Options) (Collector, error)
	// PermissionsHelp is the long help of `permissions <Name>`; Permissions writes the
	// least-privilege role document the collector needs (every registered operation's
	// permission, nothing else).
	PermissionsHelp string
	Permissions     func(w io.Writer) error
	// OrganizationPermissions, when set, is `permissions <Name> --organization`: what the
	// auditing principal needs to audit a whole organization (role is the member role's name,
	// principal the auditing principal, "" when not given).
	OrganizationPermissions func(w io.Writer, role, principal string) error
	// OrganizationHelp words, for this provider, the flags of `permissions <Name>
	// --organization`; an empty field keeps the CLI's provider-neutral wording.
	OrganizationHelp OrganizationHelp
	// FleetFlags are the provider's fleet-mode flags (AWS --organization, --role,
	// --external-id; GCP --organization, --folder; Azure --management-group), registered on
	// collect and scan beside Flags.
	FleetFlags []FleetFlag
	// Fleet, when set, returns the fleet the request asks for, or nil (and no error) when it
	// asks for one account, which then goes through New as before. Its error is bad input
	// (exit code 2), such as --role without --organization or --accounts. Like New it must
	// not contact the cloud.
	Fleet func(ctx context.Context, req FleetRequest) (Fleet, error)
}

// OrganizationHelp is the usage of the flags of `permissions <Name> --organization`: what
// --organization prints, what --role names, what --audit-principal is.
type OrganizationHelp struct {
	Organization, Role, Principal string
}

// Flag is one provider-specific string flag.
type Flag struct {
	Name, Usage string
}

var providers = struct {
	sync.Mutex
	byName map[string]Provider
}{byName: map[string]Provider{}}

// Register adds a provider. Registering a name twice, or a provider without New or
// Permissions, panics.
func Register(p Provider) {
	if p.Name == "" || p.New == nil || p.Permissions == nil || p.Services == nil {
		panic(fmt.Sprintf("collectors: provider %q lacks a name, Services, New or Permissions", p.Name))
	}
	providers.Lock()
	defer providers.Unlock()
	if _, dup := providers.byName[p.Name]; dup {
		panic("collectors: provider registered twice: " + p.Name)
	}
	providers.byName[p.Name] = p
}

// Providers returns the registered providers sorted by name.
func Providers() []Provider {
	providers.Lock()
	defer providers.Unlock()
	out := make([]Provider, 0, len(providers.byName))
	for _, p := range providers.byName {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Lookup returns the provider registered as name.
func Lookup(name string) (Provider, bool) {
	providers.Lock()
	defer providers.Unlock()
	p, ok := providers.byName[name]
	return p, ok
}
