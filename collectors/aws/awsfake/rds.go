package awsfake

import (
	"github.com/incloud/incloud/pkg/snapshot"
)

const rdsXMLNS = "http://rds.amazonaws.com/doc/2014-10-31/"

// RDS (awsQuery): DB instances, manual DB snapshots and their restore attribute.
func init() {
	services["rds"] = queryProtocol("rds", rdsXMLNS, map[string]handler{
		"DescribeDBInstances":          rdsDescribeDBInstances,
		"DescribeDBSnapshots":          rdsDescribeDBSnapshots,
		"DescribeDBSnapshotAttributes": rdsDescribeDBSnapshotAttributes,
	})
}

// rdsPage serves a page of an RDS list (items named itemName in listName, Marker when more
// remain).
func (s *Server) rdsPage(req *Request, action, listName, itemName string, items []xmlNode) *Response {
	start, end, next := s.Page(len(items), req.Params.Get("Marker"), req.Params.Get("MaxRecords"))
	kids := []xmlNode{wrap(listName, itemName, items[start:end])}
	if next != "" {
		kids = append(kids, tx("Marker", next))
	}
	return s.queryResult(action, rdsXMLNS, kids...)
}

func rdsTagList(r map[string]any) xmlNode {
	var items []xmlNode
	for _, kv := range tags(r) {
		items = append(items, el("Tag", tx("Key", kv[0]), tx("Value", kv[1])))
	}
	return wrap("TagList", "Tag", items)
}

func rdsDescribeDBInstances(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", req.Region); err != nil {
		return nil, err
	}
	var items []xmlNode
	for _, db := range s.inRegion("aws_rds_db_instance", req.Region) {
		items = append(items, el("DBInstance",
			tx("DBInstanceIdentifier", str(db, "name")),
			tx("DBInstanceClass", "db.t3.medium"),
			tx("Engine", str(db, "engine")),
			tx("EngineVersion", str(db, "engine_version")),
			tx("DBInstanceStatus", "available"),
			tx("StorageEncrypted", boolean(db, "storage_encrypted")),
			opt("KmsKeyId", strp(db, "kms_key_id")),
			tx("PubliclyAccessible", boolean(db, "publicly_accessible")),
			tx("MultiAZ", boolean(db, "multi_az")),
			tx("AutoMinorVersionUpgrade", boolean(db, "auto_minor_version_upgrade")),
			tx("DeletionProtection", boolean(db, "deletion_protection")),
			tx("IAMDatabaseAuthenticationEnabled", boolean(db, "iam_database_authentication_enabled")),
			tx("BackupRetentionPeriod", number(db, "backup_retention_period")),
			tx("DBInstanceArn", db.ID()),
			rdsTagList(db),
		))
	}
	return s.rdsPage(req, "DescribeDBInstances", "DBInstances", "DBInstance", items), nil
}

func rdsDescribeDBSnapshots(s *Server, req *Request) (*Response, error) {
	if err := s.injected(req.Op, "", req.Region); err != nil {
		return nil, err
	}
	// Every snapshot in the seed is a manual one of the account.
	if t := req.Params.Get("SnapshotType"); t != "" && t != "manual" {
		return s.rdsPage(req, "DescribeDBSnapshots", "DBSnapshots", "DBSnapshot", nil), nil
	}
	var items []xmlNode
	for _, sn := range s.inRegion("aws_rds_db_snapshot", req.Region) {
		items = append(items, el("DBSnapshot",
			tx("DBSnapshotIdentifier", str(sn, "name")),
			tx("DBInstanceIdentifier", str(sn, "db_instance_identifier")),
			tx("Engine", "postgres"),
			tx("Status", "available"),
			tx("SnapshotType", "manual"),
			tx("Encrypted", boolean(sn, "encrypted")),
			tx("DBSnapshotArn", sn.ID()),
			rdsTagList(sn),
		))
	}
	return s.rdsPage(req, "DescribeDBSnapshots", "DBSnapshots", "DBSnapshot", items), nil
}

func rdsDescribeDBSnapshotAttributes(s *Server, req *Request) (*Response, error) {
	id := req.Params.Get("DBSnapshotIdentifier")
	var snap snapshot.Resource
	for _, sn := range s.inRegion("aws_rds_db_snapshot", req.Region) {
		if str(sn, "name") == id || sn.ID() == id {
			snap = sn
		}
	}
	if snap == nil {
		return nil, &APIError{404, "DBSnapshotNotFound", "DBSnapshot " + id + " not found."}
	}
	if err := s.injected(req.Op, snap.ID(), req.Region); err != nil {
		return nil, err
	}
	var values []xmlNode
	if boolean(snap, "public") {
		values = append(values, tx("AttributeValue", "all"))
	}
	return s.queryResult("DescribeDBSnapshotAttributes", rdsXMLNS, el("DBSnapshotAttributesResult",
		tx("DBSnapshotIdentifier", str(snap, "name")),
		el("DBSnapshotAttributes", el("DBSnapshotAttribute",
			tx("AttributeName", "restore"),
			wrap("AttributeValues", "AttributeValue", values),
		)),
	)), nil
}
