package aws

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

// IAM operations. Permissions equal the operation names.
var (
	opIAMGetAccountSummary            = register("IAM", "iam", "GetAccountSummary", "")
	opIAMListAccountAliases           = register("IAM", "iam", "ListAccountAliases", "")
	opIAMListVirtualMFADevices        = register("IAM", "iam", "ListVirtualMFADevices", "")
	opIAMGetAccountPasswordPolicy     = register("IAM", "iam", "GetAccountPasswordPolicy", "")
	opIAMListEntitiesForPolicy        = register("IAM", "iam", "ListEntitiesForPolicy", "")
	opIAMGenerateCredentialReport     = register("IAM", "iam", "GenerateCredentialReport", "")
	opIAMGetCredentialReport          = register("IAM", "iam", "GetCredentialReport", "")
	opIAMListUsers                    = register("IAM", "iam", "ListUsers", "")
	opIAMListUserTags                 = register("IAM", "iam", "ListUserTags", "")
	opIAMListMFADevices               = register("IAM", "iam", "ListMFADevices", "")
	opIAMListAccessKeys               = register("IAM", "iam", "ListAccessKeys", "")
	opIAMGetAccessKeyLastUsed         = register("IAM", "iam", "GetAccessKeyLastUsed", "")
	opIAMListGroupsForUser            = register("IAM", "iam", "ListGroupsForUser", "")
	opIAMListAttachedUserPolicies     = register("IAM", "iam", "ListAttachedUserPolicies", "")
	opIAMListUserPolicies             = register("IAM", "iam", "ListUserPolicies", "")
	opIAMGetUserPolicy                = register("IAM", "iam", "GetUserPolicy", "")
	opIAMListGroups                   = register("IAM", "iam", "ListGroups", "")
	opIAMGetGroup                     = register("IAM", "iam", "GetGroup", "")
	opIAMListAttachedGroupPolicies    = register("IAM", "iam", "ListAttachedGroupPolicies", "")
	opIAMListGroupPolicies            = register("IAM", "iam", "ListGroupPolicies", "")
	opIAMGetGroupPolicy               = register("IAM", "iam", "GetGroupPolicy", "")
	opIAMListRoles                    = register("IAM", "iam", "ListRoles", "")
	opIAMGetRole                      = register("IAM", "iam", "GetRole", "")
	opIAMListAttachedRolePolicies     = register("IAM", "iam", "ListAttachedRolePolicies", "")
	opIAMListRolePolicies             = register("IAM", "iam", "ListRolePolicies", "")
	opIAMGetRolePolicy                = register("IAM", "iam", "GetRolePolicy", "")
	opIAMListPolicies                 = register("IAM", "iam", "ListPolicies", "")
	opIAMListPolicyTags               = register("IAM", "iam", "ListPolicyTags", "")
	opIAMGetPolicyVersion             = register("IAM", "iam", "GetPolicyVersion", "")
	opIAMListServerCertificates       = register("IAM", "iam", "ListServerCertificates", "")
	opIAMListServerCertificateTags    = register("IAM", "iam", "ListServerCertificateTags", "")
	credentialReportPollInterval      = 2 * time.Second
	credentialReportMaxPolls          = 30
	awsSupportAccessPolicy            = "AWSSupportAccess"
	awsCloudShellFullAccessPolicy     = "AWSCloudShellFullAccess"
	rootCredentialReportUser          = "<root_account>"
	credentialReportNotAvailableValue = "N/A"
)

func init() {
	services.Register(collection.Service[*run]{Name: "iam", Global: true, New: newIAM, Owns: []string{
		"aws_iam_user", "aws_iam_group", "aws_iam_role", "aws_iam_policy", "aws_iam_server_certificate",
		"aws_account.aliases", "aws_account.root", "aws_account.password_policy",
		"aws_account.support_access_entities", "aws_account.cloudshell_full_access_entities"}})
}

// iamService collects IAM: the account's root user, aliases, password policy and the entities
// of two AWS managed policies (on aws_account), and the users, groups, roles, customer managed
// policies and server certificates. What its tasks share, Finish joins into the resources.
type iamService struct {
	r   *run
	cli *iam.Client

	// Names to ARNs, for ListEntitiesForPolicy (which returns names). Guarded by r.Locked.
	users, groups, roles map[string]string
	userRes              map[string]snapshot.Resource // by ARN

	summaryOK        bool
	mfaEnabled       bool
	rootKeys         bool
	virtualOK        bool
	rootVirtual      bool
	report           map[string]map[string]string // credential report rows by ARN
	reportOK         bool
	support, cloudsh map[string][]string // users/groups/roles -> names, nil when the call failed
}

func newIAM(r *run, _ *collection.Unit) collection.Starter {
	return &iamService{
		r: r, cli: newClient(r, r.home, iam.NewFromConfig),
		users: map[string]string{}, groups: map[string]string{}, roles: map[string]string{},
		userRes: map[string]snapshot.Resource{},
	}
}

func (st *iamService) Start(u *collection.Unit) {
	r, acct := st.r, st.r.accountTarget
	u.Go(func(ctx context.Context) {
		st.summaryOK = r.Call(ctx, opIAMGetAccountSummary, acct("root"), func(ctx context.Context) error {
			out, err := st.cli.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
			if err != nil {
				return err
			}
			st.mfaEnabled = out.SummaryMap[string(types.SummaryKeyTypeAccountMFAEnabled)] == 1
			st.rootKeys = out.SummaryMap[string(types.SummaryKeyTypeAccountAccessKeysPresent)] == 1
			return nil
		})
	})
	u.Go(func(ctx context.Context) {
		aliases := []string{}
		if r.Call(ctx, opIAMListAccountAliases, acct("aliases"), func(ctx context.Context) error {
			return eachPage(ctx, iam.NewListAccountAliasesPaginator(st.cli, &iam.ListAccountAliasesInput{}), func(out *iam.ListAccountAliasesOutput) {
				aliases = append(aliases, out.AccountAliases...)
			})
		}) {
			r.Set(r.acct, "aliases", aliases)
			if len(aliases) > 0 {
				r.Set(r.acct, "name", aliases[0])
			}
		}
	})
	u.Go(func(ctx context.Context) {
		rootARN := r.ID(r.acct)
		st.virtualOK = r.Call(ctx, opIAMListVirtualMFADevices, acct("root"), func(ctx context.Context) error {
			return eachPage(ctx, iam.NewListVirtualMFADevicesPaginator(st.cli, &iam.ListVirtualMFADevicesInput{}), func(out *iam.ListVirtualMFADevicesOutput) {
				for _, d := range out.VirtualMFADevices {
					if d.User != nil && deref(d.User.Arn) == rootARN {
						st.rootVirtual = true
					}
				}
			})
		})
	})
	u.Go(func(ctx context.Context) {
		r.Call(ctx, opIAMGetAccountPasswordPolicy, acct("password_policy"), func(ctx context.Context) error {
			out, err := st.cli.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
			if errorCode(err) == "NoSuchEntity" {
				return nil // no policy: null, and that is data
			}
			if err != nil {
				return err
			}
			p := out.PasswordPolicy
			r.Set(r.acct, "password_policy", map[string]any{
				"minimum_password_length":        int64(deref(p.MinimumPasswordLength)),
				"require_symbols":                p.RequireSymbols,
				"require_numbers":                p.RequireNumbers,
				"require_uppercase_characters":   p.RequireUppercaseCharacters,
				"require_lowercase_characters":   p.RequireLowercaseCharacters,
				"allow_users_to_change_password": p.AllowUsersToChangePassword,
				"expire_passwords":               p.ExpirePasswords,
				"hard_expiry":                    deref(p.HardExpiry),
				"max_password_age":               int32OrNil(p.MaxPasswordAge),
				"password_reuse_prevention":      int32OrNil(p.PasswordReusePrevention),
			})
			return nil
		})
	})
	for _, pol := range []struct {
		name, attr string
		dst        *map[string][]string
	}{
		{awsSupportAccessPolicy, "support_access_entities", &st.support},
		{awsCloudShellFullAccessPolicy, "cloudshell_full_access_entities", &st.cloudsh},
	} {
		u.Go(func(ctx context.Context) {
			ents := map[string][]string{"users": {}, "groups": {}, "roles": {}}
			if r.Call(ctx, opIAMListEntitiesForPolicy, acct(pol.attr), func(ctx context.Context) error {
				policyARN := fmt.Sprintf("arn:%s:iam::aws:policy/%s", r.partition, pol.name)
				return eachPage(ctx, iam.NewListEntitiesForPolicyPaginator(st.cli, &iam.ListEntitiesForPolicyInput{PolicyArn: aws.String(policyARN)}), func(out *iam.ListEntitiesForPolicyOutput) {
					for _, e := range out.PolicyUsers {
						ents["users"] = append(ents["users"], deref(e.UserName))
					}
					for _, e := range out.PolicyGroups {
						ents["groups"] = append(ents["groups"], deref(e.GroupName))
					}
					for _, e := range out.PolicyRoles {
						ents["roles"] = append(ents["roles"], deref(e.RoleName))
					}
				})
			}) {
				r.Locked(func() { *pol.dst = ents })
			}
		})
	}
	u.Go(st.credentialReport)
	u.Go(func(ctx context.Context) { st.listUsers(ctx, u) })
	u.Go(func(ctx context.Context) { st.listGroups(ctx, u) })
	u.Go(func(ctx context.Context) { st.listRoles(ctx, u) })
	u.Go(func(ctx context.Context) { st.listPolicies(ctx, u) })
	u.Go(func(ctx context.Context) { st.listServerCertificates(ctx, u) })
}

// credentialReport generates the credential report, waits for it and parses its CSV.
func (st *iamService) credentialReport(ctx context.Context) {
	r := st.r
	acct := r.accountTarget("root")
	ready := false
	if !r.Call(ctx, opIAMGenerateCredentialReport, acct, func(ctx context.Context) error {
		for i := 0; i < credentialReportMaxPolls; i++ {
			out, err := st.cli.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{})
			if err != nil {
				return err
			}
			if out.State == types.ReportStateTypeComplete {
				ready = true
				return nil
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(credentialReportPollInterval):
			}
		}
		return fmt.Errorf("credential report not ready after %d polls", credentialReportMaxPolls)
	}) || !ready {
		return
	}
	var content []byte
	if !r.Call(ctx, opIAMGetCredentialReport, acct, func(ctx context.Context) error {
		out, err := st.cli.GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
		if err != nil {
			return err
		}
		content = out.Content
		return nil
	}) {
		return
	}
	rows, err := parseCredentialReport(content)
	if err != nil {
		r.Fail(opIAMGetCredentialReport, acct, err)
		return
	}
	r.Locked(func() { st.report, st.reportOK = rows, true })
}

// parseCredentialReport reads the report CSV into rows (column -> value) keyed by ARN.
func parseCredentialReport(content []byte) (map[string]map[string]string, error) {
	recs, err := csv.NewReader(bytes.NewReader(content)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("parse credential report: %w", err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("parse credential report: no header")
	}
	head := recs[0]
	rows := map[string]map[string]string{}
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, col := range head {
			if i < len(rec) {
				row[col] = rec[i]
			}
		}
		rows[row["arn"]] = row
	}
	return rows, nil
}

// reportTime turns a credential report time column into a snapshot time or nil ("N/A",
// "no_information", "not_supported").
func reportTime(v string) any {
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return nil
	}
	return timeString(t)
}

func iamTag(t types.Tag) (*string, *string) { return t.Key, t.Value }

// decodePolicyDocument decodes an IAM policy document as the API returns it (URL-encoded JSON).
func decodePolicyDocument(doc string) (map[string]any, error) {
	dec, err := url.QueryUnescape(doc)
	if err != nil {
		dec = doc
	}
	var m map[string]any
	d := json.NewDecoder(strings.NewReader(dec))
	d.UseNumber()
	if err := d.Decode(&m); err != nil {
		return nil, fmt.Errorf("decode policy document: %w", err)
	}
	return m, nil
}

// attachedPolicies collects a principal's managed policies.
func (r *run) attachedPolicies(ctx context.Context, op *collection.Operation, res snapshot.Resource, t collection.Target, pages func(ctx context.Context, add func([]types.AttachedPolicy)) error) {
	list := []map[string]any{}
	t.Attrs = []string{"attached_policies"}
	if r.Call(ctx, op, t, func(ctx context.Context) error {
		return pages(ctx, func(ps []types.AttachedPolicy) {
			for _, p := range ps {
				list = append(list, map[string]any{"policy_arn": deref(p.PolicyArn), "policy_name": deref(p.PolicyName)})
			}
		})
	}) {
		r.Set(res, "attached_policies", list)
	}
}

// inlinePolicies collects a principal's inline policies: the names, then each document.
func (r *run) inlinePolicies(ctx context.Context, listOp, getOp *collection.Operation, res snapshot.Resource, t collection.Target,
	names func(ctx context.Context) ([]string, error), get func(ctx context.Context, name string) (string, error)) {
	t.Attrs = []string{"inline_policies"}
	var ns []string
	if !r.Call(ctx, listOp, t, func(ctx context.Context) (err error) {
		ns, err = names(ctx)
		return err
	}) {
		return
	}
	list := []map[string]any{}
	for _, n := range ns {
		var doc map[string]any
		if !r.Call(ctx, getOp, t, func(ctx context.Context) error {
			raw, err := get(ctx, n)
			if err != nil {
				return err
			}
			doc, err = decodePolicyDocument(raw)
			return err
		}) {
			return
		}
		list = append(list, map[string]any{"policy_name": n, "document": doc})
	}
	r.Set(res, "inline_policies", list)
}

func (st *iamService) listUsers(ctx context.Context, u *collection.Unit) {
	r := st.r
	r.Call(ctx, opIAMListUsers, collection.ListTarget("aws_iam_user", snapshot.GlobalRegion), func(ctx context.Context) error {
		return eachPage(ctx, iam.NewListUsersPaginator(st.cli, &iam.ListUsersInput{}), func(out *iam.ListUsersOutput) {
			for _, usr := range out.Users {
				st.user(u, usr)
			}
		})
	})
}

// user records one user and schedules the calls that complete it.
func (st *iamService) user(u *collection.Unit, usr types.User) {
	r := st.r
	name, arn := deref(usr.UserName), deref(usr.Arn)
	res := snapshot.Resource{
		"id": arn, "name": name, "region": snapshot.GlobalRegion, "tags": nil,
		"user_id": deref(usr.UserId), "path": deref(usr.Path), "create_date": timeOrNil(usr.CreateDate),
		"password_enabled": nil, "password_last_used": timeOrNil(usr.PasswordLastUsed), "password_last_changed": nil,
		"mfa_active": nil, "mfa_devices": nil, "access_keys": nil, "groups": nil,
		"attached_policies": nil, "inline_policies": nil,
	}
	r.Locked(func() {
		st.users[name] = arn
		st.userRes[arn] = res
	})
	r.Add("aws_iam_user", res)
	t := func(attrs ...string) collection.Target {
		return collection.Target{Type: "aws_iam_user", ID: arn, Region: snapshot.GlobalRegion, Attrs: attrs}
	}
	u.Go(func(ctx context.Context) {
		tags := map[string]string{}
		if r.Call(ctx, opIAMListUserTags, t("tags"), func(ctx context.Context) error {
			return eachPage(ctx, iam.NewListUserTagsPaginator(st.cli, &iam.ListUserTagsInput{UserName: &name}), func(out *iam.ListUserTagsOutput) {
				addTags(tags, out.Tags, iamTag)
			})
		}) {
			r.Set(res, "tags", tags)
		}
	})
	u.Go(func(ctx context.Context) {
		devices := []map[string]any{}
		if r.Call(ctx, opIAMListMFADevices, t("mfa_active", "mfa_devices"), func(ctx context.Context) error {
			return eachPage(ctx, iam.NewListMFADevicesPaginator(st.cli, &iam.ListMFADevicesInput{UserName: &name}), func(out *iam.ListMFADevicesOutput) {
				for _, d := range out.MFADevices {
					serial := deref(d.SerialNumber)
					kind := "hardware"
					if strings.Contains(serial, ":mfa/") {
						kind = "virtual"
					}
					devices = append(devices, map[string]any{"serial_number": serial, "type": kind})
				}
			})
		}) {
			r.Set(res, "mfa_devices", devices)
			r.Set(res, "mfa_active", len(devices) > 0)
		}
	})
	u.Go(func(ctx context.Context) {
		var keys []types.AccessKeyMetadata
		if !r.Call(ctx, opIAMListAccessKeys, t("access_keys"), func(ctx context.Context) error {
			return eachPage(ctx, iam.NewListAccessKeysPaginator(st.cli, &iam.ListAccessKeysInput{UserName: &name}), func(out *iam.ListAccessKeysOutput) {
				keys = append(keys, out.AccessKeyMetadata...)
			})
		}) {
			return
		}
		list := []map[string]any{}
		for _, k := range keys {
			entry := map[string]any{
				"access_key_id": deref(k.AccessKeyId), "status": string(k.Status),
				"create_date": timeOrNil(k.CreateDate), "last_used_date": nil, "last_used_service": nil,
			}
			if !r.Call(ctx, opIAMGetAccessKeyLastUsed, t("access_keys"), func(ctx context.Context) error {
				out, err := st.cli.GetAccessKeyLastUsed(ctx, &iam.GetAccessKeyLastUsedInput{AccessKeyId: k.AccessKeyId})
				if err != nil {
					return err
				}
				if lu := out.AccessKeyLastUsed; lu != nil && lu.LastUsedDate != nil {
					entry["last_used_date"] = timeOrNil(lu.LastUsedDate)
					if s := deref(lu.ServiceName); s != "" && s != credentialReportNotAvailableValue {
						entry["last_used_service"] = s
					}
				}
				return nil
			}) {
				return
			}
			list = append(list, entry)
		}
		r.Set(res, "access_keys", list)
	})
	u.Go(func(ctx context.Context) {
		groups := []string{}
		if r.Call(ctx, opIAMListGroupsForUser, t("groups"), func(ctx context.Context) error {
			return eachPage(ctx, iam.NewListGroupsForUserPaginator(st.cli, &iam.ListGroupsForUserInput{UserName: &name}), func(out *iam.ListGroupsForUserOutput) {
				for _, g := range out.Groups {
					groups = append(groups, deref(g.GroupName))
				}
			})
		}) {
			r.Set(res, "groups", groups)
		}
	})
	u.Go(func(ctx context.Context) {
		r.attachedPolicies(ctx, opIAMListAttachedUserPolicies, res, t(), func(ctx context.Context, add func([]types.AttachedPolicy)) error {
			return eachPage(ctx, iam.NewListAttachedUserPoliciesPaginator(st.cli, &iam.ListAttachedUserPoliciesInput{UserName: &name}), func(out *iam.ListAttachedUserPoliciesOutput) {
				add(out.AttachedPolicies)
			})
		})
	})
	u.Go(func(ctx context.Context) {
		r.inlinePolicies(ctx, opIAMListUserPolicies, opIAMGetUserPolicy, res, t(), func(ctx context.Context) ([]string, error) {
			return allPages(ctx, iam.NewListUserPoliciesPaginator(st.cli, &iam.ListUserPoliciesInput{UserName: &name}), func(out *iam.ListUserPoliciesOutput) []string { return out.PolicyNames })
		}, func(ctx context.Context, pn string) (string, error) {
			out, err := st.cli.GetUserPolicy(ctx, &iam.GetUserPolicyInput{UserName: &name, PolicyName: &pn})
			if err != nil {
				return "", err
			}
			return deref(out.PolicyDocument), nil
		})
	})
}

func (st *iamService) listGroups(ctx context.Context, u *collection.Unit) {
	r := st.r
	r.Call(ctx, opIAMListGroups, collection.ListTarget("aws_iam_group", snapshot.GlobalRegion), func(ctx context.Context) error {
		return eachPage(ctx, iam.NewListGroupsPaginator(st.cli, &iam.ListGroupsInput{}), func(out *iam.ListGroupsOutput) {
			for _, g := range out.Groups {
				st.group(u, g)
			}
		})
	})
}

func (st *iamService) group(u *collection.Unit, g types.Group) {
	r := st.r
	name, arn := deref(g.GroupName), deref(g.Arn)
	res := snapshot.Resource{
		"id": arn, "name": name, "region": snapshot.GlobalRegion, "tags": map[string]string{},
		"path": deref(g.Path), "create_date": timeOrNil(g.CreateDate),
		"users": nil, "attached_policies": nil, "inline_policies": nil,
	}
	r.Locked(func() {
		st.groups[name] = arn
	})
	r.Add("aws_iam_group", res)
	t := func(attrs ...string) collection.Target {
		return collection.Target{Type: "aws_iam_group", ID: arn, Region: snapshot.GlobalRegion, Attrs: attrs}
	}
	u.Go(func(ctx context.Context) {
		users := []string{}
		if r.Call(ctx, opIAMGetGroup, t("users"), func(ctx context.Context) error {
			return eachPage(ctx, iam.NewGetGroupPaginator(st.cli, &iam.GetGroupInput{GroupName: &name}), func(out *iam.GetGroupOutput) {
				for _, usr := range out.Users {
					users = append(users, deref(usr.UserName))
				}
			})
		}) {
			r.Set(res, "users", users)
		}
	})
	u.Go(func(ctx context.Context) {
		r.attachedPolicies(ctx, opIAMListAttachedGroupPolicies, res, t(), func(ctx context.Context, add func([]types.AttachedPolicy)) error {
			return eachPage(ctx, iam.NewListAttachedGroupPoliciesPaginator(st.cli, &iam.ListAttachedGroupPoliciesInput{GroupName: &name}), func(out *iam.ListAttachedGroupPoliciesOutput) {
				add(out.AttachedPolicies)
			})
		})
	})
	u.Go(func(ctx context.Context) {
		r.inlinePolicies(ctx, opIAMListGroupPolicies, opIAMGetGroupPolicy, res, t(), func(ctx context.Context) ([]string, error) {
			return allPages(ctx, iam.NewListGroupPoliciesPaginator(st.cli, &iam.ListGroupPoliciesInput{GroupName: &name}), func(out *iam.ListGroupPoliciesOutput) []string { return out.PolicyNames })
		}, func(ctx context.Context, pn string) (string, error) {
			out, err := st.cli.GetGroupPolicy(ctx, &iam.GetGroupPolicyInput{GroupName: &name, PolicyName: &pn})
			if err != nil {
				return "", err
			}
			return deref(out.PolicyDocument), nil
		})
	})
}

func (st *iamService) listRoles(ctx context.Context, u *collection.Unit) {
	r := st.r
	r.Call(ctx, opIAMListRoles, collection.ListTarget("aws_iam_role", snapshot.GlobalRegion), func(ctx context.Context) error {
		return eachPage(ctx, iam.NewListRolesPaginator(st.cli, &iam.ListRolesInput{}), func(out *iam.ListRolesOutput) {
			for _, role := range out.Roles {
				st.role(u, role)
			}
		})
	})
}

func (st *iamService) role(u *collection.Unit, role types.Role) {
	r := st.r
	name, arn, path := deref(role.RoleName), deref(role.Arn), deref(role.Path)
	res := snapshot.Resource{
		"id": arn, "name": name, "region": snapshot.GlobalRegion, "tags": nil,
		"path": path, "create_date": timeOrNil(role.CreateDate), "assume_role_policy": nil,
		"is_service_linked": strings.HasPrefix(path, "/aws-service-role/"), "last_used_date": nil,
		"attached_policies": nil, "inline_policies": nil,
	}
	r.Locked(func() {
		st.roles[name] = arn
	})
	r.Add("aws_iam_role", res)
	t := func(attrs ...string) collection.Target {
		return collection.Target{Type: "aws_iam_role", ID: arn, Region: snapshot.GlobalRegion, Attrs: attrs}
	}
	// GetRole: ListRoles returns neither tags nor last use.
	u.Go(func(ctx context.Context) {
		r.Call(ctx, opIAMGetRole, t("tags", "assume_role_policy", "last_used_date"), func(ctx context.Context) error {
			out, err := st.cli.GetRole(ctx, &iam.GetRoleInput{RoleName: &name})
			if err != nil {
				return err
			}
			doc, err := decodePolicyDocument(deref(out.Role.AssumeRolePolicyDocument))
			if err != nil {
				return err
			}
			r.Set(res, "tags", tagMap(out.Role.Tags, iamTag))
			r.Set(res, "assume_role_policy", doc)
			if lu := out.Role.RoleLastUsed; lu != nil {
				r.Set(res, "last_used_date", timeOrNil(lu.LastUsedDate))
			}
			return nil
		})
	})
	u.Go(func(ctx context.Context) {
		r.attachedPolicies(ctx, opIAMListAttachedRolePolicies, res, t(), func(ctx context.Context, add func([]types.AttachedPolicy)) error {
			return eachPage(ctx, iam.NewListAttachedRolePoliciesPaginator(st.cli, &iam.ListAttachedRolePoliciesInput{RoleName: &name}), func(out *iam.ListAttachedRolePoliciesOutput) {
				add(out.AttachedPolicies)
			})
		})
	})
	u.Go(func(ctx context.Context) {
		r.inlinePolicies(ctx, opIAMListRolePolicies, opIAMGetRolePolicy, res, t(), func(ctx context.Context) ([]string, error) {
			return allPages(ctx, iam.NewListRolePoliciesPaginator(st.cli, &iam.ListRolePoliciesInput{RoleName: &name}), func(out *iam.ListRolePoliciesOutput) []string { return out.PolicyNames })
		}, func(ctx context.Context, pn string) (string, error) {
			out, err := st.cli.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: &name, PolicyName: &pn})
			if err != nil {
				return "", err
			}
			return deref(out.PolicyDocument), nil
		})
	})
}

func (st *iamService) listPolicies(ctx context.Context, u *collection.Unit) {
	r := st.r
	r.Call(ctx, opIAMListPolicies, collection.ListTarget("aws_iam_policy", snapshot.GlobalRegion), func(ctx context.Context) error {
		return eachPage(ctx, iam.NewListPoliciesPaginator(st.cli, &iam.ListPoliciesInput{Scope: types.PolicyScopeTypeLocal}), func(out *iam.ListPoliciesOutput) {
			for _, pol := range out.Policies {
				st.policy(u, pol)
			}
		})
	})
}

func (st *iamService) policy(u *collection.Unit, pol types.Policy) {
	r := st.r
	arn := deref(pol.Arn)
	res := snapshot.Resource{
		"id": arn, "name": deref(pol.PolicyName), "region": snapshot.GlobalRegion, "tags": nil,
		"path": deref(pol.Path), "attachment_count": int64(deref(pol.AttachmentCount)),
		"is_attachable": pol.IsAttachable, "default_version_id": deref(pol.DefaultVersionId), "document": nil,
	}
	r.Add("aws_iam_policy", res)
	t := func(attrs ...string) collection.Target {
		return collection.Target{Type: "aws_iam_policy", ID: arn, Region: snapshot.GlobalRegion, Attrs: attrs}
	}
	u.Go(func(ctx context.Context) {
		tags := map[string]string{}
		if r.Call(ctx, opIAMListPolicyTags, t("tags"), func(ctx context.Context) error {
			return eachPage(ctx, iam.NewListPolicyTagsPaginator(st.cli, &iam.ListPolicyTagsInput{PolicyArn: &arn}), func(out *iam.ListPolicyTagsOutput) {
				addTags(tags, out.Tags, iamTag)
			})
		}) {
			r.Set(res, "tags", tags)
		}
	})
	u.Go(func(ctx context.Context) {
		r.Call(ctx, opIAMGetPolicyVersion, t("document"), func(ctx context.Context) error {
			out, err := st.cli.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: &arn, VersionId: pol.DefaultVersionId})
			if err != nil {
				return err
			}
			doc, err := decodePolicyDocument(deref(out.PolicyVersion.Document))
			if err != nil {
				return err
			}
			r.Set(res, "document", doc)
			return nil
		})
	})
}

func (st *iamService) listServerCertificates(ctx context.Context, u *collection.Unit) {
	r := st.r
	r.Call(ctx, opIAMListServerCertificates, collection.ListTarget("aws_iam_server_certificate", snapshot.GlobalRegion), func(ctx context.Context) error {
		return eachPage(ctx, iam.NewListServerCertificatesPaginator(st.cli, &iam.ListServerCertificatesInput{}), func(out *iam.ListServerCertificatesOutput) {
			for _, c := range out.ServerCertificateMetadataList {
				st.serverCertificate(u, c)
			}
		})
	})
}

func (st *iamService) serverCertificate(u *collection.Unit, c types.ServerCertificateMetadata) {
	r := st.r
	name, arn := deref(c.ServerCertificateName), deref(c.Arn)
	res := snapshot.Resource{
		"id": arn, "name": name, "region": snapshot.GlobalRegion, "tags": nil,
		"server_certificate_id": deref(c.ServerCertificateId), "path": deref(c.Path),
		"upload_date": timeOrNil(c.UploadDate), "expiration": timeOrNil(c.Expiration),
	}
	r.Add("aws_iam_server_certificate", res)
	u.Go(func(ctx context.Context) {
		tags := map[string]string{}
		if r.Call(ctx, opIAMListServerCertificateTags, collection.Target{Type: "aws_iam_server_certificate", ID: arn, Region: snapshot.GlobalRegion, Attrs: []string{"tags"}}, func(ctx context.Context) error {
			return eachPage(ctx, iam.NewListServerCertificateTagsPaginator(st.cli, &iam.ListServerCertificateTagsInput{ServerCertificateName: &name}), func(out *iam.ListServerCertificateTagsOutput) {
				addTags(tags, out.Tags, iamTag)
			})
		}) {
			r.Set(res, "tags", tags)
		}
	})
}

// finishIAM joins what the tasks found: the root user's summary, MFA and credential report
// row; the users' credential report columns; the entities of the AWS managed policies.
func (st *iamService) Finish() {
	r := st.r
	rootARN := r.acct.ID()
	root := map[string]any{
		"mfa_active": nil, "hardware_mfa_active": nil, "access_keys_present": nil,
		"password_last_used": nil, "access_key_1_last_used": nil, "access_key_2_last_used": nil,
	}
	if st.summaryOK {
		root["mfa_active"] = st.mfaEnabled
		root["access_keys_present"] = st.rootKeys
		if st.virtualOK {
			root["hardware_mfa_active"] = st.mfaEnabled && !st.rootVirtual
		}
	}
	if st.reportOK {
		if row, ok := st.report[rootARN]; ok {
			root["password_last_used"] = reportTime(row["password_last_used"])
			root["access_key_1_last_used"] = reportTime(row["access_key_1_last_used_date"])
			root["access_key_2_last_used"] = reportTime(row["access_key_2_last_used_date"])
		}
	}
	r.acct["root"] = root
	for arn, res := range st.userRes {
		if !st.reportOK {
			r.AddError(snapshot.CollectionError{
				ResourceType: "aws_iam_user", ResourceID: arn, Region: snapshot.GlobalRegion,
				Operation: opIAMGetCredentialReport.Name(), Code: "CredentialReportUnavailable",
				Message:    "the credential report could not be read (see the aws_account error)",
				Attributes: []string{"password_enabled", "password_last_changed"},
			})
			continue
		}
		row, ok := st.report[arn]
		if !ok {
			r.AddError(snapshot.CollectionError{
				ResourceType: "aws_iam_user", ResourceID: arn, Region: snapshot.GlobalRegion,
				Operation: opIAMGetCredentialReport.Name(), Code: "NotInCredentialReport",
				Message:    "the user is not in the credential report (created after it was generated?)",
				Attributes: []string{"password_enabled", "password_last_changed"},
			})
			continue
		}
		res["password_enabled"] = row["password_enabled"] == "true"
		res["password_last_changed"] = reportTime(row["password_last_changed"])
	}
	for _, e := range []struct {
		attr string
		ents map[string][]string
	}{{"support_access_entities", st.support}, {"cloudshell_full_access_entities", st.cloudsh}} {
		if e.ents == nil {
			continue
		}
		out := map[string]any{}
		for kind, known := range map[string]map[string]string{"users": st.users, "groups": st.groups, "roles": st.roles} {
			arns := []string{}
			for _, n := range e.ents[kind] {
				arn, ok := known[n]
				if !ok {
					arn = r.arn("iam", "", strings.TrimSuffix(kind, "s")+"/"+n)
				}
				arns = append(arns, arn)
			}
			out[kind] = arns
		}
		r.acct[e.attr] = out
	}
}
