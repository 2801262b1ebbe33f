// Package aws collects one AWS account's customer-side configuration into a snapshot (the
// resource types of policies/schemas/aws/README.md), with aws-sdk-go-v2, on the collector
// framework of collectors/collection (read its package comment first).
//
// # How a collection runs
//
// New(cfg, opts) takes an SDK configuration (LoadConfig: the standard credential chain, with
// AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> left in effect) and sets adaptive retries, a
// per-attempt timeout, --endpoint-url as the base endpoint and the operation-registry guard
// (operations.go). Collect then
//
//  1. identifies the account with sts:GetCallerIdentity (sts.go; the only fatal failure),
//  2. creates the run (collector.go: the framework's Run plus account, partition, SDK
//     configuration and the shared aws_account and aws_region resources),
//  3. lists the regions with ec2:DescribeRegions(AllRegions) (regions.go), records an
//     aws_region resource per region and picks the regions to collect,
//  4. hands the selected services to the framework (services.Collect), which runs one unit per
//     service and region (global services: one unit) on the bounded pool, then the Finish hooks,
//     and writes the NotCollected and interruption entries.
//
// # The files
//
//   - collector.go: Collector, New, the run type, the error classifier (AWS error codes) and
//     newClient, the one client factory.
//   - operations.go: the operation registry, the AWS read-only rule, the registry guard and the
//     minimal IAM policy `incloud permissions aws` prints.
//   - convert.go: SDK values to snapshot values (deref, strOrNil, timeOrNil, ...), tagMap, the one
//     tag converter, and nameTag. pages.go: eachPage and allPages over any SDK paginator.
//   - sts.go, regions.go: identification and regions. One file per service for the rest.
//
// # Adding a service, step by step
//
// Every service follows the pattern of efs.go (the smallest) or kms.go (follow-up calls per
// resource):
//
//  1. Operations. In the service's file, one variable per operation it calls:
//     var opKMSListKeys = register("KMS", "kms", "ListKeys", ""). The arguments are the SDK's
//     ServiceID constant, the IAM service prefix used in error entries and request counts, the
//     action, and the IAM permission when it is not prefix:Action (S3 GetBucketEncryption needs
//     s3:GetEncryptionConfiguration). Only List*, Get* and Describe* pass the read-only rule
//     (TestOperationsReadOnly).
//  2. Registration. An init() calling services.Register(collection.Service[*run]{Name: "kms",
//     Owns: []string{"aws_kms_key"}, New: newKMS}); Global: true for account-wide services.
//     Owns lists the resource types the service writes and the attributes of the shared
//     resources it fills ("aws_region.config", "aws_account.password_policy"): a service left
//     out of --services turns each into a NotCollected error entry.
//  3. The type. type kmsService struct{ r *run; region string; cli *kms.Client }, and
//     newKMS(r, u) returning it with its client: newClient(r, u.Region, kms.NewFromConfig) (a
//     global service uses r.home). Its Start(u) schedules the first tasks with u.Go; tasks are
//     methods of the type. State the tasks share (names found by one list, used by another)
//     lives in the type, under its own mutex; a Finish() method joins it after every task ended
//     (iam.go).
//  4. Calls. Every SDK call goes inside r.Call(ctx, opX, target, func(ctx) error {...}) with the
//     ctx it is given: the guard refuses a request made outside a call for its own operation.
//     The target names the resource and the attributes a failure leaves unknown:
//     collection.ListTarget(typ, region) for a list, collection.Target{Type, ID, Region, Attrs}
//     for a follow-up call, r.accountTarget(attrs...) and r.regionTarget(region, attrs...) for
//     the shared resources. Walk paginators with eachPage / allPages.
//  5. Resources. Build each resource with every attribute of its schema (policies/schemas/aws/),
//     null when a later call fills it; r.Add(type, res...) it; follow-up calls write with
//     r.Set(res, attr, v). Regional account settings go on r.region(u.Region) with r.Set, account
//     settings on r.acct. Tags: tagMap(list, kv) with a one-line kv for the SDK's Tag type; names
//     from tags: nameTag. "Not configured" error codes (NoSuchBucketPolicy, NoSuchEntity) are
//     data: return nil and leave the attribute null or set false.
//  6. Fake handlers (awsfake/<service>.go): serve the operations from the snapshot's resources
//     in the service's real wire protocol (awsfake/server.go lists the protocol helpers). Call
//     s.injected(req.Op, resourceID, region) first, so that the snapshot's error entries become
//     API errors, and page lists with s.page so that small pages exercise the paginators.
//  7. Tests. Put the service's resources in the demo snapshots (testdata/snapshots) or the test
//     fixtures: the conformance suite (collectortest, run by conformance_test.go) then checks the
//     round trip collect(fake(demo)) == demo byte for byte, AccessDenied, throttling, NotCollected
//     for everything the service owns, schema validity and that `incloud permissions aws` covers
//     every call it made.
package aws
