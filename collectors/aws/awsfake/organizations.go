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

// organization starts every Organizations call: the injected error for req's operation, else the
// organization, else AWSOrganizationsNotInUseException.
func (s *Server) organization(req *Request) (*Organization, error) {
	if err := s.injected(req.Op, "", "global"); err != nil {
		return nil, err
	}
	if s.org == nil {
		return nil, &APIError{400, "AWSOrganizationsNotInUseException", "Your account is not a member of an organization."}
	}
	return s.org, nil
}

func (o *Organization) arn() string {
	return "arn:aws:organizations::" + o.ManagementAccount + ":organization/" + o.ID
}

func orgDescribe(s *Server, req *Request) (*Response, error) {
	o, err := s.organization(req)
	if err != nil {
		return nil, err
	}
	return jsonResult(map[string]any{"Organization": map[string]any{
		"Id": o.ID, "Arn": o.arn(), "FeatureSet": "ALL",
		"MasterAccountId": o.ManagementAccount, "MasterAccountArn": "arn:aws:organizations::" + o.ManagementAccount + ":account/" + o.ID + "/" + o.ManagementAccount,
	}})
}

func orgListAccounts(s *Server, req *Request) (*Response, error) {
	o, err := s.organization(req)
	if err != nil {
		return nil, err
	}
	return orgAccountPage(s, o, o.Accounts, jsonInput(req))
}

// orgPage answers one page of n items under key, with the NextToken of the next page if any.
func orgPage(s *Server, in map[string]any, key string, n int, item func(i int) map[string]any) (*Response, error) {
	start, end, next := s.Page(n, inputString(in, "NextToken"), inputString(in, "MaxResults"))
	items := []any{}
	for i := start; i < end; i++ {
		items = append(items, item(i))
	}
	out := map[string]any{key: items}
	if next != "" {
		out["NextToken"] = next
	}
	return jsonResult(out)
}

// orgAccountPage answers one page of accounts (ListAccounts, ListAccountsForParent).
func orgAccountPage(s *Server, o *Organization, accounts []OrgAccount, in map[string]any) (*Response, error) {
	return orgPage(s, in, "Accounts", len(accounts), func(i int) map[string]any {
		a := accounts[i]
		state := "ACTIVE"
		switch a.Status {
		case "SUSPENDED":
			state = "SUSPENDED"
		case "PENDING_CLOSURE":
			state = "PENDING_CLOSURE"
		}
		return map[string]any{
			"Id": a.ID, "Name": a.Name, "Email": a.Email, "Status": a.Status, "State": state,
			"Arn":             "arn:aws:organizations::" + o.ManagementAccount + ":account/" + o.ID + "/" + a.ID,
			"JoinedMethod":    "CREATED",
			"JoinedTimestamp": 1.7e9,
		}
	})
}

func (o *Organization) root() string {
	if o.Root == "" {
		return "r-fake"
	}
	return o.Root
}

// parentCall starts a call naming a ParentId: the organization, the request's input and the
// parent key of the tree ("" for the root), or ParentNotFoundException.
func (s *Server) parentCall(req *Request) (*Organization, map[string]any, string, error) {
	o, err := s.organization(req)
	if err != nil {
		return nil, nil, "", err
	}
	in := jsonInput(req)
	id := inputString(in, "ParentId")
	if id == o.root() {
		return o, in, "", nil
	}
	for _, u := range o.OUs {
		if u.ID == id && id != "" {
			return o, in, id, nil
		}
	}
	return nil, nil, "", &APIError{400, "ParentNotFoundException", "We can't find a root or OU with the ParentId that you specified."}
}

func orgListAccountsForParent(s *Server, req *Request) (*Response, error) {
	o, in, parent, err := s.parentCall(req)
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
	o, in, parent, err := s.parentCall(req)
	if err != nil {
		return nil, err
	}
	var below []OrgUnit
	for _, u := range o.OUs {
		if u.Parent == parent {
			below = append(below, u)
		}
	}
	return orgPage(s, in, "OrganizationalUnits", len(below), func(i int) map[string]any {
		return map[string]any{
			"Id": below[i].ID, "Name": below[i].Name,
			"Arn": "arn:aws:organizations::" + o.ManagementAccount + ":ou/" + o.ID + "/" + below[i].ID,
		}
	})
}
