package main

import (
	"os"
	"strings"
	"testing"
)

// TestDockerfileNonRootWritable reads the image recipe (no Docker daemon is needed): the final
// stage runs as a non-root numeric user, sets HOME, and its HOME and working directory are
// copied in owned by that user, so `docker run -v reports:/work incloud eval ... -o report.json`
// can write, and ~/.aws can be mounted under HOME.
func TestDockerfileNonRootWritable(t *testing.T) {
	data, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	final := 0
	for i, l := range lines {
		if strings.HasPrefix(l, "FROM ") {
			final = i
		}
	}
	var user, workdir, home string
	owned := map[string]string{} // destination -> --chown owner
	for _, l := range lines[final:] {
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		switch f[0] {
		case "USER":
			user = f[1]
		case "WORKDIR":
			workdir = f[1]
		case "ENV":
			if v, ok := strings.CutPrefix(f[1], "HOME="); ok {
				home = v
			}
		case "COPY":
			owner := ""
			for _, a := range f[1:] {
				if v, ok := strings.CutPrefix(a, "--chown="); ok {
					owner = v
				}
			}
			owned[f[len(f)-1]] = owner
		}
	}
	if user == "" || strings.HasPrefix(user, "0") || strings.HasPrefix(user, "root") {
		t.Fatalf("final stage USER %q: want a non-root uid", user)
	}
	if home == "" {
		t.Error("final stage sets no HOME (the AWS SDK looks for ~/.aws there)")
	}
	for _, dir := range []string{workdir, home} {
		if dir == "" {
			continue
		}
		if got := owned[dir]; got != user {
			t.Errorf("%s is copied in owned by %q, want %q: the non-root user could not write there", dir, got, user)
		}
	}
	if _, ok := owned["/tmp"]; !ok {
		t.Error("the image has no /tmp")
	}
}
