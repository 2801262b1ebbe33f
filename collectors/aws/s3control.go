package aws

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/s3control"
	smithyendpoints "github.com/aws/smithy-go/endpoints"

	"github.com/incloud/incloud/pkg/snapshot"
)

var opS3ControlGetPublicAccessBlock = register("S3 Control", "s3control", "GetPublicAccessBlock", "s3:GetAccountPublicAccessBlock")

// accountEndpointResolver keeps S3 Control requests on a custom endpoint whose host cannot take
// the account-id prefix the SDK puts in front of it (an IP address or localhost: a local
// fake or test endpoint). The account id still travels in the x-amz-account-id header.
type accountEndpointResolver struct {
	base s3control.EndpointResolverV2
}

func (a accountEndpointResolver) ResolveEndpoint(ctx context.Context, p s3control.EndpointParameters) (smithyendpoints.Endpoint, error) {
	ep, err := a.base.ResolveEndpoint(ctx, p)
	if err != nil || p.Endpoint == nil || p.AccountId == nil || !isLoopbackEndpoint(*p.Endpoint) {
		return ep, err
	}
	ep.URI.Host = strings.TrimPrefix(ep.URI.Host, *p.AccountId+".")
	return ep, nil
}

// accountPublicAccessBlock reads the account-level S3 public access block into aws_account.
func (r *run) accountPublicAccessBlock(ctx context.Context) {
	cli := s3control.NewFromConfig(r.cfg, func(o *s3control.Options) {
		o.Region = r.home
		if e := r.endpoint(); e != nil {
			o.BaseEndpoint = e
		}
		o.EndpointResolverV2 = accountEndpointResolver{base: s3control.NewDefaultEndpointResolverV2()}
	})
	t := target{typ: "aws_account", id: r.idOf(r.acct), region: snapshot.GlobalRegion, attrs: []string{"s3_public_access_block"}}
	r.call(ctx, opS3ControlGetPublicAccessBlock, t, func(ctx context.Context) error {
		out, err := cli.GetPublicAccessBlock(ctx, &s3control.GetPublicAccessBlockInput{AccountId: &r.account})
		if errorCode(err) == "NoSuchPublicAccessBlockConfiguration" {
			return nil // not configured: null
		}
		if err != nil {
			return err
		}
		if c := out.PublicAccessBlockConfiguration; c != nil {
			r.set(r.acct, "s3_public_access_block", publicAccessBlock(c.BlockPublicAcls, c.IgnorePublicAcls, c.BlockPublicPolicy, c.RestrictPublicBuckets))
		}
		return nil
	})
}
