package aws

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
)

// IAM Access Analyzer operations. The IAM prefix is access-analyzer.
var opAccessAnalyzerListAnalyzers = register("AccessAnalyzer", "access-analyzer", "ListAnalyzers", "")

func init() {
	registerService(service{name: "accessanalyzer", owns: []string{"aws_region.access_analyzers"}, start: startAccessAnalyzer})
}

// startAccessAnalyzer lists a region's analyzers into the aws_region resource.
func startAccessAnalyzer(r *run, u *unit) {
	reg := u.region
	res := r.region(reg)
	if res == nil {
		return
	}
	cli := accessanalyzer.NewFromConfig(r.cfg, func(o *accessanalyzer.Options) {
		o.Region = reg
		if e := r.endpoint(); e != nil {
			o.BaseEndpoint = e
		}
	})
	t := target{typ: "aws_region", id: r.regionARN(reg), region: reg, attrs: []string{"access_analyzers"}}
	u.Go(func(ctx context.Context) {
		analyzers := []map[string]any{}
		if r.call(ctx, opAccessAnalyzerListAnalyzers, t, func(ctx context.Context) error {
			return eachPage(ctx, accessanalyzer.NewListAnalyzersPaginator(cli, &accessanalyzer.ListAnalyzersInput{}), func(out *accessanalyzer.ListAnalyzersOutput) {
				for _, a := range out.Analyzers {
					analyzers = append(analyzers, map[string]any{
						"arn": deref(a.Arn), "name": deref(a.Name), "type": string(a.Type), "status": string(a.Status),
					})
				}
			})
		}) {
			r.set(res, "access_analyzers", analyzers)
		}
	})
}
