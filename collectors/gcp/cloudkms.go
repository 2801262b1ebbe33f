package gcp

import (
	"context"
	"strconv"
	"strings"

	cloudkms "google.golang.org/api/cloudkms/v1"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

const kmsHost = "cloudkms.googleapis.com"

var (
	opKMSLocationsList     = register("cloudkms", "locations.list", "cloudkms.locations.list", kmsHost, "GET", "/v1/projects/{p}/locations")
	opKeyRingsList         = register("cloudkms", "keyRings.list", "cloudkms.keyRings.list", kmsHost, "GET", "/v1/projects/{p}/locations/{l}/keyRings")
	opKeyRingsGetIamPolicy = register("cloudkms", "keyRings.getIamPolicy", "cloudkms.keyRings.getIamPolicy", kmsHost, "GET", "/v1/projects/{p}/locations/{l}/keyRings/{r}:getIamPolicy")
	opCryptoKeysList       = register("cloudkms", "cryptoKeys.list", "cloudkms.cryptoKeys.list", kmsHost, "GET", "/v1/projects/{p}/locations/{l}/keyRings/{r}/cryptoKeys")
	opCryptoKeysGetIamPol  = register("cloudkms", "cryptoKeys.getIamPolicy", "cloudkms.cryptoKeys.getIamPolicy", kmsHost, "GET", "/v1/projects/{p}/locations/{l}/keyRings/{r}/cryptoKeys/{k}:getIamPolicy")
)

func init() {
	services.Register(collection.Service[*run]{Name: "cloudkms", Global: true,
		Owns: []string{"gcp_kms_key_ring", "gcp_kms_crypto_key"}, New: newKMS})
}

type kmsService struct {
	r   *run
	cli *cloudkms.Service
	err error
}

func newKMS(r *run, u *collection.Unit) collection.Starter {
	cli, err := cloudkms.NewService(context.Background(), r.clientOptions("https://"+kmsHost+"/")...)
	return &kmsService{r: r, cli: cli, err: err}
}

func (s *kmsService) Start(u *collection.Unit) {
	u.Go(func(ctx context.Context) { s.locations(ctx, u) })
}

// locations lists the KMS locations, then the key rings of each in a task of its own.
func (s *kmsService) locations(ctx context.Context, u *collection.Unit) {
	targets := []collection.Target{collection.ListTarget("gcp_kms_key_ring", snapshot.GlobalRegion), collection.ListTarget("gcp_kms_crypto_key", snapshot.GlobalRegion)}
	s.r.callAll(ctx, opKMSLocationsList, targets, func(ctx context.Context) error {
		if s.err != nil {
			return s.err
		}
		return s.cli.Projects.Locations.List("projects/"+s.r.projectID).Pages(ctx, func(p *cloudkms.ListLocationsResponse) error {
			for _, l := range p.Locations {
				loc := l.LocationId
				u.Go(func(ctx context.Context) { s.keyRings(ctx, u, loc) })
			}
			return nil
		})
	})
}

func (s *kmsService) keyRings(ctx context.Context, u *collection.Unit, loc string) {
	targets := []collection.Target{collection.ListTarget("gcp_kms_key_ring", loc), collection.ListTarget("gcp_kms_crypto_key", loc)}
	s.r.callAll(ctx, opKeyRingsList, targets, func(ctx context.Context) error {
		return s.cli.Projects.Locations.KeyRings.List("projects/"+s.r.projectID+"/locations/"+loc).Pages(ctx, func(p *cloudkms.ListKeyRingsResponse) error {
			for _, kr := range p.KeyRings {
				res := snapshot.Resource{"id": "//cloudkms.googleapis.com/" + kr.Name, "name": last(kr.Name), "region": loc,
					"tags": map[string]string{}, "location": loc, "iam_policy": nil}
				s.r.Add("gcp_kms_key_ring", res)
				name := kr.Name
				u.Go(func(ctx context.Context) { s.ringPolicy(ctx, res, name) })
				u.Go(func(ctx context.Context) { s.cryptoKeys(ctx, u, name, loc) })
			}
			return nil
		})
	})
}

func kmsPolicy(p *cloudkms.Policy) map[string]any {
	bindings := []any{}
	for _, b := range p.Bindings {
		var title, expr string
		if b.Condition != nil {
			title, expr = b.Condition.Title, b.Condition.Expression
		}
		bindings = append(bindings, binding(b.Role, b.Members, b.Condition != nil, title, expr))
	}
	return map[string]any{"bindings": bindings}
}

func (s *kmsService) ringPolicy(ctx context.Context, res snapshot.Resource, name string) {
	t := collection.Target{Type: "gcp_kms_key_ring", ID: s.r.ID(res), Region: s.r.Region(res), Attrs: []string{"iam_policy"}}
	s.r.Call(ctx, opKeyRingsGetIamPolicy, t, func(ctx context.Context) error {
		p, err := s.cli.Projects.Locations.KeyRings.GetIamPolicy(name).OptionsRequestedPolicyVersion(3).Context(ctx).Do()
		if err != nil {
			return err
		}
		s.r.Set(res, "iam_policy", kmsPolicy(p))
		return nil
	})
}

// seconds parses a protobuf duration ("7776000s").
func seconds(d string) any {
	if d == "" {
		return nil
	}
	f, err := strconv.ParseFloat(strings.TrimSuffix(d, "s"), 64)
	if err != nil {
		return nil
	}
	return int64(f)
}

func (s *kmsService) cryptoKeys(ctx context.Context, u *collection.Unit, ring, loc string) {
	t := collection.Target{Type: "gcp_kms_crypto_key", Region: loc}
	s.r.Call(ctx, opCryptoKeysList, t, func(ctx context.Context) error {
		return s.cli.Projects.Locations.KeyRings.CryptoKeys.List(ring).Pages(ctx, func(p *cloudkms.ListCryptoKeysResponse) error {
			for _, k := range p.CryptoKeys {
				var state any
				if k.Primary != nil {
					state = k.Primary.State
				}
				res := snapshot.Resource{"id": "//cloudkms.googleapis.com/" + k.Name, "name": last(k.Name), "region": loc,
					"tags": labels(k.Labels), "key_ring": last(ring), "purpose": k.Purpose, "primary_state": state,
					"create_time": k.CreateTime, "rotation_period_seconds": seconds(k.RotationPeriod),
					"next_rotation_time": nullable(k.NextRotationTime), "iam_policy": nil}
				s.r.Add("gcp_kms_crypto_key", res)
				name := k.Name
				u.Go(func(ctx context.Context) { s.keyPolicy(ctx, res, name) })
			}
			return nil
		})
	})
}

func (s *kmsService) keyPolicy(ctx context.Context, res snapshot.Resource, name string) {
	t := collection.Target{Type: "gcp_kms_crypto_key", ID: s.r.ID(res), Region: s.r.Region(res), Attrs: []string{"iam_policy"}}
	s.r.Call(ctx, opCryptoKeysGetIamPol, t, func(ctx context.Context) error {
		p, err := s.cli.Projects.Locations.KeyRings.CryptoKeys.GetIamPolicy(name).OptionsRequestedPolicyVersion(3).Context(ctx).Do()
		if err != nil {
			return err
		}
		s.r.Set(res, "iam_policy", kmsPolicy(p))
		return nil
	})
}
