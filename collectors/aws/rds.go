package aws

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

// RDS operations. Permissions equal the operation names.
var (
	opRDSDescribeDBInstances          = register("RDS", "rds", "DescribeDBInstances", "")
	opRDSDescribeDBSnapshots          = register("RDS", "rds", "DescribeDBSnapshots", "")
	opRDSDescribeDBSnapshotAttributes = register("RDS", "rds", "DescribeDBSnapshotAttributes", "")
)

func init() {
	services.Register(collection.Service[*run]{Name: "rds", Owns: []string{"aws_rds_db_instance", "aws_rds_db_snapshot"}, New: newRDS})
}

// rdsService lists one region's DB instances and the account's manual DB snapshots, and reads
// each snapshot's restore attribute to tell whether it is public.
type rdsService struct {
	r      *run
	region string
	cli    *rds.Client
}

func newRDS(r *run, u *collection.Unit) collection.Starter {
	return &rdsService{r: r, region: u.Region, cli: newClient(r, u.Region, rds.NewFromConfig)}
}

func (s *rdsService) Start(u *collection.Unit) {
	u.Go(s.instances)
	u.Go(func(ctx context.Context) { s.snapshots(ctx, u) })
}

func (s *rdsService) instances(ctx context.Context) {
	r, reg, cli := s.r, s.region, s.cli
	const typ = "aws_rds_db_instance"
	var dbs []snapshot.Resource
	if !r.Call(ctx, opRDSDescribeDBInstances, collection.ListTarget(typ, reg), func(ctx context.Context) error {
		return eachPage(ctx, rds.NewDescribeDBInstancesPaginator(cli, &rds.DescribeDBInstancesInput{}), func(out *rds.DescribeDBInstancesOutput) {
			for _, db := range out.DBInstances {
				dbs = append(dbs, snapshot.Resource{
					"id": deref(db.DBInstanceArn), "name": deref(db.DBInstanceIdentifier), "region": reg,
					"tags": tagMap(db.TagList, rdsTag), "engine": deref(db.Engine), "engine_version": deref(db.EngineVersion),
					"storage_encrypted": deref(db.StorageEncrypted), "publicly_accessible": deref(db.PubliclyAccessible),
					"multi_az": deref(db.MultiAZ), "auto_minor_version_upgrade": deref(db.AutoMinorVersionUpgrade),
					"deletion_protection":                 deref(db.DeletionProtection),
					"iam_database_authentication_enabled": deref(db.IAMDatabaseAuthenticationEnabled),
					"backup_retention_period":             int64(deref(db.BackupRetentionPeriod)),
					"kms_key_id":                          strOrNil(db.KmsKeyId),
				})
			}
		})
	}) {
		return
	}
	r.Add(typ, dbs...)
}

func (s *rdsService) snapshots(ctx context.Context, u *collection.Unit) {
	r, reg, cli := s.r, s.region, s.cli
	const typ = "aws_rds_db_snapshot"
	var snaps []snapshot.Resource
	if !r.Call(ctx, opRDSDescribeDBSnapshots, collection.ListTarget(typ, reg), func(ctx context.Context) error {
		return eachPage(ctx, rds.NewDescribeDBSnapshotsPaginator(cli, &rds.DescribeDBSnapshotsInput{SnapshotType: aws.String("manual")}), func(out *rds.DescribeDBSnapshotsOutput) {
			for _, sn := range out.DBSnapshots {
				snaps = append(snaps, snapshot.Resource{
					"id": deref(sn.DBSnapshotArn), "name": deref(sn.DBSnapshotIdentifier), "region": reg,
					"tags": tagMap(sn.TagList, rdsTag), "db_instance_identifier": deref(sn.DBInstanceIdentifier),
					"encrypted": deref(sn.Encrypted), "public": nil,
				})
			}
		})
	}) {
		return
	}
	for _, sn := range snaps {
		r.Add(typ, sn)
		u.Go(func(ctx context.Context) {
			r.Call(ctx, opRDSDescribeDBSnapshotAttributes, collection.Target{Type: typ, ID: r.ID(sn), Region: reg, Attrs: []string{"public"}}, func(ctx context.Context) error {
				out, err := cli.DescribeDBSnapshotAttributes(ctx, &rds.DescribeDBSnapshotAttributesInput{
					DBSnapshotIdentifier: aws.String(sn["name"].(string)),
				})
				if err != nil {
					return err
				}
				public := false
				if res := out.DBSnapshotAttributesResult; res != nil {
					for _, a := range res.DBSnapshotAttributes {
						if deref(a.AttributeName) != "restore" {
							continue
						}
						for _, v := range a.AttributeValues {
							public = public || v == "all"
						}
					}
				}
				r.Set(sn, "public", public)
				return nil
			})
		})
	}
}

func rdsTag(t rdstypes.Tag) (*string, *string) { return t.Key, t.Value }
