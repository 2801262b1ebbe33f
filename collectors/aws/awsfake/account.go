package awsfake

import "net/http"

// Account Management (restJson1): GetContactInformation and GetAlternateContact, from the
// aws_account resource's contact_information and security_contact attributes. The snapshot only
// says which fields are set; the fake fills them with fictional values. What is not registered
// answers ResourceNotFoundException, as AWS does.
func init() {
	services["account"] = restJSONProtocol("account", []restRoute{
		{http.MethodPost, "/getContactInformation", "GetContactInformation", accountGetContactInformation},
		{http.MethodPost, "/getAlternateContact", "GetAlternateContact", accountGetAlternateContact},
	}, APIError{Status: http.StatusTooManyRequests, Code: "TooManyRequestsException"})
}

func accountGetContactInformation(s *Server, req *Request) (*Response, error) {
	acct := s.account()
	if err := s.injected(req.Op, acct.ID(), "global"); err != nil {
		return nil, err
	}
	c := object(acct, "contact_information")
	if c == nil || !boolean(c, "registered") {
		return nil, &APIError{http.StatusNotFound, "ResourceNotFoundException", "No contact information found for account " + s.Account()}
	}
	info := map[string]any{}
	if boolean(c, "has_full_name") {
		info["FullName"] = "Example Operations"
	}
	if boolean(c, "has_phone_number") {
		info["PhoneNumber"] = "+1-555-0100"
	}
	if boolean(c, "has_address") {
		info["AddressLine1"], info["City"], info["CountryCode"], info["PostalCode"] = "1 Example Way", "Springfield", "US", "00000"
	}
	return restJSONResult(map[string]any{"ContactInformation": info})
}

func accountGetAlternateContact(s *Server, req *Request) (*Response, error) {
	acct := s.account()
	if err := s.injected(req.Op, acct.ID(), "global"); err != nil {
		return nil, err
	}
	if typ := inputString(jsonInput(req), "AlternateContactType"); typ != "SECURITY" {
		return nil, &APIError{http.StatusNotFound, "ResourceNotFoundException", "No contact of type " + typ + " found"}
	}
	c := object(acct, "security_contact")
	if c == nil || !boolean(c, "registered") {
		return nil, &APIError{http.StatusNotFound, "ResourceNotFoundException", "No contact of the requested type found"}
	}
	contact := map[string]any{"AlternateContactType": "SECURITY"}
	if boolean(c, "has_name") {
		contact["Name"], contact["Title"] = "Security Team", "Security"
	}
	if boolean(c, "has_email_address") {
		contact["EmailAddress"] = "security@example.com"
	}
	if boolean(c, "has_phone_number") {
		contact["PhoneNumber"] = "+1-555-0101"
	}
	return restJSONResult(map[string]any{"AlternateContact": contact})
}
