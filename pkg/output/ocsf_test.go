package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/incloud/incloud/pkg/findings"
)

func decodeOCSF(t *testing.T, out []byte) []map[string]any {
	t.Helper()
	var events []map[string]any
	if err := json.Unmarshal(out, &events); err != nil {
		t.Fatalf("ocsf output is not a JSON array of objects: %v\n%s", err, out)
	}
	return events
}

// get walks a decoded JSON object along a path of keys.
func get(v any, path ...string) any {
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func TestOCSFGolden(t *testing.T) {
	checkGolden(t, "report.ocsf.json.golden", render(t, "ocsf", fixtureReport(), Options{}))
}

func TestOCSFEventsPerResult(t *testing.T) {
	r := fixtureReport()
	events := decodeOCSF(t, render(t, "ocsf", r, Options{}))
	s := r.Summary.ByStatus
	if want := s[findings.StatusFail] + s[findings.StatusWaived] + s[findings.StatusError]; len(events) != want {
		t.Fatalf("got %d events, want one per fail, waived and error result (%d)", len(events), want)
	}
	byFP := map[string]findings.Result{}
	for _, res := range r.Results {
		byFP[res.Fingerprint] = res
	}
	statusCount := map[string]int{}
	for _, ev := range events {
		for k, want := range map[string]float64{"class_uid": 2004, "category_uid": 2, "activity_id": 1, "type_uid": 200401} {
			if ev[k] != want {
				t.Errorf("%s = %v, want %v", k, ev[k], want)
			}
		}
		fp, _ := get(ev, "metadata", "uid").(string)
		res, ok := byFP[fp]
		if !ok {
			t.Fatalf("event metadata.uid %q is not a result fingerprint", fp)
		}
		if get(ev, "finding_info", "uid") != fp || get(ev, "finding_info", "title") != res.Title {
			t.Errorf("finding_info = %v", ev["finding_info"])
		}
		if get(ev, "metadata", "product", "name") != "incloud" || get(ev, "metadata", "product", "version") != "1.4.0" {
			t.Errorf("metadata.product = %v", get(ev, "metadata", "product"))
		}
		if res.Status == findings.StatusPass {
			t.Errorf("pass result %s on %s became an event", res.CheckID, res.ResourceID)
		}
		statusCount[string(res.Status)]++
		wantStatus := map[findings.Status][2]any{
			findings.StatusFail:   {1.0, "New"},
			findings.StatusWaived: {3.0, "Suppressed"},
			findings.StatusError:  {99.0, "Other"},
		}[res.Status]
		if ev["status_id"] != wantStatus[0] || ev["status"] != wantStatus[1] {
			t.Errorf("%s result: status %v/%v, want %v", res.Status, ev["status_id"], ev["status"], wantStatus)
		}
		sevID, _ := ocsfSeverity(res.Severity)
		if ev["severity_id"] != float64(sevID) {
			t.Errorf("severity_id = %v for %s", ev["severity_id"], res.Severity)
		}
		resources, _ := ev["resources"].([]any)
		if len(resources) != 1 || get(resources[0], "uid") != res.ResourceID || get(resources[0], "type") != res.ResourceType ||
			get(resources[0], "region") != res.Region || get(resources[0], "cloud_partition") != "aws" {
			t.Errorf("resources = %v, want the result's resource", resources)
		}
		if get(ev, "cloud", "account", "uid") != res.Account || get(ev, "cloud", "provider") != "AWS" || get(ev, "cloud", "region") != res.Region {
			t.Errorf("cloud = %v", ev["cloud"])
		}
		if get(ev, "remediation", "desc") != res.Remediation {
			t.Errorf("remediation = %v", ev["remediation"])
		}
		if get(ev, "unmapped", "incloud_area") != res.Area {
			t.Errorf("unmapped area = %v, want %s", get(ev, "unmapped", "incloud_area"), res.Area)
		}
	}
	if statusCount["fail"] != s[findings.StatusFail] || statusCount["waived"] != s[findings.StatusWaived] || statusCount["error"] != s[findings.StatusError] {
		t.Errorf("events by status = %v", statusCount)
	}
}

func TestOCSFTimeIsTargetCollectionTime(t *testing.T) {
	r := fixtureReport()
	events := decodeOCSF(t, render(t, "ocsf", r, Options{}))
	want := map[string]float64{}
	for _, tg := range r.Targets {
		want[tg.Account] = float64(tg.CollectedAt.UnixMilli())
	}
	for _, ev := range events {
		acct := get(ev, "cloud", "account", "uid").(string)
		if ev["time"] != want[acct] {
			t.Errorf("account %s event time = %v, want %v", acct, ev["time"], want[acct])
		}
	}
	// An account without a target falls back to the report's generation time.
	r.Targets = nil
	events = decodeOCSF(t, render(t, "ocsf", r, Options{}))
	if events[0]["time"] != float64(r.GeneratedAt.UnixMilli()) {
		t.Errorf("time without target = %v, want generated_at %v", events[0]["time"], r.GeneratedAt.UnixMilli())
	}
}

func TestOCSFSeverityMapping(t *testing.T) {
	want := map[findings.Severity]int{findings.SeverityCritical: 5, findings.SeverityHigh: 4, findings.SeverityMedium: 3, findings.SeverityLow: 2, findings.SeverityInfo: 1}
	for sev, id := range want {
		if got, _ := ocsfSeverity(sev); got != id {
			t.Errorf("severity_id(%s) = %d, want %d", sev, got, id)
		}
	}
}

func TestOCSFWaivedErrorAndCompliance(t *testing.T) {
	events := decodeOCSF(t, render(t, "ocsf", fixtureReport(), Options{}))
	var waived, errored, cis bool
	for _, ev := range events {
		switch {
		case ev["status"] == "Suppressed" && get(ev, "finding_info", "analytic", "uid") == "aws-s3-mfa-delete":
			waived = true
			if ev["status_detail"] != "waived: log bucket is write-once through S3 Object Lock" || get(ev, "unmapped", "incloud_waiver_owner") != "platform-team" {
				t.Errorf("waived event status_detail = %v, unmapped = %v", ev["status_detail"], ev["unmapped"])
			}
			if get(ev, "compliance", "status") != "Fail" {
				t.Errorf("waived compliance status = %v, want Fail", get(ev, "compliance", "status"))
			}
		case ev["status"] == "Other" && get(ev, "finding_info", "analytic", "uid") == "aws-ebs-default-encryption":
			errored = true
			if get(ev, "compliance", "status") != "Unknown" || ev["status_detail"] != "not evaluated: "+ev["message"].(string) {
				t.Errorf("error event compliance = %v, status_detail = %v", ev["compliance"], ev["status_detail"])
			}
		case get(ev, "finding_info", "analytic", "uid") == "aws-iam-root-mfa":
			cis = true
			c := ev["compliance"]
			if !reflect.DeepEqual(get(c, "standards"), []any{"cis-aws-foundations-v6.0.0"}) ||
				!reflect.DeepEqual(get(c, "requirements"), []any{"cis-aws-foundations-v6.0.0:2.4"}) ||
				get(c, "status_id") != 3.0 || get(c, "control") != "aws-iam-root-mfa" {
				t.Errorf("compliance = %v", c)
			}
			if ev["severity"] != "Critical" {
				t.Errorf("severity = %v", ev["severity"])
			}
		}
	}
	if !waived || !errored || !cis {
		t.Errorf("missing events: waived %v, error %v, root mfa %v", waived, errored, cis)
	}
}

func TestOCSFPartition(t *testing.T) {
	cases := map[string]string{
		"arn:aws:s3:::b": "aws",
		"arn:aws-cn:ec2:cn-north-1:1:instance/i-1": "aws-cn",
		"arn:aws-us-gov:iam::1:root":               "aws-us-gov",
		"i-123":                                    "",
	}
	for id, want := range cases {
		if got := ocsfPartition("aws", id); got != want {
			t.Errorf("ocsfPartition(%q) = %q, want %q", id, got, want)
		}
	}
	if got := ocsfPartition("gcp", "arn:aws:s3:::b"); got != "" {
		t.Errorf("partition for a non-AWS result = %q", got)
	}
}

func TestOCSFEmptyReport(t *testing.T) {
	out := render(t, "ocsf", &findings.Report{GeneratedAt: time.Unix(0, 0)}, Options{})
	if string(out) != "[]\n" {
		t.Errorf("empty report = %q, want []", out)
	}
}

// TestOCSFManyEventsInOrder: a report of several batches of encoding runs (encodeRun per
// processor) is written as the events encoded one after the other, byte for byte.
func TestOCSFManyEventsInOrder(t *testing.T) {
	r := manyResults(5*encodeRun+7, func(i int, res *findings.Result) {
		res.Fingerprint = fmt.Sprintf("fp-%d", i)
		res.Status = findings.StatusFail
	})
	var want bytes.Buffer
	want.WriteString("[")
	for i, ev := range buildOCSF(r) {
		if i > 0 {
			want.WriteString(",")
		}
		b, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		want.WriteString("\n")
		want.Write(b)
	}
	want.WriteString("\n]\n")
	if got := render(t, "ocsf", r, Options{}); !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("the OCSF events of %d results differ from one-by-one encoding (%d vs %d bytes)", len(r.Results), len(got), want.Len())
	}
}
