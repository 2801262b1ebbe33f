package aws

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/incloud/incloud/pkg/snapshot"
)

// RDS operations. Permissions equal the operation names.
var (
	opRDSDescribeDBInstances          = register("RDS", "rds", "DescribeDBInstances", "")
	opRDSDescribeDBSnapshots          = register("RDS", "rds", "DescribeDBSnapshots", "")
	opRDSDescribeDBSnapshotAttributes = register("RDS", "rds", "DescribeDBSnapshotAttributes", "")
)

func init() {
	registerService(service{name: "rds", owns: []string{"aws_rds_db_instance", "aws_rds_db_snapshot"}, start: startRDS})
}

// startRDS lists a region's DB instances and the account's manual DB snapshots, and reads each
// snapshot's restore attribute to tell whether it is public.
func startRDS(r *run, u *unit) {
	reg := u.region
	cli := rds.NewFromConfig(r.cfg, func(o *rds.Options) {
		o.Region = reg
		if e := r.endpoint(); e != nil {
			o.BaseEndpoint = e
		}
	})
	u.Go(func(ctx context.Context) {
		const typ = "aws_rds_db_instance"
		var dbs []snapshot.Resource
		if !r.call(ctx, opRDSDescribeDBInstances, listTarget(typ, reg), func(ctx context.Context) error {
			return eachPage(ctx, rds.NewDescribeDBInstancesPaginator(cli, &rds.DescribeDBInstancesInput{}), func(out *rds.DescribeDBInstancesOutput) {
				for _, db := range out.DBInstances {
					dbs = append(dbs, snapshot.Resource{
						"id": deref(db.DBInstanceArn), "name": deref(db.DBInstanceIdentifier), "region": reg,
						"tags": rdsTags(db.TagList), "engine": deref(db.Engine), "engine_version": deref(db.EngineVersion),
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
		for _, db := range dbs {
			r.add(typ, db)
		}
	})
	u.Go(func(ctx context.Context) {
		const typ = "aws_rds_db_snapshot"
		var snaps []snapshot.Resource
		if !r.call(ctx, opRDSDescribeDBSnapshots, listTarget(typ, reg), func(ctx context.Context) error {
			return eachPage(ctx, rds.NewDescribeDBSnapshotsPaginator(cli, &rds.DescribeDBSnapshotsInput{SnapshotType: aws.String("manual")}), func(out *rds.DescribeDBSnapshotsOutput) {
				for _, s := range out.DBSnapshots {
					snaps = append(snaps, snapshot.Resource{
						"id": deref(s.DBSnapshotArn), "name": deref(s.DBSnapshotIdentifier), "region": reg,
						"tags": rdsTags(s.TagList), "db_instance_identifier": deref(s.DBInstanceIdentifier),
						"encrypted": deref(s.Encrypted), "public": nil,
					})
				}
			})
		}) {
			return
		}
		for _, s := range snaps {
			r.add(typ, s)
			u.Go(func(ctx context.Context) {
				r.call(ctx, opRDSDescribeDBSnapshotAttributes, target{typ: typ, id: r.idOf(s), region: reg, attrs: []string{"public"}}, func(ctx context.Context) error {
					out, err := cli.DescribeDBSnapshotAttributes(ctx, &rds.DescribeDBSnapshotAttributesInput{
						DBSnapshotIdentifier: aws.String(s["name"].(string)),
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
					r.set(s, "public", public)
					return nil
				})
			})
		}
	})
}

// rdsTags turns RDS tags into a snapshot tags object.
func rdsTags(tags []rdstypes.Tag) map[string]string {
	out := map[string]string{}
	for _, t := range tags {
		out[deref(t.Key)] = deref(t.Value)
	}
	return out
}
