package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	awscollector "github.com/incloud/incloud/collectors/aws"
	"github.com/incloud/incloud/collectors/aws/awsfake"
	"github.com/incloud/incloud/pkg/snapshot"
)

const demoSecure = "../../testdata/snapshots/aws-demo-secure.json"

// runAWSCLI runs the CLI with the AWS commands (added here too until the root has them).
func runAWSCLI(t testing.TB, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	root := newRootCmd()
	have := map[string]bool{}
	for _, c := range root.Commands() {
		have[c.Name()] = true
	}
	for _, c := range []func() *cobra.Command{newCollectCmd, newScanCmd, newPermissionsCmd} {
		if cmd := c(); !have[cmd.Name()] {
			root.AddCommand(cmd)
		}
	}
	var out, errb bytes.Buffer
	root.SetArgs(args)
	root.SetOut(&out)
	root.SetErr(&errb)
	err := root.ExecuteContext(context.Background())
	code = 0
	if err != nil {
		code = exitCode(context.Background(), err)
		var ee *exitError
		if !errors.As(err, &ee) || ee.err != nil {
			errb.WriteString("incloud: " + err.Error() + "\n")
		}
	}
	return code, out.String(), errb.String()
}

// fakeAccount serves a demo snapshot and points the SDK's standard environment at it: test
// credentials, a region, AWS_ENDPOINT_URL, and no shared config or instance metadata.
func fakeAccount(t *testing.T, path string) (*awsfake.Server, *snapshot.Snapshot) {
	t.Helper()
	snap, err := snapshot.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	srv := awsfake.New(snap)
	t.Cleanup(srv.Close)
	// The demo throttles some calls for good: awsEnv's single attempt does not wait out retries.
	awsEnv(t, srv.URL)
	return srv, snap
}

// sameTypes compares the resources of the given types and the errors about them.
func sameTypes(t *testing.T, want, got *snapshot.Snapshot, types ...string) {
	t.Helper()
	for _, typ := range types {
		w, _ := json.Marshal(want.Resources[typ])
		g, _ := json.Marshal(got.Resources[typ])
		if !bytes.Equal(w, g) {
			t.Errorf("%s differs from the fake account's:\nwant %s\ngot  %s", typ, w, g)
		}
	}
	keep := map[string]bool{}
	for _, typ := range types {
		keep[typ] = true
	}
	var we, ge []snapshot.CollectionError
	for _, e := range want.Errors {
		if keep[e.ResourceType] {
			we = append(we, e)
		}
	}
	for _, e := range got.Errors {
		if keep[e.ResourceType] {
			ge = append(ge, e)
		}
	}
	w, _ := json.Marshal(we)
	g, _ := json.Marshal(ge)
	if !bytes.Equal(w, g) {
		t.Errorf("errors differ:\nwant %s\ngot  %s", w, g)
	}
}

var partATypes = []string{"aws_account", "aws_iam_user", "aws_iam_group", "aws_iam_role", "aws_iam_policy", "aws_iam_server_certificate", "aws_s3_bucket"}

func TestCollectAWSThroughEndpointEnv(t *testing.T) {
	srv, want := fakeAccount(t, demo)
	out := filepath.Join(t.TempDir(), "snap.json")
	code, stdout, stderr := runAWSCLI(t, "collect", "aws", "--services", "account,iam,s3", "--output", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout not empty with --output: %q", stdout)
	}
	// Not a terminal: plain progress lines.
	if !strings.Contains(stderr, "] iam done") || !strings.Contains(stderr, "collected ") || strings.Contains(stderr, "\r") {
		t.Errorf("progress on stderr = %q", stderr)
	}
	got, err := snapshot.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if got.Account != want.Account || strings.Join(got.Scope.Services, ",") != "account,iam,s3" {
		t.Errorf("account %s scope %+v", got.Account, got.Scope)
	}
	want.Normalize()
	sameTypes(t, want, got, partATypes...)
	if srv.Requests()["sts:GetCallerIdentity"] != 1 || srv.Requests()["s3control:GetPublicAccessBlock"] != 1 {
		t.Errorf("requests: %v", srv.Requests())
	}
}

func TestCollectAWSToStdoutQuiet(t *testing.T) {
	_, want := fakeAccount(t, demoSecure)
	code, stdout, stderr := runAWSCLI(t, "collect", "aws", "--services", "s3,iam,account", "--regions", "us-east-1", "--quiet", "--concurrency", "3")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stderr != "" {
		t.Errorf("--quiet wrote to stderr: %q", stderr)
	}
	got, err := snapshot.Parse([]byte(stdout))
	if err != nil {
		t.Fatalf("stdout is not a snapshot: %v", err)
	}
	want.Normalize()
	sameTypes(t, want, got, partATypes...)
}

func TestCollectAWSFlagErrors(t *testing.T) {
	fakeAccount(t, demoSecure)
	for _, args := range [][]string{
		{"collect", "aws", "--services", "iam,nosuch"},
		{"collect", "aws", "--concurrency", "0"},
		{"scan", "aws", "--fail-on", "sometimes"},
		{"collect", "aws", "extra-arg"},
	} {
		code, _, stderr := runAWSCLI(t, args...)
		if code != 2 || !strings.Contains(stderr, "incloud: ") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message", args, code, stderr)
		}
	}
}

func TestPermissionsAWS(t *testing.T) {
	code, stdout, stderr := runAWSCLI(t, "permissions", "aws")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Version   string
		Statement []struct {
			Sid      string
			Effect   string
			Action   []string
			Resource string
		}
	}
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if doc.Version != "2012-10-17" || len(doc.Statement) != 1 || doc.Statement[0].Effect != "Allow" || doc.Statement[0].Resource != "*" {
		t.Fatalf("policy = %s", stdout)
	}
	granted := map[string]bool{}
	for _, a := range doc.Statement[0].Action {
		granted[a] = true
		verb := a[strings.Index(a, ":")+1:]
		if !strings.HasPrefix(verb, "List") && !strings.HasPrefix(verb, "Get") && !strings.HasPrefix(verb, "Describe") && a != "iam:GenerateCredentialReport" {
			t.Errorf("policy grants %s, which is not read-only", a)
		}
	}
	// Every operation the collector calls against the fake account is granted.
	srv, _ := fakeAccount(t, demo)
	if code, _, stderr := runAWSCLI(t, "collect", "aws", "--quiet", "--output", filepath.Join(t.TempDir(), "s.json")); code != 0 {
		t.Fatalf("collect: exit %d: %s", code, stderr)
	}
	for name := range srv.Requests() {
		op, ok := awscollector.LookupOperation(name)
		if !ok {
			t.Errorf("collector called unregistered %s", name)
			continue
		}
		if !granted[op.Permission] {
			t.Errorf("collector called %s, needing %s, which the printed policy does not grant", name, op.Permission)
		}
	}
}

func TestProgressBar(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b, false, true)
	p.Planned(4)
	p.Finished("iam")
	p.Finished("s3")
	p.Log("note")
	p.Close()
	out := b.String()
	if !strings.Contains(out, "\r\x1b[K[###############...............] 2/4 s3") {
		t.Errorf("bar = %q", out)
	}
	if !strings.Contains(out, "incloud: note\n") || !strings.HasSuffix(out, "\n") {
		t.Errorf("log line or final newline missing: %q", out)
	}
	b.Reset()
	q := newProgress(&b, true, true)
	q.Planned(1)
	q.Finished("x")
	q.Log("y")
	q.Close()
	if b.Len() != 0 {
		t.Errorf("quiet progress wrote %q", b.String())
	}
}

func TestCollectAWSTimeout(t *testing.T) {
	_, want := fakeAccount(t, demo)
	slow := awsfake.New(want, awsfake.WithLatency(40*time.Millisecond))
	defer slow.Close()
	t.Setenv("AWS_ENDPOINT_URL", slow.URL)
	out := filepath.Join(t.TempDir(), "partial.json")
	start := time.Now()
	code, _, stderr := runAWSCLI(t, "collect", "aws", "--quiet", "--timeout", "400ms", "--output", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v with --timeout 400ms", d)
	}
	got, err := snapshot.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	interrupted := false
	for _, e := range got.Errors {
		interrupted = interrupted || (e.Operation == "incloud:Collect" && e.Code == "DeadlineExceeded")
	}
	if got.Complete || !interrupted {
		t.Errorf("complete=%v, interruption entry %v: want an incomplete snapshot saying so", got.Complete, interrupted)
	}
}
