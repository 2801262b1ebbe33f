package aws

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

// IAM Access Analyzer operations. The IAM prefix is access-analyzer.
var opAccessAnalyzerListAnalyzers = register("AccessAnalyzer", "access-analyzer", "ListAnalyzers", "")

func init() {
	services.Register(collection.Service[*run]{Name: "accessanalyzer", Owns: []string{"aws_region.access_analyzers"}, New: newAccessAnalyzer})
}

// accessAnalyzerService lists one region's analyzers into the aws_region resource.
type accessAnalyzerService struct {
	r      *run
	region string
	res    snapshot.Resource // the aws_region resource
	cli    *accessanalyzer.Client
}

func newAccessAnalyzer(r *run, u *collection.Unit) collection.Starter {
	return &accessAnalyzerService{r: r, region: u.Region, res: r.region(u.Region), cli: newClient(r, u.Region, accessanalyzer.NewFromConfig)}
}

func (s *accessAnalyzerService) Start(u *collection.Unit) {
	if s.res != nil {
		u.Go(s.analyzers)
	}
}

func (s *accessAnalyzerService) analyzers(ctx context.Context) {
	r := s.r
	analyzers := []map[string]any{}
	if r.Call(ctx, opAccessAnalyzerListAnalyzers, r.regionTarget(s.region, "access_analyzers"), func(ctx context.Context) error {
		return eachPage(ctx, accessanalyzer.NewListAnalyzersPaginator(s.cli, &accessanalyzer.ListAnalyzersInput{}), func(out *accessanalyzer.ListAnalyzersOutput) {
			for _, a := range out.Analyzers {
				analyzers = append(analyzers, map[string]any{
					"arn": deref(a.Arn), "name": deref(a.Name), "type": string(a.Type), "status": string(a.Status),
				})
			}
		})
	}) {
		r.Set(s.res, "access_analyzers", analyzers)
	}
}
