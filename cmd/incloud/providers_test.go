package main

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/incloud/incloud/collectors"
	"github.com/incloud/incloud/pkg/snapshot"
)

// stubCloud records what the CLI handed to its provider.
var stubCloud struct {
	sync.Mutex
	flags map[string]string
	opts  collectors.Options
}

type stubCollector struct{}

func (stubCollector) Collect(context.Context) (*snapshot.Snapshot, error) {
	s := snapshot.New("gcp", "stub-project", time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	s.Collector = snapshot.Collector{Name: "stub", Version: "test"}
	s.Scope = snapshot.Scope{Regions: []string{}, Services: []string{"alpha"}}
	s.Normalize()
	return s, nil
}

// The stub provider is registered like a real one: the CLI must grow its subcommands with no
// change beyond the registration.
func init() {
	collectors.Register(collectors.Provider{
		Name: "stubcloud", Title: "Stub Cloud", Account: "stub project",
		Services:    func() []string { return []string{"alpha", "beta"} },
		Flags:       []collectors.Flag{{Name: "project", Usage: "the project"}},
		RegionsHelp: "every region", EndpointHelp: "the stub's endpoint",
		New: func(_ context.Context, flags map[string]string, opts collectors.Options) (collectors.Collector, error) {
			stubCloud.Lock()
			defer stubCloud.Unlock()
			stubCloud.flags, stubCloud.opts = flags, opts
			return stubCollector{}, nil
		},
		Permissions: func(w io.Writer) error {
			_, err := io.WriteString(w, "stub.alpha.list\n")
			return err
		},
	})
}

// TestProvidersBuildTheCommands checks that collect, scan and permissions have a subcommand for
// a registered provider, with its own flags passed through and its services checked.
func TestProvidersBuildTheCommands(t *testing.T) {
	code, stdout, stderr := runCLI(t, "permissions", "stubcloud")
	if code != 0 || stdout != "stub.alpha.list\n" {
		t.Fatalf("permissions stubcloud: exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	out := filepath.Join(t.TempDir(), "s.json")
	code, _, stderr = runCLI(t, "collect", "stubcloud", "--project", "p-1", "--services", "beta", "--regions", "r1",
		"--endpoint-url", "http://127.0.0.1:1", "--concurrency", "3", "--quiet", "-o", out)
	if code != 0 {
		t.Fatalf("collect stubcloud: exit %d: %s", code, stderr)
	}
	stubCloud.Lock()
	flags, opts := stubCloud.flags, stubCloud.opts
	stubCloud.Unlock()
	if flags["project"] != "p-1" || strings.Join(opts.Services, ",") != "beta" || strings.Join(opts.Regions, ",") != "r1" ||
		opts.EndpointURL != "http://127.0.0.1:1" || opts.Concurrency != 3 {
		t.Errorf("the provider got flags %v and options %+v", flags, opts)
	}
	if s, err := snapshot.ReadFile(out); err != nil || s.Account != "stub-project" {
		t.Errorf("snapshot written: %v, %v", s, err)
	}
	code, _, stderr = runCLI(t, "collect", "stubcloud", "--services", "gamma")
	if code != 2 || !strings.Contains(stderr, `unknown Stub Cloud service "gamma" (known: alpha, beta)`) {
		t.Errorf("unknown service: exit %d, stderr %s", code, stderr)
	}
	code, _, stderr = runCLI(t, "scan", "stubcloud", "--profile", "x")
	if code != 2 || !strings.Contains(stderr, "profile") {
		t.Errorf("scan stubcloud with another provider's flag: exit %d, stderr %s", code, stderr)
	}
}
