package azure

import (
	"context"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

var opCosmosAccountsRead = registerARM("Microsoft.DocumentDB", "databaseAccounts/read", "/subscriptions/[^/]+/providers/Microsoft.DocumentDB/databaseAccounts")

func init() {
	services.Register(collection.Service[*run]{Name: "cosmosdb", Global: true,
		Owns: []string{"azure_cosmosdb_account"}, New: newCosmos})
}

// cosmosService collects Cosmos DB accounts (network rules and authentication as listed; the
// account keys are never read).
type cosmosService struct{ r *run }

func newCosmos(r *run, _ *collection.Unit) collection.Starter { return &cosmosService{r: r} }

// Start implements collection.Starter.
func (s *cosmosService) Start(u *collection.Unit) {
	u.Go(func(ctx context.Context) {
		listARM(ctx, s.r, u, opCosmosAccountsRead, "azure_cosmosdb_account",
			"/providers/Microsoft.DocumentDB/databaseAccounts?api-version=2024-05-15", cosmosAccount, nil)
	})
}

type armCosmosAccount struct {
	armResource
	Properties struct {
		PublicNetworkAccess           *string `json:"publicNetworkAccess"`
		IsVirtualNetworkFilterEnabled bool    `json:"isVirtualNetworkFilterEnabled"`
		IPRules                       []struct {
			IPAddressOrRange string `json:"ipAddressOrRange"`
		} `json:"ipRules"`
		VirtualNetworkRules []struct {
			ID string `json:"id"`
		} `json:"virtualNetworkRules"`
		PrivateEndpointConnections privateEndpointConnections `json:"privateEndpointConnections"`
		DisableLocalAuth           bool                       `json:"disableLocalAuth"`
	} `json:"properties"`
}

func cosmosAccount(a armCosmosAccount) snapshot.Resource {
	p := a.Properties
	res := a.base()
	ips, vnets := []any{}, []any{}
	for _, ip := range p.IPRules {
		ips = append(ips, ip.IPAddressOrRange)
	}
	for _, v := range p.VirtualNetworkRules {
		vnets = append(vnets, v.ID)
	}
	res["public_network_access"] = strOr(p.PublicNetworkAccess, "Enabled")
	res["is_virtual_network_filter_enabled"] = p.IsVirtualNetworkFilterEnabled
	res["ip_rules"], res["virtual_network_rules"] = ips, vnets
	res["private_endpoint_connections"] = p.PrivateEndpointConnections.value()
	res["disable_local_auth"] = p.DisableLocalAuth
	return res
}
