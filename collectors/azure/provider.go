package azure

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/incloud/incloud/collectors"
)

func init() {
	collectors.Register(collectors.Provider{
		Name:    "azure",
		Title:   "Azure",
		Account: "Azure subscription",
		CollectHelp: `Collects Azure subscriptions' customer-side configuration, and their tenant's Microsoft Entra ID
settings, into snapshots, one per subscription: Entra ID users, MFA registration, conditional access
and directory roles (Microsoft Graph), custom roles, Defender for Cloud, storage, SQL, PostgreSQL,
MySQL, Cosmos DB, monitoring, networking, VMs and disks, App Service and Key Vault (--services).
--subscription ID collects that subscription; without it, every subscription the credential sees
(--management-group ID: every subscription below that management group, at any depth), narrowed
by --accounts and --exclude-accounts (subscription ids or globs; plain ids alone are an explicit
list). Disabled and Deleted subscriptions are listed as skipped, not collected; Warned and PastDue
ones are collected. The tenant's Entra ID settings are read once per run and written into every
subscription's snapshot, so that each stands alone. Only GET requests (plus token acquisition): never listKeys, secret
values or publishing credentials, and resource providers are never registered on your behalf.
Credentials come from azidentity's default chain: AZURE_CLIENT_ID/AZURE_TENANT_ID with
AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH, workload identity federation (GitHub Actions
OIDC), managed identity, then the Azure CLI login. A denied call, an unregistered resource provider
or a missing Graph permission is recorded in the snapshot's errors and the collection goes on; 429
answers are retried after their Retry-After. Ctrl-C or --timeout stops it cleanly and writes what
was collected, marked incomplete.`,
		Services: ServiceNames,
		Flags: []collectors.Flag{{Name: "subscription",
			Usage: "subscription id to audit alone (default: every subscription the credential sees, or below --management-group)"}},
		FleetFlags: []collectors.FleetFlag{{Name: "management-group",
			Usage: "management group id: audit every subscription below it, at any depth (default: every subscription the credential sees)"}},
		Fleet:        fleetFor,
		RegionsHelp:  "none: every Azure service is listed subscription-wide, and passing --regions is an error",
		EndpointHelp: "Azure's public cloud; a loopback URL here is a fake Azure for tests, reached without credentials",
		New: func(_ context.Context, flags map[string]string, opts collectors.Options) (collectors.Collector, error) {
			if len(opts.Regions) > 0 {
				return nil, errRegions
			}
			cred, err := credentialFor(opts.EndpointURL)
			if err != nil {
				return nil, err
			}
			return New(cred, flags["subscription"], opts)
		},
		PermissionsHelp: `Prints what the Azure collector's identity needs to audit one subscription, as JSON:
"role_definition", a custom role with exactly the */read actions and Key Vault data actions it uses
(fill in AssignableScopes, save it and run 'az role definition create --role-definition role.json'),
"assignment", where to assign it and the az commands, and "graph_application_permissions", the
Microsoft Graph application permissions to grant (with admin consent) to the app registration or
managed identity. Vaults using access policies instead of RBAC also need an access policy granting
List on keys and secrets.

With --organization: the role for fleet mode (every subscription the credential sees, or
--management-group ID), which adds listing a management group's subscriptions
(Microsoft.Management/managementGroups/descendants/read) and is assignable and assigned once on the
management group, where every subscription below inherits it. --role names the role,
--audit-principal is the object id of the identity it is assigned to (the app registration's service
principal or the managed identity).`,
		OrganizationPermissions: WriteOrganizationRole,
		OrganizationHelp: collectors.OrganizationHelp{
			Organization: "print the custom role of fleet runs (every subscription the credential sees, or --management-group): the subscription role plus listing a management group's subscriptions, assignable on the management group, with the az commands",
			Role:         "with --organization: the custom role's name (its role_definition Name, unique in the tenant)",
			Principal:    "with --organization: the object id of the identity the role is assigned to (the app registration's service principal or the managed identity)",
		},
		Permissions: WriteRole,
	})
}

// WriteRole writes MinimalRole as indented JSON.
func WriteRole(w io.Writer) error { return writeJSONRole(w, MinimalRole()) }

// WriteOrganizationRole writes OrganizationRole(role, principal) as indented JSON.
func WriteOrganizationRole(w io.Writer, role, principal string) error {
	return writeJSONRole(w, OrganizationRole(role, principal))
}

func writeJSONRole(w io.Writer, role Role) error {
	data, err := json.MarshalIndent(role, "", "  ")
	if err != nil {
		return fmt.Errorf("encode role: %w", err)
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

// credentialFor returns the default credential chain, or, for a fake Azure on this machine
// (a loopback endpoint URL), a credential that hands out a placeholder token without asking
// anyone.
func credentialFor(endpoint string) (azcore.TokenCredential, error) {
	if endpoint != "" {
		if u, err := url.Parse(endpoint); err == nil && isLoopback(u.Hostname()) {
			return loopbackCredential{}, nil
		}
	}
	return Credential()
}

type loopbackCredential struct{}

// GetToken implements azcore.TokenCredential.
func (loopbackCredential) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{Token: "loopback", ExpiresOn: time.Now().Add(time.Hour)}, nil
}
