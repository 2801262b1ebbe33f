package aws

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

var opEC2DescribeRegions = register("EC2", "ec2", "DescribeRegions", "")

// Opt-in statuses of DescribeRegions.
const (
	optInNotRequired = "opt-in-not-required"
	optedIn          = "opted-in"
	notOptedIn       = "not-opted-in"
)

// discoverRegions lists the account's regions (DescribeRegions with AllRegions) and returns
// the ones to collect, sorted: the requested ones, or every enabled region. It records an
// aws_region resource for each region it reports on (not-opted-in regions too, with their
// status and every other attribute null) and an error entry for each requested region that is
// not enabled or does not exist.
func (r *run) discoverRegions(ctx context.Context) []string {
	requested := map[string]bool{}
	for _, reg := range r.opts.Regions {
		if reg = strings.TrimSpace(reg); reg != "" {
			requested[reg] = true
		}
	}
	status := map[string]string{}
	ok := r.Call(ctx, opEC2DescribeRegions, collection.ListTarget("aws_region", snapshot.GlobalRegion), func(ctx context.Context) error {
		out, err := newClient(r, r.home, ec2.NewFromConfig).DescribeRegions(ctx, &ec2.DescribeRegionsInput{AllRegions: aws.Bool(true)})
		if err != nil {
			return err
		}
		for _, reg := range out.Regions {
			status[deref(reg.RegionName)] = deref(reg.OptInStatus)
		}
		return nil
	})
	var collect []string
	if !ok {
		// Without the list, collect what was asked for, or the home region.
		if len(requested) == 0 {
			requested[r.home] = true
		}
		for reg := range requested {
			r.addRegion(reg, nil)
			collect = append(collect, reg)
		}
		sort.Strings(collect)
		return collect
	}
	for reg, st := range status {
		enabled := st == optInNotRequired || st == optedIn
		switch {
		case len(requested) == 0:
			r.addRegion(reg, st)
			if enabled {
				collect = append(collect, reg)
			}
		case requested[reg]:
			r.addRegion(reg, st)
			if enabled {
				collect = append(collect, reg)
			} else {
				r.AddError(snapshot.CollectionError{
					ResourceType: "aws_region", ResourceID: r.regionARN(reg), Region: reg,
					Operation: opEC2DescribeRegions.Name(), Code: "RegionNotEnabled",
					Message: fmt.Sprintf("region %s is not enabled for this account (opt-in status %s)", reg, st),
				})
			}
		}
	}
	for reg := range requested {
		if _, known := status[reg]; !known {
			r.AddError(snapshot.CollectionError{
				ResourceType: "aws_region", ResourceID: "", Region: reg,
				Operation: opEC2DescribeRegions.Name(), Code: "UnknownRegion",
				Message: fmt.Sprintf("region %s is not a region of this account's partition", reg),
			})
		}
	}
	sort.Strings(collect)
	if collect == nil {
		collect = []string{}
	}
	return collect
}

func (r *run) regionARN(reg string) string { return r.arn("ec2", reg, "region/"+reg) }

// addRegion records an aws_region resource; optIn is nil when unknown. The regional services
// fill the other attributes (run.region returns the resource).
func (r *run) addRegion(reg string, optIn any) {
	res := snapshot.Resource{
		"id": r.regionARN(reg), "name": reg, "region": reg, "tags": map[string]string{},
		"opt_in_status": optIn, "ebs_encryption_by_default": nil, "ebs_default_kms_key_id": nil,
		"access_analyzers": nil, "security_hub": nil, "config": nil,
	}
	r.regions[reg] = res
	r.Add("aws_region", res)
}

// region returns the aws_region resource of reg (nil when the region is not in the snapshot).
// The map is complete before any task starts.
func (r *run) region(reg string) snapshot.Resource { return r.regions[reg] }

// regionTarget is the target of a failed call about a region's attrs.
func (r *run) regionTarget(reg string, attrs ...string) collection.Target {
	return collection.Target{Type: "aws_region", ID: r.regionARN(reg), Region: reg, Attrs: attrs}
}
