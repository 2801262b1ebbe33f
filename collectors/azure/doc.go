// Package azure collects one Azure subscription's customer-side configuration, and its tenant's
// Microsoft Entra ID settings, into a snapshot (the resource types of
// policies/schemas/azure/README.md), on the collector framework of collectors/collection (read
// its package comment first).
//
// Services (--services): storage, entra (users and their MFA registration), tenant (tenant-wide
// Entra ID settings, directory roles), authorization (custom roles), defender, monitor, network
// (security groups, flow logs, regions, Bastion), compute (disks, VMs), sql, postgresql
// (flexible servers, and the single servers Microsoft retired), mysql, cosmosdb, appservice and
// keyvault (vault properties, and through each vault's data plane the metadata of its keys and
// secrets, with Key Vault's 401 challenge authentication). Every
// resource type of policies/schemas/azure is collected. provider.go registers the collector with
// the CLI (collect, scan and permissions azure); conformance_test.go runs the conformance suite.
//
// # Fleet mode
//
// fleet.go is Provider.Fleet (collectors.Fleet): without --subscription, the members are every
// subscription the credential sees (GET /subscriptions), or with --management-group every
// subscription below the group at any depth (its descendants; state and name joined from the
// listing), or with --accounts of plain ids exactly those subscriptions. Disabled and Deleted
// subscriptions are skipped with their state; Warned and PastDue ones are collected. Each
// member's collector is New for its id with the fleet's credential and options, so a member
// collected in a fleet is collected exactly as alone, tenant-level Entra ID data included (every
// snapshot stands alone). Only the Microsoft Graph answers are shared between the members'
// collectors (rest.go's sharedResponses: the tenant's data is read once per fleet, not once per
// subscription, as Graph throttles per tenant). azurefake.Fleet is the fake tenant: several
// subscriptions with their own data, a management group tree, paged listings.
//
// # SDK choice
//
// Requests go through azcore pipelines (ARM: arm.NewClient; Microsoft Graph: azcore.NewClient
// with a bearer-token policy for graph.microsoft.com), as typed GETs decoded into small structs
// of this package, with "nextLink" / "@odata.nextLink" paging (rest.go). The arm* resource
// modules and the Graph SDK are not used: each arm* module is large and the Graph SDK very large,
// and the collector needs a few GETs from each, so compiling them would cost CI's cold builds far
// more than the few structs do. azcore still brings what matters: token acquisition
// (azidentity.NewDefaultAzureCredential), the retry policy (429 with Retry-After, 5xx with
// backoff, bounded by --timeout through the context), and the ARM pipeline with its automatic
// resource-provider registration turned off (DisableRPRegistration: it would write).
//
// # Read-only by construction
//
// Every request passes the guard transport (operations.go): only GET, only for a registered
// operation, only inside a Run.Call for that operation. The registry's read-only rule accepts
// ARM "…/read" permissions, Key Vault's "…/secrets/readMetadata/action" and Graph read
// application permissions (*.Read.All, RoleManagement.Read.Directory); nothing that returns keys
// or secret values (listKeys, secret values, publishing credentials, app settings) is registered.
// MinimalRole is the custom role (the JSON `az role definition create` reads) with exactly the
// permissions registered, plus the Graph application permissions.
//
// # Adding a service
//
// One file per service, as storage.go, entra.go or cosmosdb.go (listARM and followARM in arm.go
// do the list-then-follow-up pattern): register each operation with registerARM
// (resource provider namespace, permission without the namespace, path pattern) or
// registerGraph; register the service in init with what it Owns; a type holding the run whose
// Start schedules a list task; the list task adds each resource with every schema attribute
// (null until its follow-up call fills it) and schedules one task per follow-up call; every
// call runs in r.Call with a Target naming the attributes a failure leaves unknown. Serve the
// same operations from the seed in azurefake (one file per service) and put the service's
// resources in the demo snapshots: the conformance suite then round-trips them. The package has
// one test package (collector_test.go, conformance_test.go, fleet_test.go).
package azure
