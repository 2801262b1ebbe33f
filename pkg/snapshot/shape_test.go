package snapshot

import (
	"os"
	"strings"
	"testing"

	"github.com/incloud/incloud/policies"
)

// TestShapeCheckAgreesWithValidator: the fast shape check accepts what the full JSON Schema
// validator accepts (the demos), and rejects, with a path, each kind of violation the validator
// rejects.
func TestShapeCheckAgreesWithValidator(t *testing.T) {
	v, err := NewValidator(policies.FS, "schemas")
	if err != nil {
		t.Fatal(err)
	}
	demo, err := os.ReadFile("../../testdata/snapshots/aws-demo.json")
	if err != nil {
		t.Fatal(err)
	}
	both := func(doc string) (fast error, full []error) {
		t.Helper()
		d, err := Read([]byte(doc))
		if err != nil {
			t.Fatalf("parse: %v", err)
		}
		return v.checkShapes(d), v.Validate(d.Snapshot())
	}
	for _, name := range []string{"aws-demo", "aws-demo-secure"} {
		b, _ := os.ReadFile("../../testdata/snapshots/" + name + ".json")
		if fast, full := both(string(b)); fast != nil || len(full) != 0 {
			t.Errorf("%s: fast %v, full %v: both should accept the demo", name, fast, full)
		}
	}
	mutations := []struct{ name, old, new, where string }{
		{"wrong type", `"is_multi_region": true`, `"is_multi_region": "yes"`, "is_multi_region"},
		{"enum", `"status": "Active"`, `"status": "Actve"`, "access_keys"},
		{"unknown attribute", `"creation_date":`, `"bogus": 1, "creation_date":`, "bogus"},
		{"misspelt attribute", `"mfa_active":`, `"mfa_activ":`, "mfa_activ"},
		{"integer", `"backup_retention_period": 1,`, `"backup_retention_period": 1.5,`, "backup_retention_period"},
		{"date-time", `"create_date": "20`, `"create_date": "yesterday", "x_": "20`, "aws_iam"},
		{"unexplained null", `"is_multi_region": true`, `"is_multi_region": null`, "is_multi_region"},
		{"error attribute", `"attributes": [`, `"attributes": ["nonsense", `, "nonsense"},
		{"null setting in an enabled region (if/else)", `"ebs_encryption_by_default": false`, `"ebs_encryption_by_default": null`, "ebs_encryption_by_default"},
	}
	for _, m := range mutations {
		t.Run(m.name, func(t *testing.T) {
			if !strings.Contains(string(demo), m.old) {
				t.Fatalf("the demo has no %q", m.old)
			}
			doc := strings.Replace(string(demo), m.old, m.new, 1)
			fast, full := both(doc)
			if fast == nil {
				t.Errorf("the fast check accepted it")
			} else if !strings.HasPrefix(fast.Error(), "$.") {
				t.Errorf("fast message %q does not start with a JSON path", fast)
			}
			if len(full) == 0 {
				t.Errorf("the full validator accepted it")
			} else if !strings.Contains(full[0].Error(), m.where) && (fast == nil || !strings.Contains(fast.Error(), m.where)) {
				t.Errorf("neither message names %q: fast %v, full %v", m.where, fast, full[0])
			}
		})
	}
}

// The account-level types are marked in their schemas: exactly one per provider's snapshot
// (two for Azure: the subscription and its tenant).
func TestSingletons(t *testing.T) {
	s, err := LoadSchemas(policies.FS, "schemas")
	if err != nil {
		t.Fatal(err)
	}
	for provider, want := range map[string]string{"aws": "aws_account", "gcp": "gcp_project", "azure": "azure_subscription,azure_tenant"} {
		if got := strings.Join(s.Singletons(provider), ","); got != want {
			t.Errorf("%s singletons %q, want %q", provider, got, want)
		}
	}
}
