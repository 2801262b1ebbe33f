package aws

import (
	"context"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/securityhub"
)

// Security Hub operations.
var opSecurityHubDescribeHub = register("SecurityHub", "securityhub", "DescribeHub", "")

func init() {
	registerService(service{name: "securityhub", owns: []string{"aws_region.security_hub"}, start: startSecurityHub})
}

// startSecurityHub reads whether Security Hub is enabled in a region. An account that is not
// subscribed gets InvalidAccessException: that is the answer (enabled false), not an error.
func startSecurityHub(r *run, u *unit) {
	reg := u.region
	res := r.region(reg)
	if res == nil {
		return
	}
	cli := securityhub.NewFromConfig(r.cfg, func(o *securityhub.Options) {
		o.Region = reg
		if e := r.endpoint(); e != nil {
			o.BaseEndpoint = e
		}
	})
	t := target{typ: "aws_region", id: r.regionARN(reg), region: reg, attrs: []string{"security_hub"}}
	u.Go(func(ctx context.Context) {
		r.call(ctx, opSecurityHubDescribeHub, t, func(ctx context.Context) error {
			out, err := cli.DescribeHub(ctx, &securityhub.DescribeHubInput{})
			if notSubscribed(err) {
				r.set(res, "security_hub", map[string]any{"enabled": false, "hub_arn": nil, "subscribed_at": nil})
				return nil
			}
			if err != nil {
				return err
			}
			r.set(res, "security_hub", map[string]any{
				"enabled": true, "hub_arn": strOrNil(out.HubArn), "subscribed_at": isoTime(out.SubscribedAt),
			})
			return nil
		})
	})
}

// notSubscribed reports whether err is Security Hub's answer for an account that has not
// enabled it.
func notSubscribed(err error) bool {
	if errorCode(err) != "InvalidAccessException" {
		return false
	}
	_, msg := classify(err)
	return strings.Contains(strings.ToLower(msg), "not subscribed")
}

// isoTime normalises an ISO 8601 time string to RFC 3339 UTC seconds; nil stays null and a
// string that is not a time is kept as it is.
func isoTime(s *string) any {
	if s == nil || *s == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, *s)
	if err != nil {
		return *s
	}
	return timeString(t)
}
