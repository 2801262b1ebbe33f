package aws

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/efs"
	efstypes "github.com/aws/aws-sdk-go-v2/service/efs/types"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

// EFS operations. The IAM prefix is elasticfilesystem.
var opEFSDescribeFileSystems = register("EFS", "elasticfilesystem", "DescribeFileSystems", "")

func init() {
	services.Register(collection.Service[*run]{Name: "efs", Owns: []string{"aws_efs_file_system"}, New: newEFS})
}

// efsService collects one region's EFS file systems.
type efsService struct {
	r      *run
	region string
	cli    *efs.Client
}

func newEFS(r *run, u *collection.Unit) collection.Starter {
	return &efsService{r: r, region: u.Region, cli: newClient(r, u.Region, efs.NewFromConfig)}
}

func (s *efsService) Start(u *collection.Unit) { u.Go(s.fileSystems) }

func efsTag(t efstypes.Tag) (*string, *string) { return t.Key, t.Value }

func (s *efsService) fileSystems(ctx context.Context) {
	const typ = "aws_efs_file_system"
	r, reg := s.r, s.region
	var fss []snapshot.Resource
	if !r.Call(ctx, opEFSDescribeFileSystems, collection.ListTarget(typ, reg), func(ctx context.Context) error {
		return eachPage(ctx, efs.NewDescribeFileSystemsPaginator(s.cli, &efs.DescribeFileSystemsInput{}), func(out *efs.DescribeFileSystemsOutput) {
			for _, fs := range out.FileSystems {
				id, tags := deref(fs.FileSystemId), tagMap(fs.Tags, efsTag)
				fss = append(fss, snapshot.Resource{
					"id": deref(fs.FileSystemArn), "name": nameTag(tags, id), "region": reg, "tags": tags,
					"file_system_id": id, "encrypted": deref(fs.Encrypted), "kms_key_id": strOrNil(fs.KmsKeyId),
				})
			}
		})
	}) {
		return
	}
	r.Add(typ, fss...)
}
