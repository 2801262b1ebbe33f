package aws

import (
	"testing"

	"github.com/incloud/incloud/collectors/aws/awsfake"
	"github.com/incloud/incloud/pkg/snapshot"
	"github.com/incloud/incloud/policies"
)

// pagedCalls names, per service, a call and how many requests it takes over the fixture with
// pages of 2 (list calls: one request per page per region).
var pagedCalls = map[string]struct {
	op string
	n  int
}{
	"ec2":            {"ec2:DescribeSecurityGroups", 3 + 1},
	"kms":            {"kms:ListKeys", 3 + 1},
	"cloudtrail":     {"cloudtrail:GetTrailStatus", 3}, // the multi-region trail once, not its shadow
	"config":         {"config:DescribeConfigurationRecorders", 2},
	"accessanalyzer": {"access-analyzer:ListAnalyzers", 2 + 1},
	"securityhub":    {"securityhub:DescribeHub", 2},
	"logs":           {"logs:DescribeMetricFilters", 3 + 1},
	"cloudwatch":     {"cloudwatch:DescribeAlarms", 3 + 1},
	"rds":            {"rds:DescribeDBInstances", 2 + 1},
	"efs":            {"elasticfilesystem:DescribeFileSystems", 2 + 1},
}

// TestRegionalServices collects each regional service from the fake account in pages of 2 and
// compares the result with the fixture byte for byte.
func TestRegionalServices(t *testing.T) {
	for _, svc := range regionalServices {
		t.Run(svc, func(t *testing.T) {
			want := regionalSnapshot(svc)
			srv := awsfake.New(want)
			defer srv.Close()
			got := collect(t, srv, testOptions(srv.URL, svc))
			assertSameSnapshot(t, want, got)
			pc := pagedCalls[svc]
			if n := srv.Requests()[pc.op]; n != pc.n {
				t.Errorf("%s requests = %d, want %d", pc.op, n, pc.n)
			}
		})
	}
}

// TestRegionalAllServices collects every regional service at once: the services write to the
// same aws_region resources concurrently.
func TestRegionalAllServices(t *testing.T) {
	want := regionalSnapshot(regionalServices...)
	srv := awsfake.New(want, awsfake.WithPageSize(1))
	defer srv.Close()
	got := collect(t, srv, testOptions(srv.URL, regionalServices...))
	assertSameSnapshot(t, want, got)
	for _, op := range Operations() {
		if op.Service == "iam" || op.Service == "s3" || op.Service == "s3control" || op.Service == "sts" || op.Service == "account" || op.Service == "organizations" || op.Action == "DescribeRegions" {
			// (organizations: organization mode, organizations_test.go)
			continue
		}
		if srv.Requests()[op.Name()] == 0 {
			t.Errorf("%s was never called", op.Name())
		}
	}
}

// dropType removes the resources of typ in region from s.
func dropType(s *snapshot.Snapshot, typ, region string) {
	var keep []snapshot.Resource
	for _, r := range s.Resources[typ] {
		if r.Region() != region {
			keep = append(keep, r)
		}
	}
	s.Resources[typ] = keep
	if keep == nil {
		delete(s.Resources, typ)
	}
}

func denied(typ, id, region, op string, attrs ...string) snapshot.CollectionError {
	return snapshot.CollectionError{ResourceType: typ, ResourceID: id, Region: region, Operation: op,
		Code: "AccessDenied", Message: "User: arn:aws:iam::" + testAccount + ":user/incloud-auditor is not authorized to perform: " + op,
		Attributes: attrs}
}

// TestRegionalAccessDenied makes list calls and per-resource calls of each service fail with
// AccessDenied: each becomes an error entry (with the attributes it leaves null), and
// everything else is still collected.
func TestRegionalAccessDenied(t *testing.T) {
	const us, eu = "us-east-1", "eu-west-1"
	cases := map[string]func(s *snapshot.Snapshot){
		"ec2": func(s *snapshot.Snapshot) {
			dropType(s, "aws_ec2_security_group", us)
			s.AddError(denied("aws_ec2_security_group", "", us, "ec2:DescribeSecurityGroups"))
			snap := findResource(s, "aws_ec2_snapshot", "arn:aws:ec2:us-east-1::snapshot/snap-00000000000000002")
			snap["public"] = nil
			s.AddError(denied("aws_ec2_snapshot", snap.ID(), us, "ec2:DescribeSnapshotAttribute", "public"))
			for _, v := range s.Resources["aws_ec2_vpc"] {
				v["flow_logs"] = nil
			}
			s.AddError(denied("aws_ec2_vpc", "", us, "ec2:DescribeFlowLogs", "flow_logs"))
			regionRes(s, eu)["ebs_default_kms_key_id"] = nil
			s.AddError(denied("aws_region", regionRes(s, eu).ID(), eu, "ec2:GetEbsDefaultKmsKeyId", "ebs_default_kms_key_id"))
		},
		"kms": func(s *snapshot.Snapshot) {
			key2 := arnOf("kms", us, "key/00000000-0000-4000-8000-000000000002")
			dropID(s, "aws_kms_key", key2)
			s.AddError(denied("aws_kms_key", key2, us, "kms:DescribeKey"))
			key1 := findResource(s, "aws_kms_key", arnOf("kms", us, "key/00000000-0000-4000-8000-000000000001"))
			key1["rotation_enabled"] = nil
			s.AddError(denied("aws_kms_key", key1.ID(), us, "kms:GetKeyRotationStatus", "rotation_enabled"))
			key1["tags"] = nil
			s.AddError(denied("aws_kms_key", key1.ID(), us, "kms:ListResourceTags", "tags"))
			// Without the alias list the keys are named by their ids.
			for _, k := range s.Resources["aws_kms_key"] {
				if k.Region() == eu {
					k["name"] = k["key_id"]
				}
			}
			s.AddError(denied("aws_kms_key", "", eu, "kms:ListAliases", "name"))
		},
		"cloudtrail": func(s *snapshot.Snapshot) {
			org := findResource(s, "aws_cloudtrail_trail", arnOf("cloudtrail", us, "trail/org-trail"))
			org["event_selectors"] = nil
			s.AddError(denied("aws_cloudtrail_trail", org.ID(), us, "cloudtrail:GetEventSelectors", "event_selectors", "advanced_event_selectors"))
			old := findResource(s, "aws_cloudtrail_trail", arnOf("cloudtrail", us, "trail/old-trail"))
			old["is_logging"], old["tags"] = nil, nil
			s.AddError(denied("aws_cloudtrail_trail", old.ID(), us, "cloudtrail:GetTrailStatus", "is_logging"))
			s.AddError(denied("aws_cloudtrail_trail", old.ID(), us, "cloudtrail:ListTags", "tags"))
			dropType(s, "aws_cloudtrail_trail", eu)
			s.AddError(denied("aws_cloudtrail_trail", "", eu, "cloudtrail:DescribeTrails"))
		},
		"config": func(s *snapshot.Snapshot) {
			regionRes(s, us)["config"] = nil
			s.AddError(denied("aws_region", regionRes(s, us).ID(), us, "config:DescribeConfigurationRecorderStatus", "config"))
		},
		"accessanalyzer": func(s *snapshot.Snapshot) {
			regionRes(s, eu)["access_analyzers"] = nil
			s.AddError(denied("aws_region", regionRes(s, eu).ID(), eu, "access-analyzer:ListAnalyzers", "access_analyzers"))
		},
		"securityhub": func(s *snapshot.Snapshot) {
			regionRes(s, us)["security_hub"] = nil
			e := denied("aws_region", regionRes(s, us).ID(), us, "securityhub:DescribeHub", "security_hub")
			e.Code = "AccessDeniedException"
			s.AddError(e)
		},
		"logs": func(s *snapshot.Snapshot) {
			dropType(s, "aws_logs_metric_filter", us)
			s.AddError(denied("aws_logs_metric_filter", "", us, "logs:DescribeMetricFilters"))
		},
		"cloudwatch": func(s *snapshot.Snapshot) {
			dropType(s, "aws_cloudwatch_alarm", us)
			s.AddError(denied("aws_cloudwatch_alarm", "", us, "cloudwatch:DescribeAlarms"))
		},
		"rds": func(s *snapshot.Snapshot) {
			dropType(s, "aws_rds_db_instance", us)
			s.AddError(denied("aws_rds_db_instance", "", us, "rds:DescribeDBInstances"))
			snap := findResource(s, "aws_rds_db_snapshot", arnOf("rds", us, "snapshot:db-1-manual"))
			snap["public"] = nil
			s.AddError(denied("aws_rds_db_snapshot", snap.ID(), us, "rds:DescribeDBSnapshotAttributes", "public"))
		},
		"efs": func(s *snapshot.Snapshot) {
			dropType(s, "aws_efs_file_system", us)
			s.AddError(denied("aws_efs_file_system", "", us, "elasticfilesystem:DescribeFileSystems"))
		},
	}
	for _, svc := range regionalServices {
		t.Run(svc, func(t *testing.T) {
			want := regionalSnapshot(svc)
			cases[svc](want)
			srv := awsfake.New(want)
			defer srv.Close()
			got := collect(t, srv, testOptions(srv.URL, svc))
			if got.Complete || len(got.Errors) == 0 {
				t.Errorf("complete = %v with %d errors", got.Complete, len(got.Errors))
			}
			assertSameSnapshot(t, want, got)
		})
	}
}

// dropID removes the resource of typ with id from s.
func dropID(s *snapshot.Snapshot, typ, id string) {
	var keep []snapshot.Resource
	for _, r := range s.Resources[typ] {
		if r.ID() != id {
			keep = append(keep, r)
		}
	}
	s.Resources[typ] = keep
}

// TestRegionalThrottlingRetried throttles the first two attempts of a call of each service: the
// SDK retries them and the snapshot is complete.
func TestRegionalThrottlingRetried(t *testing.T) {
	for _, svc := range regionalServices {
		t.Run(svc, func(t *testing.T) {
			want := regionalSnapshot(svc)
			pc := pagedCalls[svc]
			srv := awsfake.New(want, awsfake.WithThrottle(pc.op, 2))
			defer srv.Close()
			got := collect(t, srv, testOptions(srv.URL, svc))
			assertSameSnapshot(t, want, got)
			if n := srv.Requests()[pc.op]; n != pc.n+2 {
				t.Errorf("%s requests = %d, want %d + 2 throttled attempts", pc.op, n, pc.n)
			}
		})
	}
}

// TestRegionalThrottlingPersistent throttles a call beyond the retries: an error entry with the
// throttling code, and the rest collected.
func TestRegionalThrottlingPersistent(t *testing.T) {
	want := regionalSnapshot("ec2", "kms")
	eu := regionRes(want, "eu-west-1")
	eu["ebs_encryption_by_default"], eu["ebs_default_kms_key_id"] = nil, nil
	want.AddError(snapshot.CollectionError{ResourceType: "aws_region", ResourceID: eu.ID(), Region: "eu-west-1",
		Operation: "ec2:GetEbsEncryptionByDefault", Code: "RequestLimitExceeded", Message: "Request limit exceeded.",
		Attributes: []string{"ebs_encryption_by_default", "ebs_default_kms_key_id"}})
	dropType(want, "aws_kms_key", "us-east-1")
	want.AddError(snapshot.CollectionError{ResourceType: "aws_kms_key", Region: "us-east-1",
		Operation: "kms:ListKeys", Code: "ThrottlingException", Message: "Rate exceeded"})
	srv := awsfake.New(want)
	defer srv.Close()
	opts := testOptions(srv.URL, "ec2", "kms")
	got := collect(t, srv, opts)
	assertSameSnapshot(t, want, got)
	// us-east-1 once, eu-west-1 RetryMaxAttempts times; its GetEbsDefaultKmsKeyId is not made.
	if n := srv.Requests()["ec2:GetEbsEncryptionByDefault"]; n != 1+opts.RetryMaxAttempts {
		t.Errorf("ec2:GetEbsEncryptionByDefault requests = %d, want %d", n, 1+opts.RetryMaxAttempts)
	}
	if n := srv.Requests()["ec2:GetEbsDefaultKmsKeyId"]; n != 1 {
		t.Errorf("ec2:GetEbsDefaultKmsKeyId requests = %d, want 1", n)
	}
}

// TestTerminatedInstancesSkipped: DescribeInstances lists terminated instances for an hour
// after they end; the collector leaves them out.
func TestTerminatedInstancesSkipped(t *testing.T) {
	want := regionalSnapshot("ec2")
	seed := regionalSnapshot("ec2")
	gone := snapshot.Resource{}
	for k, v := range findResource(seed, "aws_ec2_instance", arnOf("ec2", "us-east-1", "instance/i-00000000000000000")) {
		gone[k] = v
	}
	gone["id"], gone["instance_id"], gone["state"] = arnOf("ec2", "us-east-1", "instance/i-0dead"), "i-0dead", "terminated"
	seed.Add("aws_ec2_instance", gone)
	srv := awsfake.New(seed)
	defer srv.Close()
	got := collect(t, srv, testOptions(srv.URL, "ec2"))
	assertSameSnapshot(t, want, got)
}

// TestRegionalSnapshotValidates checks what the regional services write against the resource
// type JSON Schemas, including a collection with error entries (null attributes).
func TestRegionalSnapshotValidates(t *testing.T) {
	v, err := snapshot.NewValidator(policies.FS, "schemas")
	if err != nil {
		t.Fatal(err)
	}
	services := append([]string{"iam"}, regionalServices...)
	want := regionalSnapshot(services...)
	key := findResource(want, "aws_kms_key", arnOf("kms", "us-east-1", "key/00000000-0000-4000-8000-000000000001"))
	key["rotation_enabled"] = nil
	want.AddError(denied("aws_kms_key", key.ID(), "us-east-1", "kms:GetKeyRotationStatus", "rotation_enabled"))
	regionRes(want, "eu-west-1")["config"] = nil
	want.AddError(denied("aws_region", regionRes(want, "eu-west-1").ID(), "eu-west-1", "config:DescribeConfigurationRecorders", "config"))
	srv := awsfake.New(want)
	defer srv.Close()
	got := collect(t, srv, testOptions(srv.URL, services...))
	assertSameSnapshot(t, want, got)
	back, err := snapshot.Parse(marshal(t, got))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range v.Validate(back) {
		t.Error(e)
	}
}
