package aws

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/s3control"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

// S3 operations. S3 names several permissions differently from the API operations.
var (
	opS3ListBuckets                = register("S3", "s3", "ListBuckets", "s3:ListAllMyBuckets")
	opS3GetBucketLocation          = register("S3", "s3", "GetBucketLocation", "")
	opS3GetBucketTagging           = register("S3", "s3", "GetBucketTagging", "")
	opS3GetBucketAcl               = register("S3", "s3", "GetBucketAcl", "")
	opS3GetBucketPolicy            = register("S3", "s3", "GetBucketPolicy", "")
	opS3GetBucketPolicyStatus      = register("S3", "s3", "GetBucketPolicyStatus", "")
	opS3GetPublicAccessBlock       = register("S3", "s3", "GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock")
	opS3GetBucketEncryption        = register("S3", "s3", "GetBucketEncryption", "s3:GetEncryptionConfiguration")
	opS3GetBucketVersioning        = register("S3", "s3", "GetBucketVersioning", "")
	opS3GetBucketLogging           = register("S3", "s3", "GetBucketLogging", "")
	opS3GetBucketOwnershipControls = register("S3", "s3", "GetBucketOwnershipControls", "")
)

// listBucketsPageSize is the MaxBuckets of each ListBuckets page.
const listBucketsPageSize = 1000

// unknownRegion is the region of a bucket whose location could not be read.
const unknownRegion = "unknown"

func init() {
	services.Register(collection.Service[*run]{Name: "s3", Global: true, Owns: []string{"aws_s3_bucket", "aws_account.s3_public_access_block"}, New: newS3})
}

// s3Service collects the account's buckets (ListBuckets, then each bucket's configuration in
// the bucket's own region) and the account-level public access block (S3 Control).
type s3Service struct {
	r *run

	mu      sync.Mutex
	clients map[string]*s3.Client // by region: bucket calls must go to the bucket's region
	control *s3control.Client
}

func newS3(r *run, _ *collection.Unit) collection.Starter {
	return &s3Service{r: r, clients: map[string]*s3.Client{}, control: newS3ControlClient(r)}
}

// client returns the S3 client of region.
func (s *s3Service) client(region string) *s3.Client {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.clients[region]; ok {
		return c
	}
	// With a custom endpoint, bucket names go into the path, not the host name.
	pathStyle := s.r.customEndpoint("S3")
	c := newClient(s.r, region, s3.NewFromConfig, func(o *s3.Options) { o.UsePathStyle = o.UsePathStyle || pathStyle })
	s.clients[region] = c
	return c
}

func (s *s3Service) Start(u *collection.Unit) {
	r := s.r
	u.Go(s.accountPublicAccessBlock)
	u.Go(func(ctx context.Context) {
		cli := s.client(r.home)
		r.Call(ctx, opS3ListBuckets, collection.ListTarget("aws_s3_bucket", snapshot.GlobalRegion), func(ctx context.Context) error {
			return eachPage(ctx, s3.NewListBucketsPaginator(cli, &s3.ListBucketsInput{MaxBuckets: aws.Int32(listBucketsPageSize)}), func(out *s3.ListBucketsOutput) {
				for _, b := range out.Buckets {
					s.bucket(u, b)
				}
			})
		})
	})
}

// bucket records one bucket, finds its region when ListBuckets did not say, and schedules the
// calls that read its configuration.
func (s *s3Service) bucket(u *collection.Unit, b types.Bucket) {
	r := s.r
	name := deref(b.Name)
	res := snapshot.Resource{
		"id": "arn:" + r.partition + ":s3:::" + name, "name": name, "region": unknownRegion, "tags": nil,
		"creation_date": timeOrNil(b.CreationDate), "acl": nil, "policy": nil, "policy_is_public": nil,
		"public_access_block": nil, "encryption": nil, "versioning": nil, "logging": nil, "object_ownership": nil,
	}
	r.Add("aws_s3_bucket", res)
	if reg := deref(b.BucketRegion); reg != "" {
		r.Set(res, "region", reg)
		s.bucketDetails(u, res, name, reg)
		return
	}
	u.Go(func(ctx context.Context) {
		var reg string
		if r.Call(ctx, opS3GetBucketLocation, collection.Target{Type: "aws_s3_bucket", ID: r.ID(res), Region: snapshot.GlobalRegion}, func(ctx context.Context) error {
			out, err := s.client(r.home).GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: &name})
			if err != nil {
				return err
			}
			reg = bucketRegion(string(out.LocationConstraint))
			return nil
		}) {
			r.Set(res, "region", reg)
			s.bucketDetails(u, res, name, reg)
		}
	})
}

// bucketRegion maps a GetBucketLocation constraint to a region: "" is us-east-1, "EU" the
// legacy name of eu-west-1.
func bucketRegion(constraint string) string {
	switch constraint {
	case "":
		return "us-east-1"
	case "EU":
		return "eu-west-1"
	}
	return constraint
}

// bucketCall schedules one configuration call of a bucket. fn sets the attributes; notFound
// lists the error codes that mean "not configured" (then fn is not told, the attribute keeps
// its null or the caller's default, and nothing is recorded).
//
// id is read by the caller before any call of the bucket is scheduled: the calls set attributes
// of the same resource concurrently (through r.set), so the map must not be read here.
func (s *s3Service) bucketCall(u *collection.Unit, id, region string, op *collection.Operation, attrs []string, fn func(ctx context.Context, cli *s3.Client) error, notFound ...string) {
	u.Go(func(ctx context.Context) {
		cli := s.client(region)
		s.r.Call(ctx, op, collection.Target{Type: "aws_s3_bucket", ID: id, Region: region, Attrs: attrs}, func(ctx context.Context) error {
			err := fn(ctx, cli)
			code := errorCode(err)
			for _, nf := range notFound {
				if code == nf {
					return nil
				}
			}
			return err
		})
	})
}

func (s *s3Service) bucketDetails(u *collection.Unit, res snapshot.Resource, name, region string) {
	r := s.r
	b := &name
	id := r.ID(res)
	s.bucketCall(u, id, region, opS3GetBucketTagging, []string{"tags"}, func(ctx context.Context, cli *s3.Client) error {
		out, err := cli.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: b})
		if errorCode(err) == "NoSuchTagSet" {
			r.Set(res, "tags", map[string]string{})
			return err
		}
		if err != nil {
			return err
		}
		r.Set(res, "tags", tagMap(out.TagSet, s3Tag))
		return nil
	}, "NoSuchTagSet")
	s.bucketCall(u, id, region, opS3GetBucketAcl, []string{"acl"}, func(ctx context.Context, cli *s3.Client) error {
		out, err := cli.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: b})
		if err != nil {
			return err
		}
		grants := []map[string]any{}
		for _, g := range out.Grants {
			entry := map[string]any{"grantee_type": nil, "grantee_id": nil, "grantee_uri": nil, "permission": string(g.Permission)}
			if ge := g.Grantee; ge != nil {
				entry["grantee_type"] = string(ge.Type)
				switch {
				case ge.ID != nil:
					entry["grantee_id"] = *ge.ID
				case ge.EmailAddress != nil:
					entry["grantee_id"] = *ge.EmailAddress
				}
				entry["grantee_uri"] = strOrNil(ge.URI)
			}
			grants = append(grants, entry)
		}
		var owner string
		if out.Owner != nil {
			owner = deref(out.Owner.ID)
		}
		r.Set(res, "acl", map[string]any{"owner_id": owner, "grants": grants})
		return nil
	})
	// The policy status is read only for a bucket that has a policy: without one it is null,
	// and when the policy cannot be read, whether it is public is unknown too.
	s.bucketCall(u, id, region, opS3GetBucketPolicy, []string{"policy", "policy_is_public"}, func(ctx context.Context, cli *s3.Client) error {
		out, err := cli.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: b})
		if err != nil {
			return err
		}
		var doc map[string]any
		d := json.NewDecoder(strings.NewReader(deref(out.Policy)))
		d.UseNumber()
		if err := d.Decode(&doc); err != nil {
			return fmt.Errorf("decode bucket policy: %w", err)
		}
		r.Set(res, "policy", doc)
		s.bucketCall(u, id, region, opS3GetBucketPolicyStatus, []string{"policy_is_public"}, func(ctx context.Context, cli *s3.Client) error {
			out, err := cli.GetBucketPolicyStatus(ctx, &s3.GetBucketPolicyStatusInput{Bucket: b})
			if err != nil {
				return err
			}
			if out.PolicyStatus != nil {
				r.Set(res, "policy_is_public", deref(out.PolicyStatus.IsPublic))
			}
			return nil
		}, "NoSuchBucketPolicy")
		return nil
	}, "NoSuchBucketPolicy")
	s.bucketCall(u, id, region, opS3GetPublicAccessBlock, []string{"public_access_block"}, func(ctx context.Context, cli *s3.Client) error {
		out, err := cli.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: b})
		if err != nil {
			return err
		}
		c := out.PublicAccessBlockConfiguration
		if c == nil {
			return nil
		}
		r.Set(res, "public_access_block", publicAccessBlock(c.BlockPublicAcls, c.IgnorePublicAcls, c.BlockPublicPolicy, c.RestrictPublicBuckets))
		return nil
	}, "NoSuchPublicAccessBlockConfiguration")
	s.bucketCall(u, id, region, opS3GetBucketEncryption, []string{"encryption"}, func(ctx context.Context, cli *s3.Client) error {
		out, err := cli.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: b})
		if err != nil {
			return err
		}
		rules := []map[string]any{}
		if c := out.ServerSideEncryptionConfiguration; c != nil {
			for _, rule := range c.Rules {
				entry := map[string]any{"sse_algorithm": nil, "kms_master_key_id": nil, "bucket_key_enabled": deref(rule.BucketKeyEnabled)}
				if d := rule.ApplyServerSideEncryptionByDefault; d != nil {
					entry["sse_algorithm"] = string(d.SSEAlgorithm)
					entry["kms_master_key_id"] = strOrNil(d.KMSMasterKeyID)
				}
				rules = append(rules, entry)
			}
		}
		r.Set(res, "encryption", map[string]any{"rules": rules})
		return nil
	}, "ServerSideEncryptionConfigurationNotFoundError")
	s.bucketCall(u, id, region, opS3GetBucketVersioning, []string{"versioning"}, func(ctx context.Context, cli *s3.Client) error {
		out, err := cli.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: b})
		if err != nil {
			return err
		}
		r.Set(res, "versioning", map[string]any{"status": string(out.Status), "mfa_delete": string(out.MFADelete)})
		return nil
	})
	s.bucketCall(u, id, region, opS3GetBucketLogging, []string{"logging"}, func(ctx context.Context, cli *s3.Client) error {
		out, err := cli.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: b})
		if err != nil {
			return err
		}
		if l := out.LoggingEnabled; l != nil {
			r.Set(res, "logging", map[string]any{"target_bucket": deref(l.TargetBucket), "target_prefix": deref(l.TargetPrefix)})
		}
		return nil
	})
	s.bucketCall(u, id, region, opS3GetBucketOwnershipControls, []string{"object_ownership"}, func(ctx context.Context, cli *s3.Client) error {
		out, err := cli.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: b})
		if err != nil {
			return err
		}
		if c := out.OwnershipControls; c != nil && len(c.Rules) > 0 {
			r.Set(res, "object_ownership", string(c.Rules[0].ObjectOwnership))
		}
		return nil
	}, "OwnershipControlsNotFoundError")
}

// publicAccessBlock is the snapshot form of a public access block configuration.
func publicAccessBlock(blockACLs, ignoreACLs, blockPolicy, restrict *bool) map[string]any {
	return map[string]any{
		"block_public_acls": deref(blockACLs), "ignore_public_acls": deref(ignoreACLs),
		"block_public_policy": deref(blockPolicy), "restrict_public_buckets": deref(restrict),
	}
}

func s3Tag(t types.Tag) (*string, *string) { return t.Key, t.Value }
