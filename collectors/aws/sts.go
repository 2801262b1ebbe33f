package aws

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/incloud/incloud/collectors/collection"
)

var opSTSGetCallerIdentity = register("STS", "sts", "GetCallerIdentity", "")

// identify asks STS whose credentials these are: the account id and partition. Without them
// nothing can be collected, so a failure ends the collection (before the run exists).
func (r *run) identify(ctx context.Context) error {
	cli := newClient(r, r.home, sts.NewFromConfig)
	out, err := cli.GetCallerIdentity(collection.WithOperation(ctx, opSTSGetCallerIdentity), &sts.GetCallerIdentityInput{})
	if err != nil {
		return fmt.Errorf("identify the AWS account (sts:GetCallerIdentity): %w", err)
	}
	r.account = deref(out.Account)
	if r.account == "" {
		return fmt.Errorf("identify the AWS account: sts:GetCallerIdentity returned no account id")
	}
	r.partition = "aws"
	if parts := strings.SplitN(deref(out.Arn), ":", 3); len(parts) == 3 && parts[0] == "arn" && parts[1] != "" {
		r.partition = parts[1]
	}
	return nil
}
