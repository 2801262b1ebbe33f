package aws

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// noCredentialsEnv empties every source of the SDK's credential chain and points the instance
// metadata service at a local server that has no role (and refuses IMDSv2 tokens, which makes
// the SDK log a warning about falling back to IMDSv1).
func noCredentialsEnv(t *testing.T) string {
	t.Helper()
	imds := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(imds.Close)
	home := t.TempDir()
	for _, name := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
		"AWS_DEFAULT_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
		"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_EC2_METADATA_DISABLED", "AWS_ENDPOINT_URL"} {
		t.Setenv(name, "")
	}
	t.Setenv("HOME", home)
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(home, "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(home, "credentials"))
	t.Setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.URL)
	t.Setenv("AWS_REGION", "eu-west-1")
	return home
}

func TestCredentialsErrorsSayWhatToDo(t *testing.T) {
	ctx := context.Background()
	home := noCredentialsEnv(t)

	// Nothing anywhere: one line naming what was tried and what to do; no SDK log line.
	var debug bytes.Buffer
	_, err := loadAndCheckConfig(ctx, "", nil)
	var ce *credentialsError
	if !errors.As(err, &ce) || !strings.HasPrefix(err.Error(), "no AWS credentials found (tried environment variables") ||
		!strings.Contains(err.Error(), "set AWS_PROFILE, run `aws sso login`, or set AWS_ACCESS_KEY_ID") || strings.Contains(err.Error(), "\n") {
		t.Errorf("no credentials: %v", err)
	}
	if ce != nil && !strings.Contains(errors.Unwrap(err).Error(), "IMDS") {
		t.Errorf("the SDK's error is not kept underneath: %v", errors.Unwrap(err))
	}
	// With a debug writer, the SDK's own lines (the IMDSv1 fallback warning) go there.
	if _, err := loadAndCheckConfig(ctx, "", &debug); err == nil {
		t.Fatal("no credentials, but no error")
	}
	if !strings.Contains(debug.String(), "SDK ") || !strings.Contains(debug.String(), "falling back to IMDSv1") {
		t.Errorf("debug output lacks the SDK's log lines:\n%s", debug.String())
	}

	// A profile that does not exist.
	if err := os.WriteFile(filepath.Join(home, "config"), []byte("[profile other]\nregion = eu-west-1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = loadAndCheckConfig(ctx, "nosuch", nil)
	if err == nil || err.Error() != `AWS profile "nosuch" is not in ~/.aws/config or ~/.aws/credentials: check --profile and AWS_PROFILE (`+"`aws configure list-profiles`"+` lists the profiles)` {
		t.Errorf("missing profile: %v", err)
	}

	// An SSO profile without a login (no cached token).
	sso := "[profile sso]\nsso_start_url = https://example.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 123456789012\nsso_role_name = Audit\nregion = eu-west-1\n"
	if err := os.WriteFile(filepath.Join(home, "config"), []byte(sso), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = loadAndCheckConfig(ctx, "sso", nil)
	if err == nil || err.Error() != "the AWS SSO session has expired or was never started: run `aws sso login --profile sso`" {
		t.Errorf("SSO profile without a token: %v", err)
	}

	// The cause stays underneath for errors.Is.
	other := errors.New("boom")
	if got := explainCredentials(nil, ""); got != nil {
		t.Errorf("explainCredentials(nil) = %v", got)
	}
	if got := explainCredentials(other, ""); !errors.Is(got, other) {
		t.Errorf("explainCredentials keeps no cause: %v", got)
	}
}
