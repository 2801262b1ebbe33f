package aws

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/s3control"
	smithyendpoints "github.com/aws/smithy-go/endpoints"
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

// newS3ControlClient returns the S3 Control client of the account's home region.
func newS3ControlClient(r *run) *s3control.Client {
	return newClient(r, r.home, s3control.NewFromConfig, func(o *s3control.Options) {
		o.EndpointResolverV2 = accountEndpointResolver{base: s3control.NewDefaultEndpointResolverV2()}
	})
}

// accountPublicAccessBlock reads the account-level S3 public access block into aws_account.
func (s *s3Service) accountPublicAccessBlock(ctx context.Context) {
	r := s.r
	r.Call(ctx, opS3ControlGetPublicAccessBlock, r.accountTarget("s3_public_access_block"), func(ctx context.Context) error {
		out, err := s.control.GetPublicAccessBlock(ctx, &s3control.GetPublicAccessBlockInput{AccountId: &r.account})
		if errorCode(err) == "NoSuchPublicAccessBlockConfiguration" {
			return nil // not configured: null
		}
		if err != nil {
			return err
		}
		if c := out.PublicAccessBlockConfiguration; c != nil {
			r.Set(r.acct, "s3_public_access_block", publicAccessBlock(c.BlockPublicAcls, c.IgnorePublicAcls, c.BlockPublicPolicy, c.RestrictPublicBuckets))
		}
		return nil
	})
}
