package azure

import (
	"context"
	"fmt"
	"testing"

	"github.com/incloud/incloud/collectors"
	"github.com/incloud/incloud/collectors/azure/azurefake"
	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/collectors/collectortest"
	"github.com/incloud/incloud/collectors/fakecloud"
	"github.com/incloud/incloud/pkg/snapshot"
	"github.com/incloud/incloud/policies"
)

// TestConformance runs the provider-neutral conformance suite against the Azure collector and
// the fake subscription (azurefake).
func TestConformance(t *testing.T) {
	role := MinimalRole()
	granted := append(append(append([]string{}, role.RoleDefinition.Actions...), role.RoleDefinition.DataActions...), role.GraphPermissions...)
	collectortest.Run(t, collectortest.Provider{
		Name:     "azure",
		Policies: policies.FS,
		Demos:    []string{"../../testdata/snapshots/azure-demo.json", "../../testdata/snapshots/azure-demo-secure.json"},
		Owns:     ServiceOwns(),

		Operations: Operations(),
		IsReadOnly: isReadOnly,
		Writes: []collection.Operation{
			{Service: "Microsoft.Storage", Action: "storageAccounts/listKeys/action", Permission: "Microsoft.Storage/storageAccounts/listKeys/action"},
			{Service: "Microsoft.Web", Action: "sites/config/list/action", Permission: "Microsoft.Web/sites/config/list/action"},
			{Service: graphService, Action: "policies", Permission: "Policy.ReadWrite.ConditionalAccess"},
		},
		Granted:    granted,
		DeniedCode: "AuthorizationFailed",

		Fake: func(snap *snapshot.Snapshot, opts ...fakecloud.Option) *fakecloud.Core {
			return azurefake.New(snap, opts...).Core
		},
		Collect: func(ctx context.Context, opts collectors.Options) (*snapshot.Snapshot, error) {
			// Through fleet mode, as `collect azure` without --subscription: the fake's only
			// subscription.
			f, err := NewFleet(staticCredential{}, "", nil, opts)
			if err != nil {
				return nil, err
			}
			members, err := f.Members(ctx)
			if err != nil {
				return nil, err
			}
			if len(members) != 1 {
				return nil, fmt.Errorf("the fake lists %d subscriptions, want 1", len(members))
			}
			c, err := f.Collector(ctx, members[0])
			if err != nil {
				return nil, err
			}
			return c.Collect(ctx)
		},
		ThrottleOp: opPricingsRead.Name(),

		Latency:         latencySeed(t),
		LatencyServices: []string{"storage"},
		MinSpeedup:      5,
	})
}
