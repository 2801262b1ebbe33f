package aws

import (
	"context"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/securityhub"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

// Security Hub operations.
var opSecurityHubDescribeHub = register("SecurityHub", "securityhub", "DescribeHub", "")

func init() {
	services.Register(collection.Service[*run]{Name: "securityhub", Owns: []string{"aws_region.security_hub"}, New: newSecurityHub})
}

// securityHubService reads whether Security Hub is enabled in one region. An account that is
// not subscribed gets InvalidAccessException: that is the answer (enabled false), not an error.
type securityHubService struct {
	r      *run
	region string
	res    snapshot.Resource // the aws_region resource
	cli    *securityhub.Client
}

func newSecurityHub(r *run, u *collection.Unit) collection.Starter {
	return &securityHubService{r: r, region: u.Region, res: r.region(u.Region), cli: newClient(r, u.Region, securityhub.NewFromConfig)}
}

func (s *securityHubService) Start(u *collection.Unit) {
	if s.res != nil {
		u.Go(s.hub)
	}
}

func (s *securityHubService) hub(ctx context.Context) {
	r := s.r
	r.Call(ctx, opSecurityHubDescribeHub, r.regionTarget(s.region, "security_hub"), func(ctx context.Context) error {
		out, err := s.cli.DescribeHub(ctx, &securityhub.DescribeHubInput{})
		if notSubscribed(err) {
			r.Set(s.res, "security_hub", map[string]any{"enabled": false, "hub_arn": nil, "subscribed_at": nil})
			return nil
		}
		if err != nil {
			return err
		}
		r.Set(s.res, "security_hub", map[string]any{
			"enabled": true, "hub_arn": strOrNil(out.HubArn), "subscribed_at": isoTime(out.SubscribedAt),
		})
		return nil
	})
}

// notSubscribed reports whether err is Security Hub's answer for an account that has not
// enabled it.
func notSubscribed(err error) bool {
	if errorCode(err) != "InvalidAccessException" {
		return false
	}
	_, msg, _ := classify(err)
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
