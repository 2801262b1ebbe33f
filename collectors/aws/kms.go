package aws

import (
	"context"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

// KMS operations. Permissions equal the operation names.
var (
	opKMSListKeys             = register("KMS", "kms", "ListKeys", "")
	opKMSListAliases          = register("KMS", "kms", "ListAliases", "")
	opKMSDescribeKey          = register("KMS", "kms", "DescribeKey", "")
	opKMSGetKeyRotationStatus = register("KMS", "kms", "GetKeyRotationStatus", "")
	opKMSListResourceTags     = register("KMS", "kms", "ListResourceTags", "")
)

func init() {
	services.Register(collection.Service[*run]{Name: "kms", Owns: []string{"aws_kms_key"}, New: newKMS})
}

// kmsService lists one region's KMS keys and their aliases, then describes each key and, where
// rotation applies, reads its rotation status. The alias list and the key list run side by
// side; whichever of a key's description and the alias list comes last names the key (its
// first alias; its id when it has none or the list failed).
type kmsService struct {
	r      *run
	region string
	cli    *kms.Client

	mu      sync.Mutex
	aliases map[string]string // target key id -> first alias; nil until listed
	keys    []snapshot.Resource
}

func newKMS(r *run, u *collection.Unit) collection.Starter {
	return &kmsService{r: r, region: u.Region, cli: newClient(r, u.Region, kms.NewFromConfig)}
}

func (s *kmsService) Start(u *collection.Unit) {
	u.Go(s.listAliases)
	u.Go(func(ctx context.Context) { s.listKeys(ctx, u) })
}

// name names a key after its alias, once the aliases are known (caller holds s.mu).
func (s *kmsService) name(res snapshot.Resource) {
	if s.aliases == nil {
		return
	}
	if a, ok := s.aliases[s.r.Get(res, "key_id").(string)]; ok {
		s.r.Set(res, "name", a)
	}
}

func (s *kmsService) listAliases(ctx context.Context) {
	const typ = "aws_kms_key"
	r, reg, cli := s.r, s.region, s.cli
	found := map[string]string{}
	ok := r.Call(ctx, opKMSListAliases, collection.Target{Type: typ, Region: reg, Attrs: []string{"name"}}, func(ctx context.Context) error {
		return eachPage(ctx, kms.NewListAliasesPaginator(cli, &kms.ListAliasesInput{}), func(out *kms.ListAliasesOutput) {
			for _, a := range out.Aliases {
				k := deref(a.TargetKeyId)
				if _, seen := found[k]; !seen && k != "" {
					found[k] = deref(a.AliasName)
				}
			}
		})
	})
	s.mu.Lock()
	defer s.mu.Unlock()
	if !ok {
		return
	}
	s.aliases = found
	for _, k := range s.keys {
		s.name(k)
	}
}

func (s *kmsService) listKeys(ctx context.Context, u *collection.Unit) {
	const typ = "aws_kms_key"
	r, reg, cli := s.r, s.region, s.cli
	var list []kmstypes.KeyListEntry
	if !r.Call(ctx, opKMSListKeys, collection.ListTarget(typ, reg), func(ctx context.Context) error {
		return eachPage(ctx, kms.NewListKeysPaginator(cli, &kms.ListKeysInput{}), func(out *kms.ListKeysOutput) {
			list = append(list, out.Keys...)
		})
	}) {
		return
	}
	for _, k := range list {
		u.Go(func(ctx context.Context) { s.key(ctx, k) })
	}
}

// key describes one key and reads its rotation status and tags.
func (s *kmsService) key(ctx context.Context, k kmstypes.KeyListEntry) {
	const typ = "aws_kms_key"
	r, reg, cli := s.r, s.region, s.cli
	arn := deref(k.KeyArn)
	t := func(attrs ...string) collection.Target {
		return collection.Target{Type: typ, ID: arn, Region: reg, Attrs: attrs}
	}
	var md *kmstypes.KeyMetadata
	if !r.Call(ctx, opKMSDescribeKey, t(), func(ctx context.Context) error {
		out, err := cli.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(arn)})
		if err != nil {
			return err
		}
		md = out.KeyMetadata
		return nil
	}) || md == nil {
		return
	}
	id := deref(md.KeyId)
	res := snapshot.Resource{
		"id": arn, "name": id, "region": reg, "tags": map[string]string{},
		"key_id": id, "key_manager": string(md.KeyManager), "key_spec": string(md.KeySpec),
		"key_usage": string(md.KeyUsage), "key_state": string(md.KeyState), "origin": string(md.Origin),
		"rotation_enabled": nil,
	}
	s.mu.Lock()
	s.keys = append(s.keys, res)
	s.name(res)
	s.mu.Unlock()
	r.Add(typ, res)
	// Automatic rotation exists only for symmetric encryption keys with key material
	// from KMS that the customer manages; elsewhere it stays null.
	if md.KeyManager == kmstypes.KeyManagerTypeCustomer && md.KeySpec == kmstypes.KeySpecSymmetricDefault && md.Origin == kmstypes.OriginTypeAwsKms {
		r.Call(ctx, opKMSGetKeyRotationStatus, t("rotation_enabled"), func(ctx context.Context) error {
			out, err := cli.GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: aws.String(arn)})
			if err != nil {
				return err
			}
			r.Set(res, "rotation_enabled", out.KeyRotationEnabled)
			return nil
		})
	}
	// AWS managed keys carry no tags the account can set.
	if md.KeyManager == kmstypes.KeyManagerTypeCustomer {
		tags := map[string]string{}
		if r.Call(ctx, opKMSListResourceTags, t("tags"), func(ctx context.Context) error {
			return eachPage(ctx, kms.NewListResourceTagsPaginator(cli, &kms.ListResourceTagsInput{KeyId: aws.String(arn)}), func(out *kms.ListResourceTagsOutput) {
				addTags(tags, out.Tags, kmsTag)
			})
		}) {
			r.Set(res, "tags", tags)
		} else {
			r.Set(res, "tags", nil)
		}
	}
}

func kmsTag(t kmstypes.Tag) (*string, *string) { return t.TagKey, t.TagValue }
