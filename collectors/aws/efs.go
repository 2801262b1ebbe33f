package aws

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/efs"

	"github.com/incloud/incloud/pkg/snapshot"
)

// EFS operations. The IAM prefix is elasticfilesystem.
var opEFSDescribeFileSystems = register("EFS", "elasticfilesystem", "DescribeFileSystems", "")

func init() {
	registerService(service{name: "efs", owns: []string{"aws_efs_file_system"}, start: startEFS})
}

// startEFS lists a region's EFS file systems.
func startEFS(r *run, u *unit) {
	const typ = "aws_efs_file_system"
	reg := u.region
	cli := efs.NewFromConfig(r.cfg, func(o *efs.Options) {
		o.Region = reg
		if e := r.endpoint(); e != nil {
			o.BaseEndpoint = e
		}
	})
	u.Go(func(ctx context.Context) {
		var fss []snapshot.Resource
		if !r.call(ctx, opEFSDescribeFileSystems, listTarget(typ, reg), func(ctx context.Context) error {
			return eachPage(ctx, efs.NewDescribeFileSystemsPaginator(cli, &efs.DescribeFileSystemsInput{}), func(out *efs.DescribeFileSystemsOutput) {
				for _, fs := range out.FileSystems {
					id := deref(fs.FileSystemId)
					tags := map[string]string{}
					for _, t := range fs.Tags {
						tags[deref(t.Key)] = deref(t.Value)
					}
					fss = append(fss, snapshot.Resource{
						"id": deref(fs.FileSystemArn), "name": nameTag(tags, id), "region": reg, "tags": tags,
						"file_system_id": id, "encrypted": deref(fs.Encrypted), "kms_key_id": strOrNil(fs.KmsKeyId),
					})
				}
			})
		}) {
			return
		}
		for _, fs := range fss {
			r.add(typ, fs)
		}
	})
}
