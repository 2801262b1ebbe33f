package awsfake

// AWS Organizations (awsJson1_1, target prefix AWSOrganizationsV20161128), as the management
// account (or a delegated administrator) sees it: DescribeOrganization and ListAccounts, in
// pages of the server's page size.

// OrgAccount is one member account of the fake organization.
type OrgAccount struct {
	ID, Name, Email string
	// Status is ACTIVE, SUSPENDED or PENDING_CLOSURE.
	Status string
}

// Organization is the fake organization a server answers for: its id, management account and
// members (the management account among them).
type Organization struct {
	ID                string
	ManagementAccount string
	Accounts          []OrgAccount
}

// WithOrganization makes the server the management account of org. Without it the
// Organizations calls answer AWSOrganizationsNotInUseException.
func WithOrganization(org Organization) Option {
	return func(o *options) { o.org = &org }
}

func init() {
	services["organizations"] = jsonProtocol("organizations", map[string]handler{
		"DescribeOrganization": orgDescribe,
		"ListAccounts":         orgListAccounts,
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
	in := jsonInput(req)
	start, end, next := s.Page(len(o.Accounts), inputString(in, "NextToken"), inputString(in, "MaxResults"))
	items := []any{}
	for _, a := range o.Accounts[start:end] {
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
