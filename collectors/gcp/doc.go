// Package gcp collects one Google Cloud project into a snapshot (provider "gcp", account the
// project id), on the shared collector framework (collectors/collection). The resource types it
// writes are described in policies/schemas/gcp/README.md.
//
// # Wire
//
// Every API is called through its REST client from google.golang.org/api (HTTPS and JSON, never
// gRPC, so HTTPS_PROXY and SSL_CERT_FILE work as for gcloud). All clients share one
// http.Client: Application Default Credentials with the cloud-platform.read-only scope, then
// retrying (429 and 5xx, exponential backoff with full jitter, DefaultRetryMaxAttempts attempts and
// never past the context, since the generated clients do not retry), then the guard, which
// refuses any request that is not the registered operation of the call it is made in. Against
// a test endpoint (collectors.Options.EndpointURL) there are no credentials and each API's base
// path becomes URL/<API host>/<path> (option.WithEndpoint), so one fake (gcpfake) serves them all.
//
// # Many projects
//
// fleet.go is fleet mode (collectors.Fleet): NewFleet turns --organization ID or --folder ID
// into the projects below it, listed with Cloud Resource Manager v3 (folders.list and
// projects.list for the root and every folder, 2·(F+1) calls for F folders plus extra pages),
// or --accounts with project ids into an explicit list; each member is collected by the
// single-project Collector, all of them sharing one HTTP client (one credential, one token
// cache). The listing permissions are granted on the organization or folder, so they are in
// `permissions gcp --organization` (WriteOrganizationRole) and not in a project's role.
//
// # A service, step by step
//
//  1. One file per service (storage.go): register its operations at package level with
//     register(service, method, permission, host, HTTP method, path pattern). The operation is
//     named service:method in error entries; the permission goes into `incloud permissions gcp`;
//     the pattern lets the guard map each request to it. Only get, list, aggregatedList,
//     getIamPolicy, testIamPermissions and search methods pass the read-only rule
//     (operations.go), and never a method returning secrets (apikeys keys.getKeyString).
//  2. In init, services.Register a collection.Service: its --services name, Global (once per
//     collection) or regional (once per region of compute regions.list), Owns (its resource
//     types, and the gcp_project attributes it writes as "gcp_project.attr") and New.
//  3. New builds the service's client with r.clientOptions(<production base path>); Start
//     schedules tasks with u.Go and returns. A list task adds every resource with every schema
//     attribute (null until read) and schedules one task per follow-up call (getIamPolicy,
//     keys.list): tasks never wait for each other.
//  4. Each call runs inside r.Call(ctx, op, target, fn); a failure becomes an error entry for
//     target: ListTarget(type, region) for a list, the resource and the attributes left null for
//     a follow-up. SERVICE_DISABLED is such an error (its checks report error), except where
//     the disabled API is itself the answer: Access Approval settings of a project without the
//     API are null, and CIS 2.15 fails on it.
//  5. Add the API's routes to gcpfake from the same snapshot attributes, in Google's JSON shape,
//     paged with pageToken, injected errors rendered as Google renders them. The conformance
//     suite (conformance_test.go) then checks the round trip, errors, throttling, NotCollected,
//     interruption, permissions and latency for it.
package gcp
