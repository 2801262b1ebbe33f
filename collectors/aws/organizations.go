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
	"github.com/aws/aws-sdk-go-v2/service/organizations/types"
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
	// --organizational-unit: the tree below each OU (or root) given.
	opOrgListOUsForParent      = register("Organizations", "organizations", "ListOrganizationalUnitsForParent", "")
	opOrgListAccountsForParent = register("Organizations", "organizations", "ListAccountsForParent", "")
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
			members = append(members, memberOf(a))
		}
	}
	slices.SortFunc(members, func(a, b Member) int { return strings.Compare(a.ID, b.ID) })
	return orgID, members, nil
}

// memberOf is the Member of an account as Organizations lists it (State, or the older Status).
func memberOf(a types.Account) Member {
	status := string(a.State)
	if status == "" {
		status = string(a.Status)
	}
	return Member{ID: deref(a.Id), Name: deref(a.Name), Status: status}
}

// Organizational unit and root ids, as Organizations shapes them.
var (
	ouID   = regexp.MustCompile(`^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$`)
	rootID = regexp.MustCompile(`^r-[0-9a-z]{4,32}$`)
)

// ParseOrganizationalUnits reads the --organizational-unit values (comma-separated, possibly
// repeated and joined by commas): OU ids (ou-xxxx-xxxxxxxx) or a root id (r-xxxx), without
// duplicates, in the order given.
func ParseOrganizationalUnits(value string) ([]string, error) {
	var out []string
	for _, id := range strings.Split(value, ",") {
		id = strings.TrimSpace(id)
		if !ouID.MatchString(id) && !rootID.MatchString(id) {
			return nil, fmt.Errorf("--organizational-unit: %q is not an organizational unit id (ou-xxxx-xxxxxxxx) or a root id (r-xxxx)", id)
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out, nil
}

// OrganizationalUnitAccounts lists the accounts below the given OUs (or roots) at any depth:
// organizations:ListAccountsForParent for each OU and, recursively,
// ListOrganizationalUnitsForParent for its children, page by page. A root id walks the whole
// organization (and so checks that the root exists). An account below two of the OUs given is
// listed once; the result is sorted by id. An unknown OU is an error naming it.
func (c *Collector) OrganizationalUnitAccounts(ctx context.Context, parents []string) ([]Member, error) {
	cli := organizations.NewFromConfig(c.cfg)
	seen := map[string]bool{}
	byID := map[string]Member{}
	var walk func(given, parent string) error
	walk = func(given, parent string) error {
		if seen[parent] {
			return nil
		}
		seen[parent] = true
		ap := organizations.NewListAccountsForParentPaginator(cli, &organizations.ListAccountsForParentInput{ParentId: aws.String(parent)})
		for ap.HasMorePages() {
			page, err := ap.NextPage(collection.WithOperation(ctx, opOrgListAccountsForParent))
			if err != nil {
				return explainOrganizations(fmt.Errorf("list the accounts of %s (organizations:ListAccountsForParent): %w", describeParent(given, parent), err))
			}
			for _, a := range page.Accounts {
				m := memberOf(a)
				byID[m.ID] = m
			}
		}
		op := organizations.NewListOrganizationalUnitsForParentPaginator(cli, &organizations.ListOrganizationalUnitsForParentInput{ParentId: aws.String(parent)})
		for op.HasMorePages() {
			page, err := op.NextPage(collection.WithOperation(ctx, opOrgListOUsForParent))
			if err != nil {
				return explainOrganizations(fmt.Errorf("list the organizational units of %s (organizations:ListOrganizationalUnitsForParent): %w", describeParent(given, parent), err))
			}
			for _, u := range page.OrganizationalUnits {
				if err := walk(given, deref(u.Id)); err != nil {
					return err
				}
			}
		}
		return nil
	}
	for _, p := range parents {
		if err := walk(p, p); err != nil {
			return nil, err
		}
	}
	members := make([]Member, 0, len(byID))
	for _, m := range byID {
		members = append(members, m)
	}
	slices.SortFunc(members, func(a, b Member) int { return strings.Compare(a.ID, b.ID) })
	return members, nil
}

// describeParent names the OU being listed: the one given, or a child below it.
func describeParent(given, parent string) string {
	if given == parent {
		return parent
	}
	return parent + " (below " + given + ")"
}

// explainOrganizations adds what to do to the usual failures of the management-side calls.
func explainOrganizations(err error) error {
	var api smithy.APIError
	if errors.As(err, &api) {
		switch api.ErrorCode() {
		case "AccessDeniedException", "AccessDenied":
			return fmt.Errorf("%w (run from the organization's management account or a delegated administrator, with the policy of `incloud permissions aws --organization`)", err)
		case "ParentNotFoundException":
			return fmt.Errorf("%w (--organizational-unit: no such organizational unit or root in this organization; list them with `aws organizations list-roots` and `aws organizations list-organizational-units-for-parent`)", err)
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
				Action: []string{opOrgDescribeOrganization.Permission, opOrgListAccounts.Permission,
					opOrgListAccountsForParent.Permission, opOrgListOUsForParent.Permission}},
			{Sid: "IncloudAssumeMemberAuditRole", Effect: "Allow", Resource: "arn:aws:iam::*:role/" + role,
				Action: []string{opSTSAssumeRole.Permission}},
		},
	}
}
