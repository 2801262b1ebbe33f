package audit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseOutputs(t *testing.T) {
	outs, err := ParseOutputs([]string{"json", "sarif=x.sarif", "table=-"}, "r.json")
	if err != nil {
		t.Fatal(err)
	}
	want := []Output{{"json", "r.json"}, {"sarif", "x.sarif"}, {"table", ""}}
	if len(outs) != len(want) {
		t.Fatalf("got %v", outs)
	}
	for i := range want {
		if outs[i] != want[i] {
			t.Errorf("output %d: got %v, want %v", i, outs[i], want[i])
		}
	}
	if outs, _ := ParseOutputs(nil, ""); len(outs) != 1 || outs[0] != (Output{"table", ""}) {
		t.Errorf("no --format: got %v, want one table to stdout", outs)
	}
	for _, bad := range [][]string{{"yaml"}, {"json="}} {
		if _, err := ParseOutputs(bad, ""); err == nil {
			t.Errorf("%v: accepted", bad)
		}
	}
}

func TestCheckOutputsRefusesDataLoss(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	in := filepath.Join(dir, "in.json")
	if err := os.WriteFile(in, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(in, filepath.Join(dir, "hard.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(in, filepath.Join(dir, "soft.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dir, filepath.Join(dir, "here")); err != nil {
		t.Fatal(err)
	}
	reads := []string{"in.json"}
	for _, tc := range []struct {
		name string
		outs []Output
		want string // "" accepted, else a part of the error
	}{
		{"input by the same name", []Output{{"json", "in.json"}}, "which this run reads"},
		{"input via ./", []Output{{"json", "./in.json"}}, "which this run reads"},
		{"input by absolute path", []Output{{"csv", in}}, "which this run reads"},
		{"input via a directory symlink", []Output{{"csv", "here/in.json"}}, "which this run reads"},
		{"input via a hard link", []Output{{"json", "hard.json"}}, "which this run reads"},
		{"input via a symlink", []Output{{"json", "soft.json"}}, "which this run reads"},
		{"two formats, one new file", []Output{{"json", "out.y"}, {"csv", "./out.y"}}, "both write"},
		{"two formats, one new file via a directory symlink", []Output{{"json", "out.y"}, {"csv", "here/../here/out.y"}}, "both write"},
		{"two to stdout", []Output{{"json", ""}, {"table", ""}}, "only one output can go to stdout"},
		{"distinct files", []Output{{"json", "a.json"}, {"csv", "a.csv"}, {"table", ""}}, ""},
	} {
		_, err := checkOutputs(tc.outs, reads)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: refused: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: err %v, want one saying %q", tc.name, err, tc.want)
		}
	}
}
