package gcp

import (
	"context"
	"strings"

	storage "google.golang.org/api/storage/v1"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

const storageHost = "storage.googleapis.com"

var (
	opBucketsList         = register("storage", "buckets.list", "storage.buckets.list", storageHost, "GET", "/storage/v1/b")
	opBucketsGetIamPolicy = register("storage", "buckets.getIamPolicy", "storage.buckets.getIamPolicy", storageHost, "GET", "/storage/v1/b/{b}/iam")
)

func init() {
	services.Register(collection.Service[*run]{Name: "storage", Global: true,
		Owns: []string{"gcp_storage_bucket"}, New: newStorage})
}

type storageService struct {
	r   *run
	cli *storage.Service
	err error
}

func newStorage(r *run, u *collection.Unit) collection.Starter {
	cli, err := storage.NewService(context.Background(), r.clientOptions("https://"+storageHost+"/storage/v1/")...)
	return &storageService{r: r, cli: cli, err: err}
}

func (s *storageService) Start(u *collection.Unit) {
	u.Go(func(ctx context.Context) { s.buckets(ctx, u) })
}

// buckets lists the project's buckets (settings come with the list) and reads each one's IAM
// policy in a task of its own.
func (s *storageService) buckets(ctx context.Context, u *collection.Unit) {
	s.r.Call(ctx, opBucketsList, collection.ListTarget("gcp_storage_bucket", snapshot.GlobalRegion), func(ctx context.Context) error {
		if s.err != nil {
			return s.err
		}
		return s.cli.Buckets.List(s.r.projectID).Pages(ctx, func(p *storage.Buckets) error {
			for _, b := range p.Items {
				res := bucketResource(b)
				s.r.Add("gcp_storage_bucket", res)
				u.Go(func(ctx context.Context) { s.iamPolicy(ctx, res, b.Name) })
			}
			return nil
		})
	})
}

func bucketResource(b *storage.Bucket) snapshot.Resource {
	ubla, pap := false, "unspecified"
	if c := b.IamConfiguration; c != nil {
		ubla = c.UniformBucketLevelAccess != nil && c.UniformBucketLevelAccess.Enabled
		if c.PublicAccessPrevention != "" {
			pap = c.PublicAccessPrevention
		}
	}
	var retention any
	if rp := b.RetentionPolicy; rp != nil {
		retention = map[string]any{"retention_period_seconds": rp.RetentionPeriod, "is_locked": rp.IsLocked}
	}
	return snapshot.Resource{
		"id": "//storage.googleapis.com/projects/_/buckets/" + b.Name, "name": b.Name,
		"region": strings.ToLower(b.Location), "tags": labels(b.Labels),
		"location": b.Location, "iam_policy": nil, "uniform_bucket_level_access": ubla,
		"public_access_prevention": pap, "retention_policy": retention,
	}
}

func (s *storageService) iamPolicy(ctx context.Context, res snapshot.Resource, name string) {
	t := collection.Target{Type: "gcp_storage_bucket", ID: s.r.ID(res), Region: s.r.Region(res), Attrs: []string{"iam_policy"}}
	s.r.Call(ctx, opBucketsGetIamPolicy, t, func(ctx context.Context) error {
		p, err := s.cli.Buckets.GetIamPolicy(name).OptionsRequestedPolicyVersion(3).Context(ctx).Do()
		if err != nil {
			return err
		}
		bindings := []any{}
		for _, b := range p.Bindings {
			var title, expr string
			if b.Condition != nil {
				title, expr = b.Condition.Title, b.Condition.Expression
			}
			bindings = append(bindings, binding(b.Role, b.Members, b.Condition != nil, title, expr))
		}
		s.r.Set(res, "iam_policy", map[string]any{"bindings": bindings})
		return nil
	})
}
