package aws

import (
	"strings"
	"testing"

	"github.com/incloud/incloud/collectors/aws/awsfake"
	"github.com/incloud/incloud/pkg/snapshot"
)

// accountSnapshot is the test account with the Account Management attributes set.
func accountSnapshot(contact, security map[string]any) *snapshot.Snapshot {
	s := testSnapshot("account", "iam")
	acct := s.Resources["aws_account"][0]
	acct["contact_information"], acct["security_contact"] = contact, security
	return s
}

// TestAccountContacts collects the contact information and the security contact, registered,
// partly filled and missing (ResourceNotFoundException is data: registered false).
func TestAccountContacts(t *testing.T) {
	for name, tc := range map[string][2]map[string]any{
		"complete": {
			{"registered": true, "has_full_name": true, "has_phone_number": true, "has_address": true},
			{"registered": true, "has_name": true, "has_email_address": true, "has_phone_number": true},
		},
		"partial": {
			{"registered": true, "has_full_name": true, "has_phone_number": false, "has_address": false},
			{"registered": true, "has_name": false, "has_email_address": true, "has_phone_number": false},
		},
		"missing": {
			{"registered": false, "has_full_name": false, "has_phone_number": false, "has_address": false},
			{"registered": false, "has_name": false, "has_email_address": false, "has_phone_number": false},
		},
	} {
		t.Run(name, func(t *testing.T) {
			want := accountSnapshot(tc[0], tc[1])
			srv := awsfake.New(want)
			defer srv.Close()
			got := collect(t, srv, testOptions(srv.URL, "account", "iam"))
			assertSameSnapshot(t, want, got)
			for _, op := range []string{"account:GetContactInformation", "account:GetAlternateContact"} {
				if n := srv.Requests()[op]; n != 1 {
					t.Errorf("%s: %d requests, want 1", op, n)
				}
			}
		})
	}
}

// TestAccountAccessDenied denies the security contact: its attribute is null with an error entry
// naming it, and the contact information is still read.
func TestAccountAccessDenied(t *testing.T) {
	want := accountSnapshot(
		map[string]any{"registered": true, "has_full_name": true, "has_phone_number": true, "has_address": true}, nil)
	want.AddError(snapshot.CollectionError{ResourceType: "aws_account", ResourceID: "arn:aws:iam::123456789012:root", Region: "global",
		Operation: "account:GetAlternateContact", Code: "AccessDeniedException",
		Message:    "User: arn:aws:sts::123456789012:assumed-role/incloud-audit/incloud is not authorized to perform: account:GetAlternateContact",
		Attributes: []string{"security_contact"}})
	srv := awsfake.New(want)
	defer srv.Close()
	got := collect(t, srv, testOptions(srv.URL, "account", "iam"))
	if got.Complete {
		t.Error("complete = true with a denied call")
	}
	assertSameSnapshot(t, want, got)
	// No contact detail, only which fields are set, reaches the snapshot.
	data := string(marshal(t, got))
	for _, secret := range []string{"Example Operations", "+1-555", "Example Way", "security@example.com"} {
		if strings.Contains(data, secret) {
			t.Errorf("the snapshot holds the contact detail %q", secret)
		}
	}
}
