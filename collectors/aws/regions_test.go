package aws

import (
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/incloud/incloud/collectors/aws/awsfake"
	"github.com/incloud/incloud/collectors/collectortest"
	"github.com/incloud/incloud/pkg/snapshot"
)

func TestRequestedRegions(t *testing.T) {
	srv := awsfake.New(testSnapshot("iam"))
	defer srv.Close()
	opts := testOptions(srv.URL, "iam")
	opts.Regions = []string{"eu-west-1", "ap-east-1", "xx-nowhere-1"}
	got := collectortest.WithoutNotCollected(collect(t, srv, opts))
	if strings.Join(got.Scope.Regions, ",") != "eu-west-1" {
		t.Errorf("scope regions = %v, want the one enabled requested region", got.Scope.Regions)
	}
	var regions []string
	for _, r := range got.Resources["aws_region"] {
		regions = append(regions, r.ID()+"="+r["opt_in_status"].(string))
	}
	sort.Strings(regions)
	if want := "arn:aws:ec2:ap-east-1:123456789012:region/ap-east-1=not-opted-in arn:aws:ec2:eu-west-1:123456789012:region/eu-west-1=opt-in-not-required"; strings.Join(regions, " ") != want {
		t.Errorf("aws_region resources = %v", regions)
	}
	codes := map[string]string{}
	for _, e := range got.Errors {
		codes[e.Region] = e.Code
	}
	if codes["ap-east-1"] != "RegionNotEnabled" || codes["xx-nowhere-1"] != "UnknownRegion" || len(codes) != 2 {
		t.Errorf("errors = %+v", got.Errors)
	}
}

func TestDescribeRegionsDenied(t *testing.T) {
	seed := testSnapshot("iam")
	seed.AddError(snapshot.CollectionError{ResourceType: "aws_region", Region: "global", Operation: "ec2:DescribeRegions", Code: "UnauthorizedOperation", Message: "You are not authorized to perform this operation."})
	srv := awsfake.New(seed)
	defer srv.Close()
	got := collectortest.WithoutNotCollected(collect(t, srv, testOptions(srv.URL, "iam")))
	if strings.Join(got.Scope.Regions, ",") != "us-east-1" {
		t.Errorf("scope regions = %v, want the home region", got.Scope.Regions)
	}
	if len(got.Errors) != 1 || got.Errors[0].Operation != "ec2:DescribeRegions" || got.Errors[0].Code != "UnauthorizedOperation" {
		t.Errorf("errors = %+v", got.Errors)
	}
	if rs := got.Resources["aws_region"]; len(rs) != 1 || rs[0]["opt_in_status"] != nil {
		t.Errorf("regions = %v, want us-east-1 with unknown opt-in status", rs)
	}
	// IAM is still collected.
	if len(got.Resources["aws_iam_user"]) != 5 {
		t.Errorf("%d users", len(got.Resources["aws_iam_user"]))
	}
}

type recordingProgress struct {
	mu       sync.Mutex
	planned  int
	finished []string
	closed   bool
}

func (p *recordingProgress) Planned(n int) { p.mu.Lock(); p.planned += n; p.mu.Unlock() }
func (p *recordingProgress) Finished(l string) {
	p.mu.Lock()
	p.finished = append(p.finished, l)
	p.mu.Unlock()
}
func (p *recordingProgress) Log(string) {}
func (p *recordingProgress) Close()     { p.closed = true }

func TestProgressUnits(t *testing.T) {
	srv := awsfake.New(testSnapshot("iam", "s3"))
	defer srv.Close()
	p := &recordingProgress{}
	opts := testOptions(srv.URL, "iam", "s3")
	opts.Progress = p
	collect(t, srv, opts)
	sort.Strings(p.finished)
	if p.planned != 2 || strings.Join(p.finished, ",") != "iam,s3" {
		t.Errorf("planned %d, finished %v; want 2 global units iam and s3", p.planned, p.finished)
	}
}
