package snapshot

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// The demo snapshots are shared test data: the engine's end-to-end test evaluates them against
// the *.expect.json sidecars, and the AWS collector's test serves them from a fake AWS and
// expects them back byte for byte. These tests keep them valid, canonical and consistent.

const demoDir = "../../testdata/snapshots"

var demoFiles = []string{"aws-demo.json", "aws-demo-secure.json"}

// gcpDemoFiles are the GCP demo projects: gcp-demo.json has the collection errors (a disabled API,
// a denied bucket), gcp-demo-data.json is complete.
var gcpDemoFiles = []string{"gcp-demo.json", "gcp-demo-data.json"}

// azureDemoFiles are the Azure demo subscriptions: azure-demo.json has the collection errors (a
// Graph permission, a Key Vault data plane, one SQL server, an unregistered resource provider),
// azure-demo-secure.json is complete.
var azureDemoFiles = []string{"azure-demo.json", "azure-demo-secure.json"}

// demoSets groups the demo files by provider.
var demoSets = map[string][]string{"aws": demoFiles, "gcp": gcpDemoFiles, "azure": azureDemoFiles}

func readDemo(t *testing.T, name string) (*Snapshot, []byte) {
	t.Helper()
	path := filepath.Join(demoDir, name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return s, data
}

func TestDemoSnapshotsValidate(t *testing.T) {
	v := newTestValidator(t)
	for _, name := range append(append(append([]string(nil), demoFiles...), gcpDemoFiles...), azureDemoFiles...) {
		t.Run(name, func(t *testing.T) {
			s, data := readDemo(t, name)
			for _, err := range v.Validate(s) {
				t.Error(err)
			}
			// The committed bytes are exactly what Marshal writes.
			again, err := Marshal(s)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again, data) {
				t.Errorf("%s is not in canonical form: write it with snapshot.Marshal", name)
			}
		})
	}
}

// idPatterns are the README's id formats.
var idPatterns = map[string]string{
	"aws_account":                `^arn:aws:iam::\d{12}:root$`,
	"aws_region":                 `^arn:aws:ec2:([a-z0-9-]+):\d{12}:region/([a-z0-9-]+)$`,
	"aws_iam_user":               `^arn:aws:iam::\d{12}:user/(.+/)?[\w+=,.@-]+$`,
	"aws_iam_group":              `^arn:aws:iam::\d{12}:group/(.+/)?[\w+=,.@-]+$`,
	"aws_iam_role":               `^arn:aws:iam::\d{12}:role/(.+/)?[\w+=,.@-]+$`,
	"aws_iam_policy":             `^arn:aws:iam::\d{12}:policy/(.+/)?[\w+=,.@-]+$`,
	"aws_iam_server_certificate": `^arn:aws:iam::\d{12}:server-certificate/(.+/)?[\w+=,.@-]+$`,
	"aws_s3_bucket":              `^arn:aws:s3:::[a-z0-9][a-z0-9.-]+$`,
	"aws_ec2_security_group":     `^arn:aws:ec2:[a-z0-9-]+:\d{12}:security-group/sg-[0-9a-f]+$`,
	"aws_ec2_network_acl":        `^arn:aws:ec2:[a-z0-9-]+:\d{12}:network-acl/acl-[0-9a-f]+$`,
	"aws_ec2_instance":           `^arn:aws:ec2:[a-z0-9-]+:\d{12}:instance/i-[0-9a-f]+$`,
	"aws_ec2_vpc":                `^arn:aws:ec2:[a-z0-9-]+:\d{12}:vpc/vpc-[0-9a-f]+$`,
	"aws_ec2_route_table":        `^arn:aws:ec2:[a-z0-9-]+:\d{12}:route-table/rtb-[0-9a-f]+$`,
	"aws_ec2_snapshot":           `^arn:aws:ec2:[a-z0-9-]+::snapshot/snap-[0-9a-f]+$`,
	"aws_kms_key":                `^arn:aws:kms:[a-z0-9-]+:\d{12}:key/[0-9a-f-]+$`,
	"aws_cloudtrail_trail":       `^arn:aws:cloudtrail:[a-z0-9-]+:\d{12}:trail/[\w.-]+$`,
	"aws_logs_metric_filter":     `^arn:aws:logs:[a-z0-9-]+:\d{12}:log-group:[\w/.#-]+:metric-filter/[^:]+$`,
	"aws_cloudwatch_alarm":       `^arn:aws:cloudwatch:[a-z0-9-]+:\d{12}:alarm:.+$`,
	"aws_rds_db_instance":        `^arn:aws:rds:[a-z0-9-]+:\d{12}:db:[a-z][a-z0-9-]*$`,
	"aws_rds_db_snapshot":        `^arn:aws:rds:[a-z0-9-]+:\d{12}:snapshot:[a-z][a-z0-9-]*$`,
	"aws_efs_file_system":        `^arn:aws:elasticfilesystem:[a-z0-9-]+:\d{12}:file-system/fs-[0-9a-f]+$`,
}

// TestDemoSnapshotsConsistent checks what the schemas cannot: the cross-references between
// resources that a real account (and so the collector's fake AWS) has.
func TestDemoSnapshotsConsistent(t *testing.T) {
	v := newTestValidator(t)
	for _, name := range demoFiles {
		t.Run(name, func(t *testing.T) {
			s, _ := readDemo(t, name)
			res := func(typ string) []Resource { return s.Resources[typ] }
			str := func(r Resource, k string) string { x, _ := r[k].(string); return x }
			strs := func(x any) []string {
				var out []string
				for _, e := range x.([]any) {
					out = append(out, e.(string))
				}
				return out
			}
			ids := map[string]bool{}
			for _, typ := range v.Types("aws") {
				re := regexp.MustCompile(idPatterns[typ])
				for _, r := range res(typ) {
					ids[r.ID()] = true
					if !re.MatchString(r.ID()) {
						t.Errorf("%s id %q does not match %s", typ, r.ID(), idPatterns[typ])
					}
					if m := re.FindStringSubmatch(r.ID()); typ == "aws_region" && (m[1] != r.Region() || m[2] != r.Region() || r["name"] != r.Region()) {
						t.Errorf("region %s: id, name and region disagree", r.ID())
					}
					if strings.Contains(r.ID(), ":iam::") || typ == "aws_s3_bucket" || typ == "aws_region" {
						continue
					}
					if !strings.Contains(r.ID(), ":"+r.Region()+":") {
						t.Errorf("%s %s: region %s is not the id's", typ, r.ID(), r.Region())
					}
				}
			}
			if len(res("aws_account")) != 1 {
				t.Fatalf("want exactly one aws_account, got %d", len(res("aws_account")))
			}
			account := res("aws_account")[0]
			if account.ID() != "arn:aws:iam::"+s.Account+":root" || str(account, "account_id") != s.Account {
				t.Errorf("aws_account %s does not match account %s", account.ID(), s.Account)
			}
			if aliases := strs(account["aliases"]); len(aliases) == 0 || account["name"] != aliases[0] {
				t.Errorf("aws_account name %v is not the first alias %v", account["name"], aliases)
			}
			for typ := range s.Resources {
				for _, r := range res(typ) {
					if strings.Contains(r.ID(), ":"+s.Account+":") || strings.Contains(r.ID(), "::"+s.Account+":") || typ == "aws_s3_bucket" || typ == "aws_ec2_snapshot" {
						continue
					}
					t.Errorf("%s %s is not in account %s", typ, r.ID(), s.Account)
				}
			}
			regions := map[string]Resource{}
			for _, r := range res("aws_region") {
				regions[r.Region()] = r
			}
			for _, r := range s.Scope.Regions {
				if regions[r] == nil {
					t.Errorf("scope region %s has no aws_region", r)
				}
			}
			for typ := range s.Resources {
				for _, r := range res(typ) {
					if reg := r.Region(); reg != GlobalRegion && (regions[reg] == nil || regions[reg]["opt_in_status"] == "not-opted-in") && typ != "aws_region" {
						t.Errorf("%s %s is in region %s, which was not collected", typ, r.ID(), reg)
					}
				}
			}

			// IAM: group membership both ways, attachment counts, managed-policy entity lists.
			userGroups := map[string]bool{}
			for _, u := range res("aws_iam_user") {
				for _, g := range strs(u["groups"]) {
					userGroups[str(u, "name")+" in "+g] = true
				}
			}
			groupUsers := map[string]bool{}
			for _, g := range res("aws_iam_group") {
				for _, u := range strs(g["users"]) {
					groupUsers[u+" in "+str(g, "name")] = true
				}
			}
			if !equalSets(userGroups, groupUsers) {
				t.Errorf("users' groups %v and groups' users %v disagree", keys(userGroups), keys(groupUsers))
			}
			attachments := map[string][]string{}
			for _, typ := range []string{"aws_iam_user", "aws_iam_group", "aws_iam_role"} {
				for _, e := range res(typ) {
					for _, p := range e["attached_policies"].([]any) {
						arn := p.(map[string]any)["policy_arn"].(string)
						attachments[arn] = append(attachments[arn], e.ID())
					}
				}
			}
			for _, p := range res("aws_iam_policy") {
				if n := fmt.Sprint(p["attachment_count"]); n != fmt.Sprint(len(attachments[p.ID()])) {
					t.Errorf("policy %s: attachment_count %s, but attached to %v", p.ID(), n, attachments[p.ID()])
				}
			}
			for attr, policy := range map[string]string{"support_access_entities": "AWSSupportAccess", "cloudshell_full_access_entities": "AWSCloudShellFullAccess"} {
				var listed []string
				for _, k := range []string{"users", "groups", "roles"} {
					listed = append(listed, strs(account[attr].(map[string]any)[k])...)
				}
				sort.Strings(listed)
				got := attachments["arn:aws:iam::aws:policy/"+policy]
				sort.Strings(got)
				if strings.Join(listed, ",") != strings.Join(got, ",") {
					t.Errorf("aws_account.%s %v, but %s is attached to %v", attr, listed, policy, got)
				}
			}
			for _, r := range res("aws_iam_role") {
				if r["is_service_linked"] != strings.HasPrefix(str(r, "path"), "/aws-service-role/") {
					t.Errorf("role %s: is_service_linked disagrees with its path", r.ID())
				}
			}
			for _, u := range res("aws_iam_user") {
				if u["mfa_active"] != (len(u["mfa_devices"].([]any)) > 0) {
					t.Errorf("user %s: mfa_active disagrees with mfa_devices", u.ID())
				}
			}

			// Logging: trail buckets, log groups, metric filters and alarms.
			buckets := map[string]Resource{}
			for _, b := range res("aws_s3_bucket") {
				buckets[str(b, "name")] = b
				if b.ID() != "arn:aws:s3:::"+str(b, "name") {
					t.Errorf("bucket %s: name %s", b.ID(), str(b, "name"))
				}
			}
			for _, b := range res("aws_s3_bucket") {
				if lg, ok := b["logging"].(map[string]any); ok && buckets[lg["target_bucket"].(string)] == nil {
					t.Errorf("bucket %s logs to %s, which is not in the snapshot", b.ID(), lg["target_bucket"])
				}
			}
			logGroups := map[string]bool{}
			for _, tr := range res("aws_cloudtrail_trail") {
				if name := str(tr, "s3_bucket_name"); buckets[name] == nil {
					t.Errorf("trail %s delivers to bucket %s, which is not in the snapshot", tr.ID(), name)
				}
				if tr.Region() != str(tr, "home_region") {
					t.Errorf("trail %s: region %s, home_region %s", tr.ID(), tr.Region(), str(tr, "home_region"))
				}
				if arn := str(tr, "cloudwatch_logs_log_group_arn"); arn != "" {
					parts := strings.Split(arn, ":")
					logGroups[parts[3]+" "+parts[6]] = true
				}
			}
			metrics := map[string]bool{}
			for _, f := range res("aws_logs_metric_filter") {
				if !logGroups[f.Region()+" "+str(f, "log_group_name")] {
					t.Errorf("metric filter %s is on log group %s, which no trail delivers to", f.ID(), str(f, "log_group_name"))
				}
				want := fmt.Sprintf("arn:aws:logs:%s:%s:log-group:%s:metric-filter/%s", f.Region(), s.Account, str(f, "log_group_name"), str(f, "name"))
				if f.ID() != want {
					t.Errorf("metric filter id %s, want %s", f.ID(), want)
				}
				for _, m := range f["metric_transformations"].([]any) {
					mt := m.(map[string]any)
					metrics[f.Region()+" "+mt["metric_namespace"].(string)+" "+mt["metric_name"].(string)] = true
				}
			}
			for _, a := range res("aws_cloudwatch_alarm") {
				if ns := str(a, "namespace"); !strings.HasPrefix(ns, "AWS/") && !metrics[a.Region()+" "+ns+" "+str(a, "metric_name")] {
					t.Errorf("alarm %s watches metric %s/%s, which no metric filter publishes", a.ID(), ns, str(a, "metric_name"))
				}
			}

			// Networks: everything in a VPC names one in the snapshot; one default group and ACL per VPC.
			vpcs := map[string]bool{}
			for _, r := range res("aws_ec2_vpc") {
				vpcs[r.Region()+" "+str(r, "vpc_id")] = true
			}
			defaults := map[string]int{}
			for _, typ := range []string{"aws_ec2_security_group", "aws_ec2_network_acl", "aws_ec2_route_table", "aws_ec2_instance"} {
				for _, r := range res(typ) {
					if !vpcs[r.Region()+" "+str(r, "vpc_id")] {
						t.Errorf("%s %s is in VPC %s, which is not in the snapshot", typ, r.ID(), str(r, "vpc_id"))
					}
					if r["is_default"] == true {
						defaults[typ+" "+str(r, "vpc_id")]++
					}
				}
			}
			for vpc := range vpcs {
				id := vpc[strings.Index(vpc, " ")+1:]
				for _, typ := range []string{"aws_ec2_security_group", "aws_ec2_network_acl"} {
					if defaults[typ+" "+id] != 1 {
						t.Errorf("VPC %s has %d default %s", id, defaults[typ+" "+id], typ)
					}
				}
			}
			for _, sg := range res("aws_ec2_security_group") {
				if sg["is_default"] != (sg["name"] == "default") {
					t.Errorf("security group %s: is_default disagrees with its name", sg.ID())
				}
			}
			for _, typ := range []string{"aws_ec2_vpc", "aws_ec2_network_acl", "aws_ec2_route_table", "aws_ec2_instance", "aws_ec2_snapshot", "aws_efs_file_system"} {
				for _, r := range res(typ) {
					tags, _ := r["tags"].(map[string]any)
					want := r.ID()[strings.LastIndex(r.ID(), "/")+1:]
					if n, ok := tags["Name"].(string); ok {
						want = n
					}
					if r["name"] != want {
						t.Errorf("%s %s: name %v, want the Name tag or the id %s", typ, r.ID(), r["name"], want)
					}
				}
			}

			// Errors name resources of the snapshot, and leave their attributes null.
			for i, e := range s.Errors {
				if e.ResourceID == "" {
					for _, r := range res(e.ResourceType) {
						if r.Region() == e.Region {
							t.Errorf("errors[%d]: the list call failed in %s, but %s is there", i, e.Region, r.ID())
						}
					}
					continue
				}
				if !ids[e.ResourceID] {
					t.Errorf("errors[%d]: resource %s is not in the snapshot", i, e.ResourceID)
				}
				for _, r := range res(e.ResourceType) {
					if r.ID() != e.ResourceID {
						continue
					}
					for _, a := range e.Attributes {
						if r[a] != nil {
							t.Errorf("errors[%d]: %s.%s could not be read but is %v", i, e.ResourceID, a, r[a])
						}
					}
				}
			}
		})
	}
}

type expectation struct {
	Fail      []string `json:"fail"`
	Pass      []string `json:"pass"`
	Error     []string `json:"error"`
	DependsOn []string `json:"depends_on"`
}

// catalogue reads the check catalogue (id -> resource type) from a provider's schemas README.
func catalogue(t *testing.T, provider string) map[string]string {
	t.Helper()
	f, err := os.Open("../../policies/schemas/" + provider + "/README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "|")
		if len(cols) > 4 && strings.HasPrefix(strings.TrimSpace(cols[1]), provider+"-") {
			out[strings.TrimSpace(cols[1])] = strings.TrimSpace(cols[3])
		}
	}
	if len(out) == 0 {
		t.Fatal("no checks found in the README's catalogue")
	}
	return out
}

// TestDemoExpectations checks the *.expect.json sidecars against the catalogue and the snapshots:
// every resource of a check's type in exactly one list, both outcomes planted for every check.
func TestDemoExpectations(t *testing.T) {
	for provider, files := range demoSets {
		t.Run(provider, func(t *testing.T) { testDemoExpectations(t, provider, files) })
	}
}

func testDemoExpectations(t *testing.T, provider string, files []string) {
	v := newTestValidator(t)
	checks := catalogue(t, provider)
	outcomes := map[string]map[string]bool{}
	for _, name := range files {
		s, _ := readDemo(t, name)
		expName := strings.TrimSuffix(name, ".json") + ".expect.json"
		data, err := os.ReadFile(filepath.Join(demoDir, expName))
		if err != nil {
			t.Fatal(err)
		}
		var exp map[string]expectation
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&exp); err != nil {
			t.Fatalf("%s: %v", expName, err)
		}
		for id := range exp {
			if checks[id] == "" {
				t.Errorf("%s: %s is not in the catalogue", expName, id)
			}
		}
		listErrors := map[string]bool{}
		for _, e := range s.Errors {
			// A type-wide entry naming attributes left those attributes unknown on the resources
			// listed; the engine reports them, not a failed list (pkg/engine runCheck).
			if e.ResourceID == "" && len(e.Attributes) == 0 {
				listErrors[e.ResourceType] = true
			}
		}
		for id, typ := range checks {
			e, ok := exp[id]
			if !ok {
				t.Errorf("%s: no expectation for %s", expName, id)
				continue
			}
			if outcomes[id] == nil {
				outcomes[id] = map[string]bool{}
			}
			seen := map[string]string{}
			for list, rids := range map[string][]string{"fail": e.Fail, "pass": e.Pass, "error": e.Error} {
				if !sort.StringsAreSorted(rids) {
					t.Errorf("%s %s: %s list not sorted", expName, id, list)
				}
				if len(rids) > 0 {
					outcomes[id][list] = true
				}
				for _, rid := range rids {
					if prev, dup := seen[rid]; dup {
						t.Errorf("%s %s: %q in both %s and %s", expName, id, rid, prev, list)
					}
					seen[rid] = list
				}
			}
			for _, r := range s.Resources[typ] {
				if seen[r.ID()] == "" {
					t.Errorf("%s %s: %s %s is in no list", expName, id, typ, r.ID())
				}
				delete(seen, r.ID())
			}
			if listErrors[typ] {
				if seen[""] != "error" {
					t.Errorf(`%s %s: a list call for %s failed, want "" in error`, expName, id, typ)
				}
				delete(seen, "")
			}
			for rid := range seen {
				t.Errorf("%s %s: %q is not a %s of the snapshot", expName, id, rid, typ)
			}
			if name == "aws-demo.json" && typ != "aws_account" && (len(e.Fail) == 0 || len(e.Pass) == 0) {
				t.Errorf("%s %s: want at least one pass and one fail among the %s", expName, id, typ)
			}
			if name == "aws-demo-secure.json" && len(e.Error) > 0 {
				t.Errorf("%s %s: the secure demo is complete, want no errors", expName, id)
			}
			if name == "gcp-demo-data.json" && len(e.Error) > 0 {
				t.Errorf("%s %s: the data project's demo is complete, want no errors", expName, id)
			}
			for _, d := range e.DependsOn {
				typ, attr := typ, d
				if strings.HasPrefix(d, provider+"_") {
					typ, attr, _ = strings.Cut(d, ".")
				}
				if _, ok := v.Schema(typ); !ok || (attr != "" && !v.HasAttribute(typ, attr)) {
					t.Errorf("%s %s: depends_on %q names no schema attribute", expName, id, d)
				}
			}
		}
	}
	for id, o := range outcomes {
		if !o["fail"] || !o["pass"] {
			t.Errorf("%s: want a pass and a fail across the demo snapshots, got %v", id, o)
		}
	}
}

func equalSets(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
