package aws

import (
	"context"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"

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
	registerService(service{name: "kms", owns: []string{"aws_kms_key"}, start: startKMS})
}

// startKMS lists a region's KMS keys and their aliases, then describes each key and, where
// rotation applies, reads its rotation status. The alias list and the key list run side by side;
// whichever of a key's description and the alias list comes last names the key.
func startKMS(r *run, u *unit) {
	const typ = "aws_kms_key"
	reg := u.region
	cli := kms.NewFromConfig(r.cfg, func(o *kms.Options) {
		o.Region = reg
		if e := r.endpoint(); e != nil {
			o.BaseEndpoint = e
		}
	})
	// The alias list names the keys: a key's name is its first alias (its id when it has none or
	// the list failed).
	var (
		mu      sync.Mutex
		aliases map[string]string // target key id -> first alias; nil until listed
		keys    []snapshot.Resource
	)
	name := func(res snapshot.Resource) {
		if aliases == nil {
			return
		}
		if a, ok := aliases[r.get(res, "key_id").(string)]; ok {
			r.set(res, "name", a)
		}
	}
	u.Go(func(ctx context.Context) {
		found := map[string]string{}
		ok := r.call(ctx, opKMSListAliases, target{typ: typ, region: reg, attrs: []string{"name"}}, func(ctx context.Context) error {
			return eachPage(ctx, kms.NewListAliasesPaginator(cli, &kms.ListAliasesInput{}), func(out *kms.ListAliasesOutput) {
				for _, a := range out.Aliases {
					k := deref(a.TargetKeyId)
					if _, seen := found[k]; !seen && k != "" {
						found[k] = deref(a.AliasName)
					}
				}
			})
		})
		mu.Lock()
		defer mu.Unlock()
		if !ok {
			return
		}
		aliases = found
		for _, k := range keys {
			name(k)
		}
	})
	u.Go(func(ctx context.Context) {
		var list []kmstypes.KeyListEntry
		if !r.call(ctx, opKMSListKeys, listTarget(typ, reg), func(ctx context.Context) error {
			return eachPage(ctx, kms.NewListKeysPaginator(cli, &kms.ListKeysInput{}), func(out *kms.ListKeysOutput) {
				list = append(list, out.Keys...)
			})
		}) {
			return
		}
		for _, k := range list {
			u.Go(func(ctx context.Context) {
				arn := deref(k.KeyArn)
				t := func(attrs ...string) target { return target{typ: typ, id: arn, region: reg, attrs: attrs} }
				var md *kmstypes.KeyMetadata
				if !r.call(ctx, opKMSDescribeKey, t(), func(ctx context.Context) error {
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
				mu.Lock()
				keys = append(keys, res)
				name(res)
				mu.Unlock()
				r.add(typ, res)
				// Automatic rotation exists only for symmetric encryption keys with key material
				// from KMS that the customer manages; elsewhere it stays null.
				if md.KeyManager == kmstypes.KeyManagerTypeCustomer && md.KeySpec == kmstypes.KeySpecSymmetricDefault && md.Origin == kmstypes.OriginTypeAwsKms {
					r.call(ctx, opKMSGetKeyRotationStatus, t("rotation_enabled"), func(ctx context.Context) error {
						out, err := cli.GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: aws.String(arn)})
						if err != nil {
							return err
						}
						r.set(res, "rotation_enabled", out.KeyRotationEnabled)
						return nil
					})
				}
				// AWS managed keys carry no tags the account can set.
				if md.KeyManager == kmstypes.KeyManagerTypeCustomer {
					tags := map[string]string{}
					if r.call(ctx, opKMSListResourceTags, t("tags"), func(ctx context.Context) error {
						return eachPage(ctx, kms.NewListResourceTagsPaginator(cli, &kms.ListResourceTagsInput{KeyId: aws.String(arn)}), func(out *kms.ListResourceTagsOutput) {
							for _, tg := range out.Tags {
								tags[deref(tg.TagKey)] = deref(tg.TagValue)
							}
						})
					}) {
						r.set(res, "tags", tags)
					} else {
						r.set(res, "tags", nil)
					}
				}
			})
		}
	})
}
