package output

import (
	"os"
	"testing"
)

// cannotRun handles a test whose prerequisite is missing (a browser, ../shared): under CI=true,
// where everything is meant to run, it fails; elsewhere it skips, saying what was not tested and
// how to enable it (`go test -v` shows the message; `go test` alone prints only "ok").
func cannotRun(t *testing.T, what, enable string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true but %s cannot run: %s", t.Name(), what)
	}
	t.Skipf("SKIPPED %s: %s. To run it: %s. Under CI=true this is a failure.", t.Name(), what, enable)
}
