package aws

import (
	"testing"

	"github.com/incloud/incloud/collectors/aws/awsfake"
	"github.com/incloud/incloud/pkg/snapshot"
)

func TestIAMRoundTrip(t *testing.T) {
	want := testSnapshot("iam")
	srv := awsfake.New(want)
	defer srv.Close()
	got := collect(t, srv, testOptions(srv.URL, "iam"))
	assertSameSnapshot(t, want, got)
	// 5 users in pages of 2.
	if n := srv.Requests()["iam:ListUsers"]; n != 3 {
		t.Errorf("iam:ListUsers requests = %d, want 3 pages", n)
	}
	if n := srv.Requests()["iam:GetUserPolicy"]; n != 2 {
		t.Errorf("iam:GetUserPolicy requests = %d, want 2 (dave's two inline policies)", n)
	}
}

// findResource returns the resource of typ with id.
func findResource(s *snapshot.Snapshot, typ, id string) snapshot.Resource {
	for _, r := range s.Resources[typ] {
		if r.ID() == id {
			return r
		}
	}
	return nil
}

func TestIAMAccessDenied(t *testing.T) {
	want := testSnapshot("iam")
	bob := findResource(want, "aws_iam_user", "arn:aws:iam::123456789012:user/bob")
	bob["attached_policies"] = nil
	want.AddError(snapshot.CollectionError{ResourceType: "aws_iam_user", ResourceID: bob.ID(), Region: "global",
		Operation: "iam:ListAttachedUserPolicies", Code: "AccessDenied",
		Message:    "User: arn:aws:iam::123456789012:user/incloud-auditor is not authorized to perform: iam:ListAttachedUserPolicies",
		Attributes: []string{"attached_policies"}})
	want.Resources["aws_account"][0]["password_policy"] = nil
	want.AddError(snapshot.CollectionError{ResourceType: "aws_account", ResourceID: "arn:aws:iam::123456789012:root", Region: "global",
		Operation: "iam:GetAccountPasswordPolicy", Code: "AccessDenied", Message: "denied", Attributes: []string{"password_policy"}})
	delete(want.Resources, "aws_iam_server_certificate")
	want.AddError(snapshot.CollectionError{ResourceType: "aws_iam_server_certificate", Region: "global",
		Operation: "iam:ListServerCertificates", Code: "AccessDenied", Message: "no list for you"})
	srv := awsfake.New(want)
	defer srv.Close()
	got := collect(t, srv, testOptions(srv.URL, "iam"))
	if got.Complete {
		t.Error("complete = true with errors")
	}
	assertSameSnapshot(t, want, got)
}

func TestIAMThrottlingRetried(t *testing.T) {
	want := testSnapshot("iam")
	srv := awsfake.New(want, awsfake.WithThrottle("iam:ListUsers", 2), awsfake.WithThrottle("iam:GetRole", 1))
	defer srv.Close()
	got := collect(t, srv, testOptions(srv.URL, "iam"))
	assertSameSnapshot(t, want, got)
	if n := srv.Requests()["iam:ListUsers"]; n != 5 {
		t.Errorf("iam:ListUsers requests = %d, want 3 pages + 2 throttled attempts", n)
	}
}

func TestIAMThrottlingPersistent(t *testing.T) {
	want := testSnapshot("iam")
	carol := findResource(want, "aws_iam_user", "arn:aws:iam::123456789012:user/carol")
	carol["mfa_active"], carol["mfa_devices"] = nil, nil
	want.AddError(snapshot.CollectionError{ResourceType: "aws_iam_user", ResourceID: carol.ID(), Region: "global",
		Operation: "iam:ListMFADevices", Code: "Throttling", Message: "Rate exceeded", Attributes: []string{"mfa_active", "mfa_devices"}})
	srv := awsfake.New(want)
	defer srv.Close()
	opts := testOptions(srv.URL, "iam")
	got := collect(t, srv, opts)
	assertSameSnapshot(t, want, got)
	// 4 other users answer at once; carol's call is tried RetryMaxAttempts times.
	if n := srv.Requests()["iam:ListMFADevices"]; n != 4+opts.RetryMaxAttempts {
		t.Errorf("iam:ListMFADevices requests = %d, want %d", n, 4+opts.RetryMaxAttempts)
	}
}
