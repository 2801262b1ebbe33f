package azure

import (
	"context"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

var opDisksRead = registerARM("Microsoft.Compute", "disks/read", "/subscriptions/[^/]+/providers/Microsoft.Compute/disks")

func init() {
	services.Register(collection.Service[*run]{Name: "compute", Global: true,
		Owns: []string{"azure_compute_disk"}, New: newCompute})
}

// computeService collects managed disks.
type computeService struct{ r *run }

func newCompute(r *run, _ *collection.Unit) collection.Starter { return &computeService{r: r} }

// Start implements collection.Starter.
func (s *computeService) Start(u *collection.Unit) {
	u.Go(func(ctx context.Context) {
		listARM(ctx, s.r, u, opDisksRead, "azure_compute_disk", "/providers/Microsoft.Compute/disks?api-version=2024-03-02", disk, nil)
	})
}

type armDisk struct {
	armResource
	Properties struct {
		DiskState  string `json:"diskState"`
		Encryption struct {
			Type *string `json:"type"`
		} `json:"encryption"`
		NetworkAccessPolicy *string `json:"networkAccessPolicy"`
		PublicNetworkAccess *string `json:"publicNetworkAccess"`
		DataAccessAuthMode  *string `json:"dataAccessAuthMode"`
	} `json:"properties"`
}

// disk converts a managed disk; absent settings take Azure's defaults (platform keys, export
// allowed from all networks).
func disk(d armDisk) snapshot.Resource {
	p := d.Properties
	res := d.base()
	res["disk_state"] = p.DiskState
	res["encryption_type"] = strOr(p.Encryption.Type, "EncryptionAtRestWithPlatformKey")
	res["network_access_policy"] = strOr(p.NetworkAccessPolicy, "AllowAll")
	res["public_network_access"] = strOr(p.PublicNetworkAccess, "Enabled")
	res["data_access_auth_mode"] = strOrNil(p.DataAccessAuthMode)
	return res
}
