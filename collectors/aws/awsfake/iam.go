package awsfake

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/incloud/incloud/pkg/snapshot"
)

const iamXMLNS = "https://iam.amazonaws.com/doc/2010-05-08/"

func init() {
	services["iam"] = queryProtocol("iam", iamXMLNS, map[string]handler{
		"GetAccountSummary":         getAccountSummary,
		"ListAccountAliases":        listAccountAliases,
		"ListVirtualMFADevices":     listVirtualMFADevices,
		"GetAccountPasswordPolicy":  getAccountPasswordPolicy,
		"ListEntitiesForPolicy":     listEntitiesForPolicy,
		"GenerateCredentialReport":  generateCredentialReport,
		"GetCredentialReport":       getCredentialReport,
		"ListUsers":                 listUsers,
		"ListUserTags":              userTags,
		"ListMFADevices":            listMFADevices,
		"ListAccessKeys":            listAccessKeys,
		"GetAccessKeyLastUsed":      getAccessKeyLastUsed,
		"ListGroupsForUser":         listGroupsForUser,
		"ListAttachedUserPolicies":  attached("aws_iam_user", "UserName"),
		"ListUserPolicies":          inlineNames("aws_iam_user", "UserName"),
		"GetUserPolicy":             inlineDocument("aws_iam_user", "UserName"),
		"ListGroups":                listGroups,
		"GetGroup":                  getGroup,
		"ListAttachedGroupPolicies": attached("aws_iam_group", "GroupName"),
		"ListGroupPolicies":         inlineNames("aws_iam_group", "GroupName"),
		"GetGroupPolicy":            inlineDocument("aws_iam_group", "GroupName"),
		"ListRoles":                 listRoles,
		"GetRole":                   getRole,
		"ListAttachedRolePolicies":  attached("aws_iam_role", "RoleName"),
		"ListRolePolicies":          inlineNames("aws_iam_role", "RoleName"),
		"GetRolePolicy":             inlineDocument("aws_iam_role", "RoleName"),
		"ListPolicies":              listPolicies,
		"ListPolicyTags":            policyTags,
		"GetPolicyVersion":          getPolicyVersion,
		"ListServerCertificates":    listServerCertificates,
		"ListServerCertificateTags": serverCertificateTags,
	})
}

// iamResult renders an IAM response.
func (s *Server) iamResult(req *Request, kids ...xmlNode) *Response {
	return s.queryResult(req.Params.Get("Action"), iamXMLNS, kids...)
}

// iamList renders one page of a paginated IAM list.
func (s *Server) iamList(req *Request, listName string, items []xmlNode, extra ...xmlNode) *Response {
	start, end, next := s.Page(len(items), req.Params.Get("Marker"), req.Params.Get("MaxItems"))
	kids := append([]xmlNode{wrap(listName, "member", items[start:end]), tx("IsTruncated", next != "")}, extra...)
	if next != "" {
		kids = append(kids, tx("Marker", next))
	}
	return s.iamResult(req, kids...)
}

// accountCheck fails a call about the account when the snapshot says so.
func (s *Server) accountCheck(req *Request) error {
	return s.injected(req.Op, s.account().ID(), snapshot.GlobalRegion)
}

// entity looks up the principal a request names (UserName, GroupName, RoleName) and applies
// the snapshot's errors for it.
func (s *Server) entity(req *Request, typ, param string) (snapshot.Resource, error) {
	name := req.Params.Get(param)
	r := s.Find(typ, "name", name)
	if r == nil {
		kind := strings.TrimPrefix(typ, "aws_iam_")
		return nil, &APIError{404, "NoSuchEntity", fmt.Sprintf("The %s with name %s cannot be found.", kind, name)}
	}
	if err := s.injected(req.Op, r.ID(), snapshot.GlobalRegion); err != nil {
		return nil, err
	}
	return r, nil
}

func getAccountSummary(s *Server, req *Request) (*Response, error) {
	if err := s.accountCheck(req); err != nil {
		return nil, err
	}
	root := object(s.account(), "root")
	flag := func(b bool) string {
		if b {
			return "1"
		}
		return "0"
	}
	entries := [][2]string{
		{"AccountMFAEnabled", flag(boolean(root, "mfa_active"))},
		{"AccountAccessKeysPresent", flag(boolean(root, "access_keys_present"))},
		{"Users", fmt.Sprint(len(s.Resources("aws_iam_user")))},
		{"Groups", fmt.Sprint(len(s.Resources("aws_iam_group")))},
		{"Roles", fmt.Sprint(len(s.Resources("aws_iam_role")))},
		{"Policies", fmt.Sprint(len(s.Resources("aws_iam_policy")))},
		{"ServerCertificates", fmt.Sprint(len(s.Resources("aws_iam_server_certificate")))},
	}
	var items []xmlNode
	for _, e := range entries {
		items = append(items, el("entry", tx("key", e[0]), tx("value", e[1])))
	}
	return s.iamResult(req, el("SummaryMap", items...)), nil
}

func listAccountAliases(s *Server, req *Request) (*Response, error) {
	if err := s.accountCheck(req); err != nil {
		return nil, err
	}
	var items []xmlNode
	for _, a := range list(s.account(), "aliases") {
		items = append(items, tx("member", a))
	}
	return s.iamList(req, "AccountAliases", items), nil
}

func (s *Server) userNode(u snapshot.Resource) xmlNode {
	return el("member", tx("Path", str(u, "path")), tx("UserName", str(u, "name")), tx("UserId", str(u, "user_id")),
		tx("Arn", u.ID()), tx("CreateDate", str(u, "create_date")), opt("PasswordLastUsed", strp(u, "password_last_used")))
}

func listVirtualMFADevices(s *Server, req *Request) (*Response, error) {
	if err := s.accountCheck(req); err != nil {
		return nil, err
	}
	var items []xmlNode
	acct := s.account()
	if root := object(acct, "root"); boolean(root, "mfa_active") && !boolean(root, "hardware_mfa_active") {
		items = append(items, el("member",
			tx("SerialNumber", "arn:aws:iam::"+s.Account()+":mfa/root-account-mfa-device"),
			el("User", tx("Path", "/"), tx("UserName", ""), tx("UserId", s.Account()), tx("Arn", acct.ID()), tx("CreateDate", s.Snapshot().CollectedAt.Format(time.RFC3339)))))
	}
	for _, u := range s.Resources("aws_iam_user") {
		for _, d := range list(u, "mfa_devices") {
			d, _ := d.(map[string]any)
			if str(d, "type") == "virtual" {
				user := s.userNode(u)
				user.name = "User"
				items = append(items, el("member", tx("SerialNumber", str(d, "serial_number")), user, tx("EnableDate", str(u, "create_date"))))
			}
		}
	}
	return s.iamList(req, "VirtualMFADevices", items), nil
}

func getAccountPasswordPolicy(s *Server, req *Request) (*Response, error) {
	if err := s.accountCheck(req); err != nil {
		return nil, err
	}
	p := object(s.account(), "password_policy")
	if p == nil {
		return nil, &APIError{404, "NoSuchEntity", "The Password Policy with domain name " + s.Account() + " cannot be found."}
	}
	numOpt := func(name, k string) xmlNode {
		if isNull(p, k) {
			return none()
		}
		return tx(name, number(p, k))
	}
	return s.iamResult(req, el("PasswordPolicy",
		tx("MinimumPasswordLength", number(p, "minimum_password_length")),
		tx("RequireSymbols", boolean(p, "require_symbols")),
		tx("RequireNumbers", boolean(p, "require_numbers")),
		tx("RequireUppercaseCharacters", boolean(p, "require_uppercase_characters")),
		tx("RequireLowercaseCharacters", boolean(p, "require_lowercase_characters")),
		tx("AllowUsersToChangePassword", boolean(p, "allow_users_to_change_password")),
		tx("ExpirePasswords", boolean(p, "expire_passwords")),
		numOpt("MaxPasswordAge", "max_password_age"),
		numOpt("PasswordReusePrevention", "password_reuse_prevention"),
		tx("HardExpiry", boolean(p, "hard_expiry")),
	)), nil
}

func listEntitiesForPolicy(s *Server, req *Request) (*Response, error) {
	if err := s.accountCheck(req); err != nil {
		return nil, err
	}
	var attr string
	switch lastSegment(req.Params.Get("PolicyArn")) {
	case "AWSSupportAccess":
		attr = "support_access_entities"
	case "AWSCloudShellFullAccess":
		attr = "cloudshell_full_access_entities"
	}
	ents := object(s.account(), attr)
	var all []struct {
		kind string
		node xmlNode
	}
	for _, k := range []struct{ key, name, id, prefix string }{
		{"groups", "GroupName", "GroupId", "AGPA"}, {"users", "UserName", "UserId", "AIDA"}, {"roles", "RoleName", "RoleId", "AROA"},
	} {
		for _, a := range list(ents, k.key) {
			arn := fmt.Sprint(a)
			all = append(all, struct {
				kind string
				node xmlNode
			}{k.key, el("member", tx(k.name, lastSegment(arn)), tx(k.id, fakeID(k.prefix, arn)))})
		}
	}
	start, end, next := s.Page(len(all), req.Params.Get("Marker"), req.Params.Get("MaxItems"))
	byKind := map[string][]xmlNode{}
	for _, e := range all[start:end] {
		byKind[e.kind] = append(byKind[e.kind], e.node)
	}
	kids := []xmlNode{
		wrap("PolicyGroups", "member", byKind["groups"]), wrap("PolicyUsers", "member", byKind["users"]),
		wrap("PolicyRoles", "member", byKind["roles"]), tx("IsTruncated", next != ""),
	}
	if next != "" {
		kids = append(kids, tx("Marker", next))
	}
	return s.iamResult(req, kids...), nil
}

func generateCredentialReport(s *Server, req *Request) (*Response, error) {
	if err := s.accountCheck(req); err != nil {
		return nil, err
	}
	return s.iamResult(req, tx("State", "COMPLETE"), tx("Description", "No report exists. Starting a new report generation task")), nil
}

// credentialReport renders the documented credential report CSV from the snapshot.
func (s *Server) credentialReport() []byte {
	head := []string{"user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
		"password_next_rotation", "mfa_active", "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
		"access_key_1_last_used_region", "access_key_1_last_used_service", "access_key_2_active", "access_key_2_last_rotated",
		"access_key_2_last_used_date", "access_key_2_last_used_region", "access_key_2_last_used_service", "cert_1_active",
		"cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated"}
	or := func(v *string, dflt string) string {
		if v == nil {
			return dflt
		}
		t, err := time.Parse(time.RFC3339, *v)
		if err != nil {
			return *v
		}
		return t.UTC().Format("2006-01-02T15:04:05+00:00")
	}
	tf := func(b bool) string { return fmt.Sprint(b) }
	created := s.Snapshot().CollectedAt.Add(-365 * 24 * time.Hour).Format(time.RFC3339)
	acct := s.account()
	root := object(acct, "root")
	rows := [][]string{head, {
		"<root_account>", acct.ID(), or(&created, "N/A"), "not_supported", or(strp(root, "password_last_used"), "no_information"),
		"not_supported", "not_supported", tf(boolean(root, "mfa_active")),
		tf(boolean(root, "access_keys_present")), "N/A", or(strp(root, "access_key_1_last_used"), "N/A"), "N/A", "N/A",
		"false", "N/A", or(strp(root, "access_key_2_last_used"), "N/A"), "N/A", "N/A",
		"false", "N/A", "false", "N/A",
	}}
	for _, u := range s.Resources("aws_iam_user") {
		row := []string{str(u, "name"), u.ID(), or(strp(u, "create_date"), "N/A"), tf(boolean(u, "password_enabled")),
			or(strp(u, "password_last_used"), "N/A"), or(strp(u, "password_last_changed"), "N/A"), "N/A", tf(boolean(u, "mfa_active"))}
		keys := list(u, "access_keys")
		for i := 0; i < 2; i++ {
			if i < len(keys) {
				k, _ := keys[i].(map[string]any)
				svc := "N/A"
				if v := strp(k, "last_used_service"); v != nil {
					svc = *v
				}
				row = append(row, tf(str(k, "status") == "Active"), or(strp(k, "create_date"), "N/A"),
					or(strp(k, "last_used_date"), "N/A"), "N/A", svc)
			} else {
				row = append(row, "false", "N/A", "N/A", "N/A", "N/A")
			}
		}
		row = append(row, "false", "N/A", "false", "N/A")
		rows = append(rows, row)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.WriteAll(rows)
	return b.Bytes()
}

func getCredentialReport(s *Server, req *Request) (*Response, error) {
	if err := s.accountCheck(req); err != nil {
		return nil, err
	}
	return s.iamResult(req,
		tx("Content", base64.StdEncoding.EncodeToString(s.credentialReport())),
		tx("ReportFormat", "text/csv"),
		tx("GeneratedTime", s.Snapshot().CollectedAt.UTC().Format(time.RFC3339)),
	), nil
}

func listUsers(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", snapshot.GlobalRegion); err != nil {
		return nil, err
	}
	var items []xmlNode
	for _, u := range s.Resources("aws_iam_user") {
		items = append(items, s.userNode(u))
	}
	return s.iamList(req, "Users", items), nil
}

func tagNodes(r snapshot.Resource) []xmlNode {
	var items []xmlNode
	for _, t := range tags(r) {
		items = append(items, el("member", tx("Key", t[0]), tx("Value", t[1])))
	}
	return items
}

func userTags(s *Server, req *Request) (*Response, error) {
	u, err := s.entity(req, "aws_iam_user", "UserName")
	if err != nil {
		return nil, err
	}
	return s.iamList(req, "Tags", tagNodes(u)), nil
}

func listMFADevices(s *Server, req *Request) (*Response, error) {
	u, err := s.entity(req, "aws_iam_user", "UserName")
	if err != nil {
		return nil, err
	}
	var items []xmlNode
	for _, d := range list(u, "mfa_devices") {
		d, _ := d.(map[string]any)
		items = append(items, el("member", tx("UserName", str(u, "name")), tx("SerialNumber", str(d, "serial_number")), tx("EnableDate", str(u, "create_date"))))
	}
	return s.iamList(req, "MFADevices", items), nil
}

func listAccessKeys(s *Server, req *Request) (*Response, error) {
	u, err := s.entity(req, "aws_iam_user", "UserName")
	if err != nil {
		return nil, err
	}
	var items []xmlNode
	for _, k := range list(u, "access_keys") {
		k, _ := k.(map[string]any)
		items = append(items, el("member", tx("UserName", str(u, "name")), tx("AccessKeyId", str(k, "access_key_id")),
			tx("Status", str(k, "status")), tx("CreateDate", str(k, "create_date"))))
	}
	return s.iamList(req, "AccessKeyMetadata", items), nil
}

func getAccessKeyLastUsed(s *Server, req *Request) (*Response, error) {
	id := req.Params.Get("AccessKeyId")
	for _, u := range s.Resources("aws_iam_user") {
		for _, k := range list(u, "access_keys") {
			k, _ := k.(map[string]any)
			if str(k, "access_key_id") != id {
				continue
			}
			if err := s.injected(req.Op, u.ID(), snapshot.GlobalRegion); err != nil {
				return nil, err
			}
			last := el("AccessKeyLastUsed", tx("ServiceName", "N/A"), tx("Region", "N/A"))
			if d := strp(k, "last_used_date"); d != nil {
				svc := "N/A"
				if v := strp(k, "last_used_service"); v != nil {
					svc = *v
				}
				last = el("AccessKeyLastUsed", tx("LastUsedDate", *d), tx("ServiceName", svc), tx("Region", "us-east-1"))
			}
			return s.iamResult(req, tx("UserName", str(u, "name")), last), nil
		}
	}
	return nil, &APIError{403, "AccessDenied", "The access key " + id + " does not belong to this account"}
}

func (s *Server) groupNode(name string) xmlNode {
	g := s.Find("aws_iam_group", "name", name)
	if g == nil {
		arn := "arn:aws:iam::" + s.Account() + ":group/" + name
		return el("member", tx("Path", "/"), tx("GroupName", name), tx("GroupId", fakeID("AGPA", arn)), tx("Arn", arn), tx("CreateDate", s.Snapshot().CollectedAt.Format(time.RFC3339)))
	}
	return el("member", tx("Path", str(g, "path")), tx("GroupName", name), tx("GroupId", fakeID("AGPA", g.ID())), tx("Arn", g.ID()), tx("CreateDate", str(g, "create_date")))
}

func listGroupsForUser(s *Server, req *Request) (*Response, error) {
	u, err := s.entity(req, "aws_iam_user", "UserName")
	if err != nil {
		return nil, err
	}
	var items []xmlNode
	for _, g := range list(u, "groups") {
		items = append(items, s.groupNode(fmt.Sprint(g)))
	}
	return s.iamList(req, "Groups", items), nil
}

func attached(typ, param string) handler {
	return func(s *Server, req *Request) (*Response, error) {
		e, err := s.entity(req, typ, param)
		if err != nil {
			return nil, err
		}
		var items []xmlNode
		for _, p := range list(e, "attached_policies") {
			p, _ := p.(map[string]any)
			items = append(items, el("member", tx("PolicyName", str(p, "policy_name")), tx("PolicyArn", str(p, "policy_arn"))))
		}
		return s.iamList(req, "AttachedPolicies", items), nil
	}
}

func inlineNames(typ, param string) handler {
	return func(s *Server, req *Request) (*Response, error) {
		e, err := s.entity(req, typ, param)
		if err != nil {
			return nil, err
		}
		var items []xmlNode
		for _, p := range list(e, "inline_policies") {
			p, _ := p.(map[string]any)
			items = append(items, tx("member", str(p, "policy_name")))
		}
		return s.iamList(req, "PolicyNames", items), nil
	}
}

// policyDocument renders a policy document as IAM returns it: URL-encoded JSON.
func policyDocument(doc any) string {
	b, _ := json.Marshal(doc)
	return url.QueryEscape(string(b))
}

func inlineDocument(typ, param string) handler {
	return func(s *Server, req *Request) (*Response, error) {
		e, err := s.entity(req, typ, param)
		if err != nil {
			return nil, err
		}
		name := req.Params.Get("PolicyName")
		for _, p := range list(e, "inline_policies") {
			p, _ := p.(map[string]any)
			if str(p, "policy_name") == name {
				return s.iamResult(req, tx(param, str(e, "name")), tx("PolicyName", name), tx("PolicyDocument", policyDocument(p["document"]))), nil
			}
		}
		return nil, &APIError{404, "NoSuchEntity", "The policy " + name + " cannot be found."}
	}
}

func listGroups(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", snapshot.GlobalRegion); err != nil {
		return nil, err
	}
	var items []xmlNode
	for _, g := range s.Resources("aws_iam_group") {
		items = append(items, s.groupNode(str(g, "name")))
	}
	return s.iamList(req, "Groups", items), nil
}

func getGroup(s *Server, req *Request) (*Response, error) {
	g, err := s.entity(req, "aws_iam_group", "GroupName")
	if err != nil {
		return nil, err
	}
	var items []xmlNode
	for _, n := range list(g, "users") {
		u := s.Find("aws_iam_user", "name", fmt.Sprint(n))
		if u == nil {
			arn := "arn:aws:iam::" + s.Account() + ":user/" + fmt.Sprint(n)
			u = snapshot.Resource{"id": arn, "name": n, "path": "/", "user_id": fakeID("AIDA", arn), "create_date": s.Snapshot().CollectedAt.Format(time.RFC3339)}
		}
		items = append(items, s.userNode(u))
	}
	group := s.groupNode(str(g, "name"))
	group.name = "Group"
	return s.iamList(req, "Users", items, group), nil
}

func (s *Server) roleNode(r snapshot.Resource, full bool) xmlNode {
	kids := []xmlNode{tx("Path", str(r, "path")), tx("RoleName", str(r, "name")), tx("RoleId", fakeID("AROA", r.ID())),
		tx("Arn", r.ID()), tx("CreateDate", str(r, "create_date")), tx("AssumeRolePolicyDocument", policyDocument(r["assume_role_policy"]))}
	if full {
		kids = append(kids, wrap("Tags", "member", tagNodes(r)))
		last := el("RoleLastUsed")
		if d := strp(r, "last_used_date"); d != nil {
			last = el("RoleLastUsed", tx("LastUsedDate", *d), tx("Region", "us-east-1"))
		}
		kids = append(kids, last)
	}
	return el("member", kids...)
}

func listRoles(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", snapshot.GlobalRegion); err != nil {
		return nil, err
	}
	var items []xmlNode
	for _, r := range s.Resources("aws_iam_role") {
		items = append(items, s.roleNode(r, false))
	}
	return s.iamList(req, "Roles", items), nil
}

func getRole(s *Server, req *Request) (*Response, error) {
	r, err := s.entity(req, "aws_iam_role", "RoleName")
	if err != nil {
		return nil, err
	}
	role := s.roleNode(r, true)
	role.name = "Role"
	return s.iamResult(req, role), nil
}

func (s *Server) policy(req *Request) (snapshot.Resource, error) {
	arn := req.Params.Get("PolicyArn")
	p := s.Find("aws_iam_policy", "id", arn)
	if p == nil {
		return nil, &APIError{404, "NoSuchEntity", "Policy " + arn + " does not exist or is not attachable."}
	}
	if err := s.injected(req.Op, arn, snapshot.GlobalRegion); err != nil {
		return nil, err
	}
	return p, nil
}

func listPolicies(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", snapshot.GlobalRegion); err != nil {
		return nil, err
	}
	if sc := req.Params.Get("Scope"); sc != "Local" {
		return nil, &APIError{400, "ValidationError", "awsfake serves customer-managed policies only (Scope=Local), got Scope=" + sc}
	}
	var items []xmlNode
	for _, p := range s.Resources("aws_iam_policy") {
		items = append(items, el("member", tx("PolicyName", str(p, "name")), tx("PolicyId", fakeID("ANPA", p.ID())),
			tx("Arn", p.ID()), tx("Path", str(p, "path")), tx("DefaultVersionId", str(p, "default_version_id")),
			tx("AttachmentCount", number(p, "attachment_count")), tx("PermissionsBoundaryUsageCount", 0),
			tx("IsAttachable", boolean(p, "is_attachable")), tx("CreateDate", s.Snapshot().CollectedAt.Format(time.RFC3339))))
	}
	return s.iamList(req, "Policies", items), nil
}

func policyTags(s *Server, req *Request) (*Response, error) {
	p, err := s.policy(req)
	if err != nil {
		return nil, err
	}
	return s.iamList(req, "Tags", tagNodes(p)), nil
}

func getPolicyVersion(s *Server, req *Request) (*Response, error) {
	p, err := s.policy(req)
	if err != nil {
		return nil, err
	}
	v := req.Params.Get("VersionId")
	if v != str(p, "default_version_id") {
		return nil, &APIError{404, "NoSuchEntity", "Policy " + p.ID() + " version " + v + " does not exist."}
	}
	return s.iamResult(req, el("PolicyVersion", tx("Document", policyDocument(p["document"])), tx("VersionId", v),
		tx("IsDefaultVersion", true), tx("CreateDate", s.Snapshot().CollectedAt.Format(time.RFC3339)))), nil
}

func listServerCertificates(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", snapshot.GlobalRegion); err != nil {
		return nil, err
	}
	var items []xmlNode
	for _, c := range s.Resources("aws_iam_server_certificate") {
		items = append(items, el("member", tx("Path", str(c, "path")), tx("ServerCertificateName", str(c, "name")),
			tx("ServerCertificateId", str(c, "server_certificate_id")), tx("Arn", c.ID()),
			tx("UploadDate", str(c, "upload_date")), tx("Expiration", str(c, "expiration"))))
	}
	return s.iamList(req, "ServerCertificateMetadataList", items), nil
}

func serverCertificateTags(s *Server, req *Request) (*Response, error) {
	name := req.Params.Get("ServerCertificateName")
	c := s.Find("aws_iam_server_certificate", "name", name)
	if c == nil {
		return nil, &APIError{404, "NoSuchEntity", "The Server Certificate with name " + name + " cannot be found."}
	}
	if err := s.injected(req.Op, c.ID(), snapshot.GlobalRegion); err != nil {
		return nil, err
	}
	return s.iamList(req, "Tags", tagNodes(c)), nil
}
