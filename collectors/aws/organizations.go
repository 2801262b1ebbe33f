package aws

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/incloud/incloud/collectors/collection"
)

// Organization mode: list the accounts of an AWS Organization (from the management account or
// a delegated administrator) and collect each member through a role assumed in it. The
// caller's own account is collected with its own credentials. fleet.go makes it the
// provider's collectors.Fleet; narrowing the list is collectors.SelectMembers.

var (
	opOrgDescribeOrganization = register("Organizations", "organizations", "DescribeOrganization", "")
	opOrgListAccounts         = register("Organizations", "organizations", "ListAccounts", "")
	// sts:AssumeRole obtains temporary credentials of the member's audit role; it changes
	// nothing (isReadOnly lets it through by name).
	opSTSAssumeRole = register("STS", "sts", "AssumeRole", "")
)

// Member is one account of an organization.
type Member struct {
	ID, Name string
	// Status is ACTIVE, SUSPENDED or PENDING_CLOSURE (the Organizations status).
	Status string
}

// OrganizationAccounts lists every account of the organization the collector's credentials
// manage (organizations:DescribeOrganization, then ListAccounts page by page), sorted by id.
func (c *Collector) OrganizationAccounts(ctx context.Context) (orgID string, members []Member, err error) {
	cli := organizations.NewFromConfig(c.cfg)
	org, err := cli.DescribeOrganization(collection.WithOperation(ctx, opOrgDescribeOrganization), &organizations.DescribeOrganizationInput{})
	if err != nil {
		return "", nil, explainOrganizations(fmt.Errorf("describe the organization (organizations:DescribeOrganization): %w", err))
	}
	if org.Organization != nil {
		orgID = deref(org.Organization.Id)
	}
	p := organizations.NewListAccountsPaginator(cli, &organizations.ListAccountsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(collection.WithOperation(ctx, opOrgListAccounts))
		if err != nil {
			return "", nil, explainOrganizations(fmt.Errorf("list the organization's accounts (organizations:ListAccounts): %w", err))
		}
		for _, a := range page.Accounts {
			status := string(a.State)
			if status == "" {
				status = string(a.Status)
			}
			members = append(members, Member{ID: deref(a.Id), Name: deref(a.Name), Status: status})
		}
	}
	slices.SortFunc(members, func(a, b Member) int { return strings.Compare(a.ID, b.ID) })
	return orgID, members, nil
}

// explainOrganizations adds what to do to the usual failures of the management-side calls.
func explainOrganizations(err error) error {
	var api smithy.APIError
	if errors.As(err, &api) {
		switch api.ErrorCode() {
		case "AccessDeniedException", "AccessDenied":
			return fmt.Errorf("%w (run from the organization's management account or a delegated administrator, with the policy of `incloud permissions aws --organization`)", err)
		case "AWSOrganizationsNotInUseException":
			return fmt.Errorf("%w (these credentials' account is not in an organization: use --accounts with --role instead of --organization)", err)
		}
	}
	return err
}

var accountID = regexp.MustCompile(`^[0-9]{12}$`)

// ExplicitMembers makes the member list of --accounts without --organization: account ids only
// (no globs: there is no list to match them against), sorted and without duplicates.
func ExplicitMembers(ids []string) ([]Member, error) {
	var out []Member
	seen := map[string]bool{}
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if !accountID.MatchString(id) {
			return nil, fmt.Errorf("--accounts: %q is not a 12-digit AWS account id (globs need --organization)", id)
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, Member{ID: id, Status: "ACTIVE"})
		}
	}
	slices.SortFunc(out, func(a, b Member) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// Caller returns the account id of the collector's own credentials (sts:GetCallerIdentity).
func (c *Collector) Caller(ctx context.Context) (string, error) {
	account, _, err := c.callerIdentity(ctx)
	return account, err
}

// callerIdentity returns the account id and partition of the collector's own credentials.
func (c *Collector) callerIdentity(ctx context.Context) (account, partition string, err error) {
	r := &run{cfg: c.cfg, opts: c.opts, home: c.cfg.Region}
	if err := r.identify(ctx); err != nil {
		return "", "", err
	}
	return r.account, r.partition, nil
}

// AssumeRole returns a collector for account through arn:<partition>:iam::<account>:role/role,
// assumed with the collector's credentials (externalID when not empty). The credentials are
// fetched on first use and renewed before they expire; a member that refuses the role fails
// the returned collector's Collect at identification, with the AccessDenied of sts:AssumeRole.
func (c *Collector) AssumeRole(partition, account, role, externalID string) *Collector {
	if partition == "" {
		partition = "aws"
	}
	cfg := c.cfg.Copy()
	cfg.Credentials = aws.NewCredentialsCache(&assumeRoleProvider{
		cli:        sts.NewFromConfig(c.cfg),
		arn:        fmt.Sprintf("arn:%s:iam::%s:role/%s", partition, account, role),
		externalID: externalID,
	})
	return &Collector{cfg: cfg, opts: c.opts}
}

// assumeRoleProvider calls sts:AssumeRole as its own registered operation, whatever call of the
// member's collection needed the credentials.
type assumeRoleProvider struct {
	cli        *sts.Client
	arn        string
	externalID string
}

func (p *assumeRoleProvider) Retrieve(ctx context.Context) (aws.Credentials, error) {
	in := &sts.AssumeRoleInput{RoleArn: &p.arn, RoleSessionName: aws.String("incloud-audit"), DurationSeconds: aws.Int32(3600)}
	if p.externalID != "" {
		in.ExternalId = &p.externalID
	}
	out, err := p.cli.AssumeRole(collection.WithOperation(ctx, opSTSAssumeRole), in)
	if err != nil {
		return aws.Credentials{}, fmt.Errorf("assume %s (sts:AssumeRole): %w", p.arn, err)
	}
	if out.Credentials == nil {
		return aws.Credentials{}, fmt.Errorf("assume %s: sts:AssumeRole returned no credentials", p.arn)
	}
	cr := out.Credentials
	creds := aws.Credentials{
		AccessKeyID: deref(cr.AccessKeyId), SecretAccessKey: deref(cr.SecretAccessKey), SessionToken: deref(cr.SessionToken),
		Source: "incloud AssumeRole " + p.arn,
	}
	if cr.Expiration != nil {
		creds.CanExpire, creds.Expires = true, *cr.Expiration
	} else {
		creds.CanExpire, creds.Expires = true, time.Now().Add(time.Hour)
	}
	return creds, nil
}

// isFleetPermission says whether an IAM action is one of organization mode's (management side).
func isFleetPermission(action string) bool {
	return action == opSTSAssumeRole.Permission || strings.HasPrefix(action, "organizations:")
}

// OrganizationPolicy is the policy of the auditing principal in the management (or delegated
// administrator) account for organization mode: list the organization and assume role in its
// members, beside MinimalPolicy for its own account.
func OrganizationPolicy(role string) PolicyDocument {
	if role == "" {
		role = "*"
	}
	return PolicyDocument{
		Version: "2012-10-17",
		Statement: []PolicyStatement{
			{Sid: "IncloudListOrganization", Effect: "Allow", Resource: "*",
				Action: []string{opOrgDescribeOrganization.Permission, opOrgListAccounts.Permission}},
			{Sid: "IncloudAssumeMemberAuditRole", Effect: "Allow", Resource: "arn:aws:iam::*:role/" + role,
				Action: []string{opSTSAssumeRole.Permission}},
		},
	}
}
