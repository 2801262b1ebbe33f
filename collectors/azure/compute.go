package azure

import (
	"context"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

const computeAPI = "2024-03-01"

// systemUpdatesAssessment is the Defender for Cloud assessment "System updates should be
// installed on your machines (powered by Azure Update Manager)".
const systemUpdatesAssessment = "e1145ab1-eb4f-43d8-911b-36ddf771d13f"

var (
	opDisksRead        = registerARM("Microsoft.Compute", "disks/read", "/subscriptions/[^/]+/providers/Microsoft.Compute/disks")
	opVMsRead          = registerARM("Microsoft.Compute", "virtualMachines/read", "/subscriptions/[^/]+/providers/Microsoft.Compute/virtualMachines")
	opVMExtensionsRead = registerARM("Microsoft.Compute", "virtualMachines/extensions/read", "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.Compute/virtualMachines/[^/]+/extensions")
	opAssessmentsRead  = registerARM("Microsoft.Security", "assessments/read", "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.Compute/virtualMachines/[^/]+/providers/Microsoft.Security/assessments/[^/]+")
)

func init() {
	services.Register(collection.Service[*run]{Name: "compute", Global: true,
		Owns: []string{"azure_compute_disk", "azure_compute_virtual_machine"}, New: newCompute})
}

// computeService collects managed disks and virtual machines (disks, security type, extensions,
// Defender's system updates assessment).
type computeService struct{ r *run }

func newCompute(r *run, _ *collection.Unit) collection.Starter { return &computeService{r: r} }

// Start implements collection.Starter.
func (s *computeService) Start(u *collection.Unit) {
	u.Go(func(ctx context.Context) {
		listARM(ctx, s.r, u, opDisksRead, "azure_compute_disk", "/providers/Microsoft.Compute/disks?api-version=2024-03-02", disk, nil)
	})
	u.Go(func(ctx context.Context) {
		listARM(ctx, s.r, u, opVMsRead, "azure_compute_virtual_machine", "/providers/Microsoft.Compute/virtualMachines?api-version="+computeAPI, virtualMachine,
			func(res snapshot.Resource) {
				u.Go(func(ctx context.Context) { s.extensions(ctx, res) })
				u.Go(func(ctx context.Context) { s.assessment(ctx, res) })
			})
	})
}

type armVMDisk struct {
	Name        string `json:"name"`
	OSType      string `json:"osType"`
	ManagedDisk *struct {
		ID string `json:"id"`
	} `json:"managedDisk"`
}

type armVM struct {
	armResource
	Properties struct {
		StorageProfile struct {
			OSDisk    armVMDisk   `json:"osDisk"`
			DataDisks []armVMDisk `json:"dataDisks"`
		} `json:"storageProfile"`
		SecurityProfile *struct {
			SecurityType *string `json:"securityType"`
			UefiSettings *struct {
				SecureBootEnabled bool `json:"secureBootEnabled"`
				VTpmEnabled       bool `json:"vTpmEnabled"`
			} `json:"uefiSettings"`
		} `json:"securityProfile"`
	} `json:"properties"`
}

func virtualMachine(v armVM) snapshot.Resource {
	p := v.Properties
	res := v.base()
	res["os_type"] = p.StorageProfile.OSDisk.OSType
	unmanaged := []any{}
	for _, d := range append([]armVMDisk{p.StorageProfile.OSDisk}, p.StorageProfile.DataDisks...) {
		if d.ManagedDisk == nil {
			unmanaged = append(unmanaged, d.Name)
		}
	}
	res["unmanaged_disks"] = unmanaged
	res["security_type"], res["secure_boot_enabled"], res["vtpm_enabled"] = nil, false, false
	if sp := p.SecurityProfile; sp != nil {
		res["security_type"] = strOrNil(sp.SecurityType)
		if sp.UefiSettings != nil {
			res["secure_boot_enabled"], res["vtpm_enabled"] = sp.UefiSettings.SecureBootEnabled, sp.UefiSettings.VTpmEnabled
		}
	}
	res["extensions"], res["system_updates_assessment"] = nil, nil
	return res
}

func (s *computeService) extensions(ctx context.Context, res snapshot.Resource) {
	t := collection.Target{Type: "azure_compute_virtual_machine", ID: s.r.ID(res), Region: s.r.Region(res), Attrs: []string{"extensions"}}
	s.r.Call(ctx, opVMExtensionsRead, t, func(ctx context.Context) error {
		list, err := listAll[struct {
			Name       string `json:"name"`
			Properties struct {
				Publisher         string `json:"publisher"`
				Type              string `json:"type"`
				ProvisioningState string `json:"provisioningState"`
			} `json:"properties"`
		}](ctx, s.r.arm, s.r.ID(res)+"/extensions?api-version="+computeAPI)
		if err != nil {
			return err
		}
		out := []any{}
		for _, e := range list {
			out = append(out, map[string]any{"name": e.Name, "publisher": e.Properties.Publisher, "type": e.Properties.Type, "provisioning_state": e.Properties.ProvisioningState})
		}
		s.r.Set(res, "extensions", out)
		return nil
	})
}

// assessment reads Defender's system updates assessment of the VM; none (404) is null, which
// the check reports as undecided.
func (s *computeService) assessment(ctx context.Context, res snapshot.Resource) {
	t := collection.Target{Type: "azure_compute_virtual_machine", ID: s.r.ID(res), Region: s.r.Region(res), Attrs: []string{"system_updates_assessment"}}
	s.r.Call(ctx, opAssessmentsRead, t, func(ctx context.Context) error {
		var a struct {
			Properties struct {
				Status struct {
					Code string `json:"code"`
				} `json:"status"`
			} `json:"properties"`
		}
		err := s.r.arm.get(ctx, s.r.ID(res)+"/providers/Microsoft.Security/assessments/"+systemUpdatesAssessment+"?api-version=2020-01-01", &a)
		if isNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		s.r.Set(res, "system_updates_assessment", a.Properties.Status.Code)
		return nil
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
