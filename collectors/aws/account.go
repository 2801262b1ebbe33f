package aws

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/account"
	accounttypes "github.com/aws/aws-sdk-go-v2/service/account/types"

	"github.com/incloud/incloud/collectors/collection"
)

// Account Management operations. Permissions equal the operation names.
var (
	opAccountGetContactInformation = register("Account", "account", "GetContactInformation", "")
	opAccountGetAlternateContact   = register("Account", "account", "GetAlternateContact", "")
)

func init() {
	services.Register(collection.Service[*run]{Name: "account", Global: true, New: newAccount,
		Owns: []string{"aws_account.contact_information", "aws_account.security_contact"}})
}

// accountService reads whether the account's contact details and its security alternate
// contact are registered (CIS 2.1, 2.2). Only which fields are set is kept: names, addresses,
// phone numbers and email addresses never reach the snapshot.
type accountService struct {
	r   *run
	cli *account.Client
}

func newAccount(r *run, _ *collection.Unit) collection.Starter {
	return &accountService{r: r, cli: newClient(r, r.home, account.NewFromConfig)}
}

func (s *accountService) Start(u *collection.Unit) {
	u.Go(s.contactInformation)
	u.Go(s.securityContact)
}

// filled reports whether an optional string field holds something.
func filled(p *string) bool { return p != nil && *p != "" }

func (s *accountService) contactInformation(ctx context.Context) {
	r := s.r
	r.Call(ctx, opAccountGetContactInformation, r.accountTarget("contact_information"), func(ctx context.Context) error {
		out, err := s.cli.GetContactInformation(ctx, &account.GetContactInformationInput{})
		if errorCode(err) == "ResourceNotFoundException" {
			r.Set(r.acct, "contact_information", map[string]any{
				"registered": false, "has_full_name": false, "has_phone_number": false, "has_address": false,
			})
			return nil // never set: that is the answer
		}
		if err != nil {
			return err
		}
		c := out.ContactInformation
		if c == nil {
			c = &accounttypes.ContactInformation{}
		}
		r.Set(r.acct, "contact_information", map[string]any{
			"registered": out.ContactInformation != nil, "has_full_name": filled(c.FullName), "has_phone_number": filled(c.PhoneNumber),
			"has_address": filled(c.AddressLine1) && filled(c.City) && filled(c.CountryCode),
		})
		return nil
	})
}

func (s *accountService) securityContact(ctx context.Context) {
	r := s.r
	r.Call(ctx, opAccountGetAlternateContact, r.accountTarget("security_contact"), func(ctx context.Context) error {
		out, err := s.cli.GetAlternateContact(ctx, &account.GetAlternateContactInput{AlternateContactType: accounttypes.AlternateContactTypeSecurity})
		if errorCode(err) == "ResourceNotFoundException" {
			r.Set(r.acct, "security_contact", map[string]any{
				"registered": false, "has_name": false, "has_email_address": false, "has_phone_number": false,
			})
			return nil // no security contact: that is the answer
		}
		if err != nil {
			return err
		}
		c := out.AlternateContact
		if c == nil {
			c = &accounttypes.AlternateContact{}
		}
		r.Set(r.acct, "security_contact", map[string]any{
			"registered": out.AlternateContact != nil, "has_name": filled(c.Name),
			"has_email_address": filled(c.EmailAddress), "has_phone_number": filled(c.PhoneNumber),
		})
		return nil
	})
}
