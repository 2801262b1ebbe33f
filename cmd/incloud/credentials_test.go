package main

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

func TestBinaryMissingCredentials(t *testing.T) {
	imds := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut { // no IMDSv2 token: the SDK warns and falls back to IMDSv1
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		http.NotFound(w, r) // no instance role
	}))
	defer imds.Close()
	home := t.TempDir()
	env := []string{"HOME=" + home, "AWS_CONFIG_FILE=" + filepath.Join(home, "config"),
		"AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(home, "credentials"),
		"AWS_EC2_METADATA_SERVICE_ENDPOINT=" + imds.URL, "AWS_REGION=eu-west-1"}
	out := filepath.Join(t.TempDir(), "snap.json")
	for _, args := range [][]string{{"collect", "aws", "-o", out}, {"scan", "aws", "--quiet"}} {
		code, stdout, stderr := runBinary(t, "", env, args...)
		want := "incloud: no AWS credentials found (tried environment variables, the shared config and credentials files, SSO, web identity and the container and instance roles): set AWS_PROFILE, run `aws sso login`, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (--debug shows the SDK's details)\n"
		if code != 2 || stderr != want || stdout != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr:\n%s\nwant exit 2 and exactly:\n%s", args, code, stdout, stderr, want)
		}
	}
	code, _, stderr := runBinary(t, "", append(env, "AWS_PROFILE=prod"), "collect", "aws", "-o", out)
	if code != 2 || !strings.HasPrefix(stderr, `incloud: AWS profile "prod" is not in ~/.aws/config`) || strings.Count(stderr, "\n") != 1 {
		t.Errorf("missing profile: exit %d, stderr:\n%s", code, stderr)
	}
	// --debug lets the SDK's own lines through, and the SDK's account of the failure.
	code, _, stderr = runBinary(t, "", env, "collect", "aws", "-o", out, "--debug")
	if code != 2 || !strings.Contains(stderr, "SDK ") || !strings.Contains(stderr, "falling back to IMDSv1") ||
		!strings.Contains(stderr, "incloud: debug: AWS credentials: ") {
		t.Errorf("--debug: exit %d, stderr lacks the SDK's lines:\n%s", code, stderr)
	}
}
