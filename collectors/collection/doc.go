// Package collection is the collector framework every provider (collectors/aws, collectors/gcp,
// collectors/azure) builds on. It holds what a collection does whatever the cloud: the service
// registry with its owns declarations, the bounded task pool with progress, recording a failed
// call as a snapshot error scoped to the attributes it leaves unknown, NotCollected entries for
// services left out of --services, a partial snapshot when the collection is interrupted, and
// the operation registry that `incloud permissions <provider>` prints.
//
// A provider package brings its SDK, its wire of clients and its resource types; this package
// never imports an SDK.
//
// # The pieces
//
//   - Operations: one registry per provider (NewOperations(readOnlyRule)). Every API operation
//     the collector may call is one package-level variable: opX = ops.Register(service, action,
//     permission). The provider's read-only rule (AWS: List*/Get*/Describe*; Azure: .../read)
//     sets Operation.ReadOnly. Permissions() is the sorted list the least-privilege role grants.
//   - Services: one registry per provider (NewServices[*state]("GCP")). A Service has a name
//     (the --services name), Global (runs once) or regional (runs once per region), Owns (the
//     resource types it writes, and "type.attr" for attributes of shared resources such as
//     aws_account or a region resource) and New, which returns the service's value for one unit:
//     a type holding that unit's clients, whose Start(u) schedules tasks with u.Go. A value that
//     also has Finish() is called once every task has ended, to join what its tasks found.
//   - Run: the state of one collection. The provider's state type embeds *Run and adds what it
//     knows (account id, SDK configuration, the shared resources). Run.Call(ctx, op, target, fn)
//     makes one call: fn gets ctx marked with op (WithOperation) and its error becomes an error
//     entry for target, its code and message from the provider's Classifier. Tasks build
//     resources with Add, then write attributes with Set (never directly: tasks of one resource
//     run concurrently), and read them with Get and ID.
//   - Services.Collect(run, Plan): runs one collection: scope, NotCollected entries, one unit per
//     service and region on a pool of opts.Workers() tasks, progress per unit, Finish hooks, and
//     "interrupted" entries when ctx ended early (--timeout, Ctrl-C), then normalizes.
//
// # The rules a provider follows
//
//  1. Every SDK request is made inside Run.Call for its own registered operation, with the ctx
//     Call gives. Install a request guard in every client that calls CheckCall(ctx, op, name)
//     with the operation the request is for (AWS: an SDK middleware; Google and Azure: an
//     http.RoundTripper that maps the request to its operation): nothing unregistered is ever
//     sent, so the registry, and the permissions printed from it, are complete by construction.
//  2. Only read: operations the read-only rule rejects fail the provider's registry test, and
//     nothing that returns a secret value is called (keep a flag that a secret exists).
//  3. A resource is created with every attribute its schema lists, null until read. A call that
//     fails leaves its attributes null and names them in Target.Attrs, so the error is scoped:
//     only the checks that read those attributes report error. An empty Attrs marks the whole
//     resource; an empty ID with a region marks every resource of the type there (ListTarget).
//     "Not configured" answers (a 404 for a policy that does not exist) are data: fn turns them
//     into null or false and returns nil, so no error is recorded.
//  4. Tasks never wait for other tasks: a list task schedules one task per resource and per
//     follow-up call (u.Go) and returns. Start must not block.
//  5. Collect returns a snapshot whenever the account could be identified; only "nothing can be
//     collected" (no credentials, no account) is an error.
//
// # A provider, step by step
//
//	// state.go: the provider's per-collection state and registries
//	var ops = collection.NewOperations(isReadOnly)
//	var services = collection.NewServices[*run]("GCP")
//	type run struct {
//		*collection.Run
//		project string
//		// clients' options, shared resources (the project resource, ...)
//	}
//	func (c *Collector) Collect(ctx context.Context) (*snapshot.Snapshot, error) {
//		svcs, err := services.Select(c.opts.Services)
//		// identify the project; build snap := snapshot.New("gcp", project, now)
//		r := &run{Run: collection.NewRun(ctx, snap, c.opts, classify)}
//		// add the shared resources, discover the regions
//		services.Collect(r.Run, collection.Plan[*run]{State: r, Selected: svcs, Regions: regions,
//			Shared: map[string][]snapshot.Resource{"gcp_project": {project}}})
//		return snap, nil
//	}
//
//	// storage.go: one file and one type per service
//	var opStorageBucketsList = ops.Register("storage", "buckets.list", "storage.buckets.list")
//	func init() {
//		services.Register(collection.Service[*run]{Name: "storage", Global: true,
//			Owns: []string{"gcp_storage_bucket"}, New: newStorage})
//	}
//	type storageService struct{ r *run; cli *storage.Client }
//	func newStorage(r *run, u *collection.Unit) collection.Starter { return &storageService{r: r, cli: ...} }
//	func (s *storageService) Start(u *collection.Unit) {
//		u.Go(func(ctx context.Context) { s.buckets(ctx, u) })
//	}
//	func (s *storageService) buckets(ctx context.Context, u *collection.Unit) {
//		s.r.Call(ctx, opStorageBucketsList, collection.ListTarget("gcp_storage_bucket", snapshot.GlobalRegion),
//			func(ctx context.Context) error { /* list; s.r.Add(...); u.Go per follow-up call */ })
//	}
//
// Then register the provider with the CLI (collectors.Register, see package collectors) and
// test it: the fake cloud (a fakecloud.Core under the provider's wire protocols, in
// collectors/<provider>/<provider>fake) and the conformance suite every provider passes
// (collectortest.Run from the provider's conformance_test.go).
package collection
