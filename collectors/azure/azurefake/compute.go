package azurefake

import (
	"net/http"

	"github.com/incloud/incloud/pkg/snapshot"
)

func (s *Server) computeRoutes() {
	s.armList("Microsoft.Compute:virtualMachines/read", sub+"/providers/Microsoft.Compute/virtualMachines", "azure_compute_virtual_machine",
		func(r snapshot.Resource) map[string]any {
			out := armBase(r, "Microsoft.Compute/virtualMachines")
			// The first unmanaged disk is the OS disk (a VHD), the others data disks; without
			// unmanaged disks the OS disk is managed.
			osDisk := map[string]any{"name": str(r, "name") + "_OsDisk_1", "osType": r["os_type"], "createOption": "FromImage",
				"managedDisk": map[string]any{"id": r.ID() + "_OsDisk_1"}}
			data := []any{}
			for i, d := range list(r["unmanaged_disks"]) {
				vhd := map[string]any{"name": d, "vhd": map[string]any{"uri": "https://legacy.blob.core.windows.net/vhds/" + d.(string) + ".vhd"}}
				if i == 0 {
					vhd["osType"], vhd["createOption"] = r["os_type"], "FromImage"
					osDisk = vhd
					continue
				}
				data = append(data, vhd)
			}
			props := map[string]any{"storageProfile": map[string]any{"osDisk": osDisk, "dataDisks": data}, "provisioningState": "Succeeded"}
			if t := r["security_type"]; t != nil {
				props["securityProfile"] = map[string]any{"securityType": t,
					"uefiSettings": map[string]any{"secureBootEnabled": r["secure_boot_enabled"], "vTpmEnabled": r["vtpm_enabled"]}}
			}
			out["properties"] = props
			return out
		})
	const vm = "(" + rg + "/providers/Microsoft.Compute/virtualMachines/[^/]+)"
	s.armSub("Microsoft.Compute:virtualMachines/extensions/read", vm+"/extensions", "azure_compute_virtual_machine", func(w http.ResponseWriter, req *http.Request, r snapshot.Resource, _ []string) {
		var items []any
		for _, x := range list(r["extensions"]) {
			e := obj(x)
			items = append(items, map[string]any{"name": e["name"], "properties": map[string]any{"publisher": e["publisher"], "type": e["type"],
				"provisioningState": e["provisioning_state"], "typeHandlerVersion": "1.0"}})
		}
		s.page(w, req, items, "nextLink")
	})
	s.armSub("Microsoft.Security:assessments/read", vm+"/providers/Microsoft.Security/assessments/[^/]+", "azure_compute_virtual_machine", func(w http.ResponseWriter, _ *http.Request, r snapshot.Resource, _ []string) {
		code := r["system_updates_assessment"]
		if code == nil {
			writeError(w, http.StatusNotFound, "AssessmentNotFound", "The assessment was not found.")
			return
		}
		writeJSON(w, map[string]any{"name": "e1145ab1-eb4f-43d8-911b-36ddf771d13f", "properties": map[string]any{
			"displayName": "System updates should be installed on your machines", "status": map[string]any{"code": code}}})
	})
}
