package gcp

import (
	"context"

	iam "google.golang.org/api/iam/v1"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

const iamHost = "iam.googleapis.com"

var (
	opServiceAccountsList = register("iam", "serviceAccounts.list", "iam.serviceAccounts.list", iamHost, "GET", "/v1/projects/{p}/serviceAccounts")
	opServiceAccountKeys  = register("iam", "serviceAccounts.keys.list", "iam.serviceAccountKeys.list", iamHost, "GET", "/v1/projects/{p}/serviceAccounts/{sa}/keys")
)

func init() {
	services.Register(collection.Service[*run]{Name: "iam", Global: true,
		Owns: []string{"gcp_iam_service_account"}, New: newIAM})
}

type iamService struct {
	r   *run
	cli *iam.Service
	err error
}

func newIAM(r *run, u *collection.Unit) collection.Starter {
	cli, err := iam.NewService(context.Background(), r.clientOptions("https://"+iamHost+"/")...)
	return &iamService{r: r, cli: cli, err: err}
}

func (s *iamService) Start(u *collection.Unit) {
	u.Go(func(ctx context.Context) { s.accounts(ctx, u) })
}

// accounts lists the service accounts and reads each one's keys (metadata only: keys.list never
// returns private key data).
func (s *iamService) accounts(ctx context.Context, u *collection.Unit) {
	s.r.Call(ctx, opServiceAccountsList, collection.ListTarget("gcp_iam_service_account", snapshot.GlobalRegion), func(ctx context.Context) error {
		if s.err != nil {
			return s.err
		}
		return s.cli.Projects.ServiceAccounts.List("projects/"+s.r.projectID).Pages(ctx, func(p *iam.ListServiceAccountsResponse) error {
			for _, a := range p.Accounts {
				res := snapshot.Resource{
					"id": "//iam.googleapis.com/projects/" + s.r.projectID + "/serviceAccounts/" + a.Email, "name": a.Email,
					"region": snapshot.GlobalRegion, "tags": map[string]string{},
					"email": a.Email, "unique_id": a.UniqueId, "display_name": a.DisplayName, "disabled": a.Disabled, "keys": nil,
				}
				s.r.Add("gcp_iam_service_account", res)
				u.Go(func(ctx context.Context) { s.keys(ctx, res, a.Email) })
			}
			return nil
		})
	})
}

func (s *iamService) keys(ctx context.Context, res snapshot.Resource, email string) {
	t := collection.Target{Type: "gcp_iam_service_account", ID: s.r.ID(res), Region: snapshot.GlobalRegion, Attrs: []string{"keys"}}
	s.r.Call(ctx, opServiceAccountKeys, t, func(ctx context.Context) error {
		resp, err := s.cli.Projects.ServiceAccounts.Keys.List("projects/" + s.r.projectID + "/serviceAccounts/" + email).Context(ctx).Do()
		if err != nil {
			return err
		}
		keys := []any{}
		for _, k := range resp.Keys {
			keys = append(keys, map[string]any{
				"key_id": last(k.Name), "key_type": k.KeyType, "key_origin": k.KeyOrigin,
				"valid_after_time": k.ValidAfterTime, "valid_before_time": k.ValidBeforeTime, "disabled": k.Disabled,
			})
		}
		s.r.Set(res, "keys", keys)
		return nil
	})
}
