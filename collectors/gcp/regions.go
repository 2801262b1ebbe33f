package gcp

import (
	"context"
	"sort"

	compute "google.golang.org/api/compute/v1"

	"github.com/incloud/incloud/collectors/collection"
)

const computeHost = "compute.googleapis.com"

var opRegionsList = register("compute", "regions.list", "compute.regions.list", computeHost, "GET", "/compute/v1/projects/{p}/regions")

// discoverRegions returns the regions the regional services run in: --regions, else every
// region of the project (compute regions.list). When they cannot be listed, the collection has
// no regions and the regional services' types get an error entry each.
func (r *run) discoverRegions(ctx context.Context, regional []string) []string {
	if len(r.opts.Regions) > 0 {
		out := append([]string(nil), r.opts.Regions...)
		sort.Strings(out)
		return out
	}
	var out []string
	cli, err := compute.NewService(context.Background(), r.clientOptions("https://"+computeHost+"/compute/v1/")...)
	fn := func(ctx context.Context) error {
		if err != nil {
			return err
		}
		return cli.Regions.List(r.projectID).Pages(ctx, func(p *compute.RegionList) error {
			for _, reg := range p.Items {
				out = append(out, reg.Name)
			}
			return nil
		})
	}
	if err := fn(collection.WithOperation(ctx, opRegionsList)); err != nil {
		for _, typ := range regional {
			r.Fail(opRegionsList, collection.ListTarget(typ, ""), err)
		}
		return nil
	}
	sort.Strings(out)
	return out
}
