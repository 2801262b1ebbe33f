package aws

import (
	"context"
	"testing"

	"github.com/incloud/incloud/collectors"
	"github.com/incloud/incloud/collectors/aws/awsfake"
	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/collectors/collectortest"
	"github.com/incloud/incloud/collectors/fakecloud"
	"github.com/incloud/incloud/pkg/snapshot"
	"github.com/incloud/incloud/policies"
)

// TestConformance runs the provider-neutral conformance suite against the AWS collector and
// the fake AWS account (awsfake).
func TestConformance(t *testing.T) {
	collectortest.Run(t, collectortest.Provider{
		Name:     "aws",
		Policies: policies.FS,
		Demos:    []string{"../../testdata/snapshots/aws-demo.json", "../../testdata/snapshots/aws-demo-secure.json"},
		Owns:     ServiceOwns(),

		Operations: Operations(),
		IsReadOnly: isReadOnly,
		Writes: []collection.Operation{
			{Service: "iam", Action: "DeleteUser", Permission: "iam:DeleteUser"},
			{Service: "s3", Action: "GetBucketAcl", Permission: "s3:PutBucketAcl"},
			{Service: "iam", Action: "CreateAccessKey", Permission: "iam:CreateAccessKey"},
		},
		Granted: MinimalPolicy().Statement[0].Action,

		Fake: func(snap *snapshot.Snapshot, opts ...fakecloud.Option) *fakecloud.Core {
			return awsfake.New(snap, awsfake.WithCore(opts...)).Core
		},
		Collect: func(ctx context.Context, opts collectors.Options) (*snapshot.Snapshot, error) {
			return New(testConfig(), opts).Collect(ctx)
		},
		ThrottleOp: "iam:GetAccountSummary",

		Latency:         latencySnapshot(),
		LatencyServices: []string{"ec2", "iam", "s3"},
		MinSpeedup:      5,
	})
}
