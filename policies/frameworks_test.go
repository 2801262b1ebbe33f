package policies

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/incloud/incloud/pkg/compliance"
	"github.com/incloud/incloud/pkg/engine"
)

// sharedCIS is where the CIS control lists live beside the module (CI has them; users of the
// binary do not, which is why the catalogue derived from them is committed in frameworks/).
const sharedCIS = "../../shared/cis"

// parseCISList reads one control list: a title line "# ..." and a table
// "| ID | Level | Assessment | Title |".
func parseCISList(t *testing.T, path string) compliance.Framework {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	name := strings.TrimSuffix(filepath.Base(path), ".md")
	provider, _, _ := strings.Cut(name, "-")
	fw := compliance.Framework{Key: "cis-" + name, Provider: provider,
		Source: "CIS control list as mapped by public scanners (shared/cis/" + filepath.Base(path) + ")"}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if title, ok := strings.CutPrefix(line, "# "); ok && fw.Title == "" {
			fw.Title = title
			continue
		}
		if !strings.HasPrefix(line, "|") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) != 4 {
			t.Fatalf("%s: row %q has %d cells, want 4", path, line, len(cells))
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		level, err := strconv.Atoi(cells[1])
		if err != nil {
			continue // the header and the separator row
		}
		var assessment string
		switch cells[2] {
		case "A":
			assessment = compliance.Automated
		case "M":
			assessment = compliance.Manual
		case "A/M", "M/A":
			assessment = compliance.Disputed
		default:
			t.Fatalf("%s: control %s: unknown assessment %q", path, cells[0], cells[2])
		}
		// One list writes an id with a trailing dot ("3.1.6."); checks name it "3.1.6".
		fw.Controls = append(fw.Controls, compliance.Control{ID: strings.TrimSuffix(cells[0], "."), Title: cells[3], Level: level, Assessment: assessment})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if fw.Title == "" || len(fw.Controls) == 0 {
		t.Fatalf("%s: no title or no controls", path)
	}
	return fw
}

// The committed catalogue (frameworks/*.json) is the shared CIS control lists, exactly.
// INCLOUD_UPDATE_FRAMEWORKS=1 rewrites it from them.
func TestFrameworkCatalogueMatchesSharedCIS(t *testing.T) {
	lists, err := filepath.Glob(filepath.Join(sharedCIS, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(lists) == 0 {
		msg := "no CIS control lists in " + sharedCIS + ", so the embedded catalogue was not compared with them"
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but %s", msg)
		}
		t.Skipf("SKIPPED: %s. To run it: put the shared/ directory beside the module root. Under CI=true this is a failure.", msg)
	}
	embedded, err := compliance.Load(FS, "frameworks")
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]compliance.Framework{}
	for _, f := range embedded {
		byKey[f.Key] = f
	}
	update := os.Getenv("INCLOUD_UPDATE_FRAMEWORKS") == "1"
	for _, p := range lists {
		want := parseCISList(t, p)
		if update {
			data, err := json.MarshalIndent(want, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join("frameworks", want.Key+".json"), append(data, '\n'), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, ok := byKey[want.Key]
		if !ok {
			t.Errorf("frameworks/%s.json missing (INCLOUD_UPDATE_FRAMEWORKS=1 go test ./policies -run Catalogue writes it)", want.Key)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("frameworks/%s.json differs from %s (INCLOUD_UPDATE_FRAMEWORKS=1 go test ./policies -run Catalogue rewrites it)", want.Key, p)
		}
		delete(byKey, want.Key)
	}
	for k := range byKey {
		t.Errorf("frameworks/%s.json has no control list in %s", k, sharedCIS)
	}
}

// Every control a check maps to exists in its framework's catalogue: a typo would otherwise
// leave the real control "not covered" and invent another.
func TestCheckControlsExistInTheCatalogue(t *testing.T) {
	catalogue, err := compliance.Load(FS, "frameworks")
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]map[string]bool{}
	for _, f := range catalogue {
		known[f.Key] = map[string]bool{}
		for _, c := range f.Controls {
			known[f.Key][c.ID] = true
		}
	}
	eng, err := engine.Load(engine.Options{Builtin: FS})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range eng.Metadata() {
		for key, ids := range c.Frameworks {
			if known[key] == nil {
				t.Errorf("%s maps to framework %s, which has no catalogue in frameworks/", c.ID, key)
				continue
			}
			for _, id := range ids {
				if !known[key][id] {
					t.Errorf("%s maps to %s control %s, which the catalogue does not list", c.ID, key, id)
				}
			}
		}
	}
}
