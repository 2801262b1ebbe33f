package awsfake

const stsXMLNS = "https://sts.amazonaws.com/doc/2011-06-15/"

func init() {
	services["sts"] = queryProtocol("sts", stsXMLNS, map[string]handler{
		"GetCallerIdentity": func(s *Server, req *Request) (*Response, error) {
			if err := s.injected(req.Op, "", "global"); err != nil {
				return nil, err
			}
			acct := s.Account()
			return s.queryResult("GetCallerIdentity", stsXMLNS,
				tx("Arn", "arn:aws:iam::"+acct+":user/incloud-auditor"),
				tx("UserId", fakeID("AIDA", "incloud-auditor")),
				tx("Account", acct),
			), nil
		},
	})
}
