package engine

import (
	"context"
	"strings"
	"testing"

	"github.com/incloud/incloud/pkg/findings"
)

// passCheck fails public buckets, names the closed ones in its pass set (also the failing "open",
// which must still fail, and an id that is no bucket, which must not become a result), and leaves
// the rest to its template.
var passCheck = strings.Replace(meta("aws-s3-pass-messages", "aws_s3_bucket", "[public, owner]"),
	"#   depends_on:", "#   pass_message: bucket {name} in {region} ({id}) is fine\n#   depends_on:", 1) + `package incloud.aws.s3.pass_messages

deny contains {"resource_id": b.id, "message": sprintf("bucket %s is public", [b.name])} if {
	some b in input.resources.aws_s3_bucket
	b.public == true
}

unknown contains {"resource_id": b.id, "message": "owner unknown"} if {
	some b in input.resources.aws_s3_bucket
	is_null(b.owner)
}

pass contains {"resource_id": b.id, "message": sprintf("bucket %s is not public", [b.name])} if {
	some b in input.resources.aws_s3_bucket
	b.name in {"closed", "open", "orphan"}
}

pass contains {"resource_id": "arn:aws:s3:::not-a-bucket", "message": "nothing"}
`

func TestPassMessages(t *testing.T) {
	e := load(t, map[string]string{"aws/s3/pass_messages.rego": passCheck, "aws/s3/not_public.rego": publicCheck})
	rep, err := e.Evaluate(context.Background(), testSnapshot())
	if err != nil {
		t.Fatal(err)
	}
	got := byKey(rep.Results)
	want := map[string]struct {
		status findings.Status
		msg    string
	}{
		"aws-s3-pass-messages us-east-1 arn:aws:s3:::closed":  {findings.StatusPass, "bucket closed is not public"},
		"aws-s3-pass-messages us-east-1 arn:aws:s3:::strange": {findings.StatusPass, "bucket strange in us-east-1 (arn:aws:s3:::strange) is fine"},
		"aws-s3-pass-messages us-east-1 arn:aws:s3:::open":    {findings.StatusFail, "bucket open is public"},
		"aws-s3-pass-messages us-east-1 arn:aws:s3:::orphan":  {findings.StatusError, "could not decide: owner unknown"},
		// a check without pass rule or template keeps its title
		"aws-s3-not-public us-east-1 arn:aws:s3:::closed": {findings.StatusPass, "Test check aws-s3-not-public"},
	}
	for k, w := range want {
		r, ok := got[k]
		if !ok {
			t.Errorf("missing result %s", k)
			continue
		}
		if r.Status != w.status || r.Message != w.msg {
			t.Errorf("%s: %s %q, want %s %q", k, r.Status, r.Message, w.status, w.msg)
		}
	}
	if r, ok := got["aws-s3-pass-messages us-east-1 arn:aws:s3:::denied"]; !ok || r.Status != findings.StatusError {
		t.Errorf("a collection error must win over the template: %+v", r)
	}
	for _, r := range rep.Results {
		if r.ResourceID == "arn:aws:s3:::not-a-bucket" {
			t.Errorf("a pass entry for an id that is no resource became a result: %+v", r)
		}
	}
}

func TestPassTemplate(t *testing.T) {
	tmpl, err := compilePassTemplate("{name}: {id} {region}, {name}")
	if err != nil {
		t.Fatal(err)
	}
	if got := tmpl.render("i-1", "", "eu-west-1"); got != "i-1: i-1 eu-west-1, i-1" {
		t.Errorf("render without a name: %q", got)
	}
	if got := tmpl.render("i-1", "web", "eu-west-1"); got != "web: i-1 eu-west-1, web" {
		t.Errorf("render: %q", got)
	}
	for _, bad := range []string{"bucket {nme} is fine", "bucket {name is fine", "{tags}"} {
		if _, err := compilePassTemplate(bad); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
	bad := strings.Replace(passCheck, "{region}", "{zone}", 1)
	_, err = Load(Options{Builtin: testFS(map[string]string{"aws/s3/pass_messages.rego": bad})})
	if err == nil || !strings.Contains(err.Error(), "aws/s3/pass_messages.rego") || !strings.Contains(err.Error(), "{zone}") {
		t.Errorf("an unknown placeholder must be a load error naming the file and the placeholder, got %v", err)
	}
}
