package azure

import (
	"context"
	"strings"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

const (
	storageAPI     = "2023-05-01"
	diagnosticsAPI = "2021-05-01-preview"
)

var (
	opStorageAccountsList = registerARM("Microsoft.Storage", "storageAccounts/read", "/subscriptions/[^/]+/providers/Microsoft.Storage/storageAccounts")
	opBlobServicesRead    = registerARM("Microsoft.Storage", "storageAccounts/blobServices/read", "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.Storage/storageAccounts/[^/]+/blobServices/default")
	// opDiagnosticSettingsRead reads the diagnostic settings of any resource (storage services,
	// key vaults, the subscription's activity log).
	opDiagnosticSettingsRead = registerARM("Microsoft.Insights", "diagnosticSettings/read", "/.+/providers/Microsoft.Insights/diagnosticSettings")
)

func init() {
	services.Register(collection.Service[*run]{Name: "storage", Global: true,
		Owns: []string{"azure_storage_account"}, New: newStorage})
}

// storageService collects storage accounts: the account list, then per account its blob
// service properties and the diagnostic settings of its blob, queue and table services.
type storageService struct{ r *run }

func newStorage(r *run, _ *collection.Unit) collection.Starter { return &storageService{r: r} }

// Start implements collection.Starter.
func (s *storageService) Start(u *collection.Unit) {
	u.Go(func(ctx context.Context) { s.accounts(ctx, u) })
}

type storageAccount struct {
	armResource
	Kind       string `json:"kind"`
	Properties struct {
		SupportsHTTPSTrafficOnly    *bool   `json:"supportsHttpsTrafficOnly"`
		MinimumTLSVersion           *string `json:"minimumTlsVersion"`
		AllowBlobPublicAccess       *bool   `json:"allowBlobPublicAccess"`
		AllowSharedKeyAccess        *bool   `json:"allowSharedKeyAccess"`
		AllowCrossTenantReplication *bool   `json:"allowCrossTenantReplication"`
		PublicNetworkAccess         *string `json:"publicNetworkAccess"`
		Encryption                  struct {
			KeySource                       *string `json:"keySource"`
			RequireInfrastructureEncryption *bool   `json:"requireInfrastructureEncryption"`
		} `json:"encryption"`
		NetworkACLs struct {
			DefaultAction *string `json:"defaultAction"`
			Bypass        *string `json:"bypass"`
		} `json:"networkAcls"`
		PrivateEndpointConnections privateEndpointConnections `json:"privateEndpointConnections"`
		KeyPolicy                  *struct {
			KeyExpirationPeriodInDays *int `json:"keyExpirationPeriodInDays"`
		} `json:"keyPolicy"`
		KeyCreationTime struct {
			Key1 *string `json:"key1"`
			Key2 *string `json:"key2"`
		} `json:"keyCreationTime"`
		SASPolicy *struct {
			SASExpirationPeriod string `json:"sasExpirationPeriod"`
		} `json:"sasPolicy"`
	} `json:"properties"`
}

func (s *storageService) accounts(ctx context.Context, u *collection.Unit) {
	s.r.Call(ctx, opStorageAccountsList, collection.ListTarget("azure_storage_account", ""), func(ctx context.Context) error {
		list, err := listAll[storageAccount](ctx, s.r.arm, s.r.subscriptionPath()+"/providers/Microsoft.Storage/storageAccounts?api-version="+storageAPI)
		if err != nil {
			return err
		}
		for _, a := range list {
			res := storageResource(a)
			s.r.Add("azure_storage_account", res)
			u.Go(func(ctx context.Context) { s.blobService(ctx, res) })
			for _, svc := range []string{"blob", "queue", "table"} {
				u.Go(func(ctx context.Context) { s.diagnostics(ctx, res, svc) })
			}
		}
		return nil
	})
}

// storageResource converts an account as listed; absent booleans take Azure's documented
// defaults (shared key access and cross-tenant replication allowed, public network access
// enabled, no infrastructure encryption, Microsoft-managed keys).
func storageResource(a storageAccount) snapshot.Resource {
	p := a.Properties
	res := a.base()
	res["kind"] = a.Kind
	res["https_only"] = boolOr(p.SupportsHTTPSTrafficOnly, true)
	res["minimum_tls_version"] = strOr(p.MinimumTLSVersion, "TLS1_0")
	res["allow_blob_public_access"] = boolOr(p.AllowBlobPublicAccess, false)
	res["allow_shared_key_access"] = boolOr(p.AllowSharedKeyAccess, true)
	res["allow_cross_tenant_replication"] = boolOr(p.AllowCrossTenantReplication, true)
	res["infrastructure_encryption"] = boolOr(p.Encryption.RequireInfrastructureEncryption, false)
	res["encryption_key_source"] = strOr(p.Encryption.KeySource, "Microsoft.Storage")
	res["public_network_access"] = strOr(p.PublicNetworkAccess, "Enabled")
	res["network_default_action"] = strOr(p.NetworkACLs.DefaultAction, "Allow")
	bypass := []any{}
	for _, b := range strings.Split(strOr(p.NetworkACLs.Bypass, "None"), ",") {
		if b = strings.TrimSpace(b); b != "" {
			bypass = append(bypass, b)
		}
	}
	res["network_bypass"] = bypass
	res["private_endpoint_connections"] = p.PrivateEndpointConnections.value()
	res["key_expiration_period_days"] = nil
	if p.KeyPolicy != nil && p.KeyPolicy.KeyExpirationPeriodInDays != nil {
		res["key_expiration_period_days"] = *p.KeyPolicy.KeyExpirationPeriodInDays
	}
	res["key_creation_times"] = map[string]any{"key1": timeOrNil(p.KeyCreationTime.Key1), "key2": timeOrNil(p.KeyCreationTime.Key2)}
	res["sas_expiration_period"] = nil
	if p.SASPolicy != nil && p.SASPolicy.SASExpirationPeriod != "" {
		res["sas_expiration_period"] = p.SASPolicy.SASExpirationPeriod
	}
	for _, k := range []string{"blob_soft_delete", "container_soft_delete", "blob_diagnostic_settings", "queue_diagnostic_settings", "table_diagnostic_settings"} {
		res[k] = nil
	}
	return res
}

type retentionPolicy struct {
	Enabled bool `json:"enabled"`
	Days    *int `json:"days"`
}

func (p retentionPolicy) value() map[string]any {
	v := map[string]any{"enabled": p.Enabled, "days": nil}
	if p.Enabled && p.Days != nil {
		v["days"] = *p.Days
	}
	return v
}

func (s *storageService) blobService(ctx context.Context, res snapshot.Resource) {
	id := s.r.ID(res)
	t := collection.Target{Type: "azure_storage_account", ID: id, Region: s.r.Region(res), Attrs: []string{"blob_soft_delete", "container_soft_delete"}}
	s.r.Call(ctx, opBlobServicesRead, t, func(ctx context.Context) error {
		var svc struct {
			Properties struct {
				DeleteRetentionPolicy          retentionPolicy `json:"deleteRetentionPolicy"`
				ContainerDeleteRetentionPolicy retentionPolicy `json:"containerDeleteRetentionPolicy"`
			} `json:"properties"`
		}
		if err := s.r.arm.get(ctx, id+"/blobServices/default?api-version="+storageAPI, &svc); err != nil {
			return err
		}
		s.r.Set(res, "blob_soft_delete", svc.Properties.DeleteRetentionPolicy.value())
		s.r.Set(res, "container_soft_delete", svc.Properties.ContainerDeleteRetentionPolicy.value())
		return nil
	})
}

func (s *storageService) diagnostics(ctx context.Context, res snapshot.Resource, svc string) {
	id := s.r.ID(res)
	attr := svc + "_diagnostic_settings"
	t := collection.Target{Type: "azure_storage_account", ID: id, Region: s.r.Region(res), Attrs: []string{attr}}
	s.r.Call(ctx, opDiagnosticSettingsRead, t, func(ctx context.Context) error {
		v, err := diagnosticSettings(ctx, s.r.arm, id+"/"+svc+"Services/default")
		if err != nil {
			return err
		}
		s.r.Set(res, attr, v)
		return nil
	})
}

type diagnosticSetting struct {
	Name       string `json:"name"`
	Properties struct {
		StorageAccountID            *string `json:"storageAccountId"`
		WorkspaceID                 *string `json:"workspaceId"`
		EventHubAuthorizationRuleID *string `json:"eventHubAuthorizationRuleId"`
		Logs                        []struct {
			Category      *string `json:"category"`
			CategoryGroup *string `json:"categoryGroup"`
			Enabled       bool    `json:"enabled"`
		} `json:"logs"`
	} `json:"properties"`
}

// diagnosticSettings lists the diagnostic settings of the resource at path.
func diagnosticSettings(ctx context.Context, a api, path string) ([]any, error) {
	list, err := listAll[diagnosticSetting](ctx, a, path+"/providers/Microsoft.Insights/diagnosticSettings?api-version="+diagnosticsAPI)
	if err != nil {
		return nil, err
	}
	out := []any{}
	for _, d := range list {
		logs := []any{}
		for _, l := range d.Properties.Logs {
			logs = append(logs, map[string]any{"category": strOrNil(l.Category), "category_group": strOrNil(l.CategoryGroup), "enabled": l.Enabled})
		}
		out = append(out, map[string]any{
			"name":                            d.Name,
			"storage_account_id":              strOrNil(d.Properties.StorageAccountID),
			"workspace_id":                    strOrNil(d.Properties.WorkspaceID),
			"event_hub_authorization_rule_id": strOrNil(d.Properties.EventHubAuthorizationRuleID),
			"logs":                            logs,
		})
	}
	return out, nil
}
