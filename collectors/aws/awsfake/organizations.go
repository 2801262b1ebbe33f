package awsfake

// AWS Organizations (awsJson1_1, target prefix AWSOrganizationsV20161128), as the management
// account (or a delegated administrator) sees it: DescribeOrganization, ListAccounts, and the
// tree below the root (ListOrganizationalUnitsForParent, ListAccountsForParent), in pages of
// the server's page size. A parent that is neither the root nor one of its OUs answers
// ParentNotFoundException.

// OrgAccount is one member account of the fake organization.
type OrgAccount struct {
	ID, Name, Email string
	// Status is ACTIVE, SUSPENDED or PENDING_CLOSURE.
	Status string
	// Parent is the id of the OU holding the account; "" is the root.
	Parent string
}

// OrgUnit is one organizational unit of the fake organization.
type OrgUnit struct {
	ID, Name string
	// Parent is the id of the OU holding this one; "" is the root.
	Parent string
}

// Organization is the fake organization a server answers for: its id, management account and
// members (the management account among them).
type Organization struct {
	ID                string
	ManagementAccount string
	Accounts          []OrgAccount
	// Root is the id of the organization's root ("r-fake" when empty); OUs its tree.
	Root string
	OUs  []OrgUnit
}

// WithOrganization makes the server the management account of org. Without it the
// Organizations calls answer AWSOrganizationsNotInUseException.
func WithOrganization(org Organization) Option {
	return func(o *options) { o.org = &org }
}

func init() {
	services["organizations"] = jsonProtocol("organizations", map[string]handler{
		"DescribeOrganization":             orgDescribe,
		"ListAccounts":                     orgListAccounts,
		"ListAccountsForParent":            orgListAccountsForParent,
		"ListOrganizationalUnitsForParent": orgListOUsForParent,
	}, "TooManyRequestsException")
}

func (s *Server) organization() (*Organization, error) {
	if s.org == nil {
		return nil, &APIError{400, "AWSOrganizationsNotInUseException", "Your account is not a member of an organization."}
	}
	return s.org, nil
}

func (o *Organization) arn() string {
	return "arn:aws:organizations::" + o.ManagementAccount + ":organization/" + o.ID
}

func orgDescribe(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", "global"); err != nil {
		return nil, err
	}
	o, err := s.organization()
	if err != nil {
		return nil, err
	}
	return jsonResult(map[string]any{"Organization": map[string]any{
		"Id": o.ID, "Arn": o.arn(), "FeatureSet": "ALL",
		"MasterAccountId": o.ManagementAccount, "MasterAccountArn": "arn:aws:organizations::" + o.ManagementAccount + ":account/" + o.ID + "/" + o.ManagementAccount,
	}})
}

func orgListAccounts(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", "global"); err != nil {
		return nil, err
	}
	o, err := s.organization()
	if err != nil {
		return nil, err
	}
	return orgAccountPage(s, o, o.Accounts, jsonInput(req))
}

// orgAccountPage answers one page of accounts (ListAccounts, ListAccountsForParent).
func orgAccountPage(s *Server, o *Organization, accounts []OrgAccount, in map[string]any) (*Response, error) {
	start, end, next := s.Page(len(accounts), inputString(in, "NextToken"), inputString(in, "MaxResults"))
	items := []any{}
	for _, a := range accounts[start:end] {
		state := "ACTIVE"
		switch a.Status {
		case "SUSPENDED":
			state = "SUSPENDED"
		case "PENDING_CLOSURE":
			state = "PENDING_CLOSURE"
		}
		items = append(items, map[string]any{
			"Id": a.ID, "Name": a.Name, "Email": a.Email, "Status": a.Status, "State": state,
			"Arn":             "arn:aws:organizations::" + o.ManagementAccount + ":account/" + o.ID + "/" + a.ID,
			"JoinedMethod":    "CREATED",
			"JoinedTimestamp": 1.7e9,
		})
	}
	out := map[string]any{"Accounts": items}
	if next != "" {
		out["NextToken"] = next
	}
	return jsonResult(out)
}

func (o *Organization) root() string {
	if o.Root == "" {
		return "r-fake"
	}
	return o.Root
}

// parent resolves a ParentId to the parent key of the tree ("" for the root), or answers
// ParentNotFoundException.
func (o *Organization) parent(in map[string]any) (string, error) {
	id := inputString(in, "ParentId")
	if id == o.root() {
		return "", nil
	}
	for _, u := range o.OUs {
		if u.ID == id && id != "" {
			return id, nil
		}
	}
	return "", &APIError{400, "ParentNotFoundException", "We can't find a root or OU with the ParentId that you specified."}
}

func orgListAccountsForParent(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", "global"); err != nil {
		return nil, err
	}
	o, err := s.organization()
	if err != nil {
		return nil, err
	}
	in := jsonInput(req)
	parent, err := o.parent(in)
	if err != nil {
		return nil, err
	}
	var below []OrgAccount
	for _, a := range o.Accounts {
		if a.Parent == parent {
			below = append(below, a)
		}
	}
	return orgAccountPage(s, o, below, in)
}

func orgListOUsForParent(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", "global"); err != nil {
		return nil, err
	}
	o, err := s.organization()
	if err != nil {
		return nil, err
	}
	in := jsonInput(req)
	parent, err := o.parent(in)
	if err != nil {
		return nil, err
	}
	var below []OrgUnit
	for _, u := range o.OUs {
		if u.Parent == parent {
			below = append(below, u)
		}
	}
	start, end, next := s.Page(len(below), inputString(in, "NextToken"), inputString(in, "MaxResults"))
	items := []any{}
	for _, u := range below[start:end] {
		items = append(items, map[string]any{
			"Id": u.ID, "Name": u.Name,
			"Arn": "arn:aws:organizations::" + o.ManagementAccount + ":ou/" + o.ID + "/" + u.ID,
		})
	}
	out := map[string]any{"OrganizationalUnits": items}
	if next != "" {
		out["NextToken"] = next
	}
	return jsonResult(out)
}
