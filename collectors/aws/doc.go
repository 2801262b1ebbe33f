// Package aws collects one AWS account's customer-side configuration into a snapshot (the
// resource types of policies/schemas/aws/README.md), with aws-sdk-go-v2.
//
// # How a collection runs
//
// New(cfg, opts) takes an SDK configuration (LoadConfig: the standard credential chain, with
// AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> left in effect) and sets adaptive retries, a
// per-attempt timeout and the operation-registry guard. Collect then
//
//  1. identifies the account with sts:GetCallerIdentity (sts.go; the only fatal failure),
//  2. lists the regions with ec2:DescribeRegions(AllRegions) (regions.go), records an
//     aws_region resource per region and picks the regions to collect,
//  3. plans one unit per service and region (global services: one unit) and runs each
//     service's start on a bounded worker pool (opts.Concurrency),
//  4. after every task has ended, runs each service's finish (joins across resources), adds
//     "interrupted" error entries (one per resource type the collection was reading) when ctx
//     was canceled, and normalizes the snapshot.
//
// Services left out of --services get NotCollected error entries for what they own (whole
// types, and their attributes of the shared aws_account and aws_region resources), so that the
// checks reading that data report error rather than pass on nulls nobody filled.
//
// Tasks never wait for other tasks: a list task schedules one task per resource and per
// follow-up call (u.Go), and every task writes its attributes into the resource with run.set.
// A resource is created with all its attributes present and null; a call that fails leaves
// its attributes null, and run.call records the error entry naming them. "Not found"
// configuration (NoSuchBucketPolicy, NoSuchEntity on the password policy, ...) is data: the
// service code turns it into null or false and returns nil, so no error entry is written.
//
// # Adding a service
//
//  1. Operations: in the service's file, register every operation it calls, one variable
//     each: var opKMSListKeys = register("KMS", "kms", "ListKeys", ""). The first argument
//     is the SDK's ServiceID constant, the second the IAM service prefix used in error entries
//     and request counts, the last the IAM permission when it differs from prefix:Action
//     (S3 GetBucketEncryption needs s3:GetEncryptionConfiguration). Registered operations
//     must be List*, Get* or Describe* (TestOperationsReadOnly), and `incloud permissions aws`
//     prints them as the minimal IAM policy.
//  2. Collector file (kms.go): an init() calling registerService(service{name: "kms", owns:
//     []string{"aws_kms_key"}, start: startKMS}); global: true for account-wide services; owns
//     lists the types and shared attributes ("aws_region.config") the service fills. startKMS(r, u) creates the SDK
//     client for u.region (honour r.endpoint(): set BaseEndpoint only when it is non-nil) and
//     schedules tasks with u.Go. Every SDK call goes inside
//     r.call(ctx, opX, target{typ, id, region, attrs}, func(ctx) error {...}), with the ctx
//     it is given: the registry guard rejects any request made outside a call for its own
//     operation, so nothing unregistered is ever sent. Use the SDK paginators, walked with eachPage / allPages (pages.go). Add resources
//     with r.add(type, res); regional account settings go on r.region(u.region) with r.set.
//  3. Fake handler file (awsfake/kms.go): serve the operations from the snapshot's resources
//     in the service's real wire format. The protocol helpers are in awsfake/server.go:
//     queryProtocol (awsQuery), ec2Ops (ec2Query: add handlers to the map in init), and the
//     protocol struct for others; awsfake/jsonproto.go has JSON 1.1 (route by X-Amz-Target),
//     REST-JSON (by path) and rpcv2 CBOR (CloudWatch in this SDK version).
//     Call s.injected(req.Op, resourceID, region) first so that the snapshot's error entries
//     become API errors, and page lists with s.page so small pages exercise the paginators.
//  4. Round trip: extend the test fixture (fixture_test.go) with the service's resources, or
//     use the demo snapshots, and check collect(fake(S)) == S byte for byte
//     (assertSameSnapshot), plus AccessDenied, pagination and throttling cases as in
//     iam_test.go and s3_test.go.
package aws
