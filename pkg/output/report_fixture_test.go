package output

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/incloud/incloud/pkg/findings"
)

// updateGolden regenerates the golden files under testdata/ instead of comparing against them:
// go test ./pkg/output/ -update
var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata/")

// Accounts of the fixture report.
const (
	fixtureAccountProd    = "123456789012"
	fixtureAccountStaging = "210987654321"
)

// fixtureChecks is the metadata of the checks in fixtureReport, sorted by id as the engine reports
// them. The ids and metadata follow the AWS check catalogue; aws-ec2-owner-tag stands for a user's
// own check loaded with --policy-dir.
func fixtureChecks() []findings.Check {
	cis := func(ids ...string) map[string][]string {
		return map[string][]string{"cis-aws-foundations-v6.0.0": ids}
	}
	return []findings.Check{
		{
			ID: "aws-cloudtrail-multi-region", Title: "A multi-region CloudTrail trail is logging",
			Description: "At least one trail is multi-region, logging, and records management events of all read/write types.",
			Severity:    findings.SeverityHigh, Area: "compliance-governance", ServiceModel: "paas",
			Provider: "aws", Service: "cloudtrail", ResourceType: "aws_account", Frameworks: cis("4.1"),
			Remediation: "Create a multi-region trail (aws cloudtrail create-trail --is-multi-region-trail) and start logging on it.",
			Rationale:   "AWS runs CloudTrail, but whether API activity in the account is recorded at all is a setting the customer chooses.",
			DependsOn:   []string{"aws_cloudtrail_trail"}, Source: "policies/aws/cloudtrail/multi_region.rego",
		},
		{
			ID: "aws-cloudwatch-root-usage", Title: "Root account usage raises an alarm",
			Description: "A metric filter on the multi-region trail's log group matches root account usage, and an alarm with actions watches its metric.",
			Severity:    findings.SeverityLow, Area: "compliance-governance", ServiceModel: "paas",
			Provider: "aws", Service: "cloudwatch", ResourceType: "aws_account", Frameworks: cis("5.3"),
			Remediation: "Add the CIS 5.3 metric filter to the trail's log group and a CloudWatch alarm with an SNS action on its metric.",
			Rationale:   "AWS delivers the events; noticing that someone used the root identity is the customer's monitoring job.",
			DependsOn:   []string{"aws_cloudtrail_trail", "aws_logs_metric_filter", "aws_cloudwatch_alarm"},
			Source:      "policies/aws/cloudwatch/root_usage.rego",
		},
		{
			ID: "aws-ebs-default-encryption", Title: "EBS encryption by default is on",
			Description: "Every opted-in region encrypts new EBS volumes by default.",
			Severity:    findings.SeverityMedium, Area: "data-protection", ServiceModel: "iaas",
			Provider: "aws", Service: "ec2", ResourceType: "aws_region", Frameworks: cis("6.1.1"),
			Remediation: "Run aws ec2 enable-ebs-encryption-by-default in each region.",
			Rationale:   "AWS provides the disks and the encryption; turning it on for the customer's volumes is the customer's setting.",
			DependsOn:   []string{"ebs_encryption_by_default"}, Source: "policies/aws/ec2/ebs_default_encryption.rego",
		},
		{
			ID: "aws-ec2-imdsv2", Title: "EC2 instances require IMDSv2",
			Description: "Instances with the metadata service enabled require session tokens (IMDSv2).",
			Severity:    findings.SeverityHigh, Area: "application-security", ServiceModel: "iaas",
			Provider: "aws", Service: "ec2", ResourceType: "aws_ec2_instance", Frameworks: cis("6.7"),
			Remediation: "aws ec2 modify-instance-metadata-options --http-tokens required --instance-id <id>.",
			Rationale:   "With IaaS the instance configuration is the customer's: AWS offers IMDSv2, the customer has to require it.",
			DependsOn:   []string{"metadata_options"}, Source: "policies/aws/ec2/imdsv2.rego",
		},
		{
			ID: "aws-ec2-owner-tag", Title: "EC2 instances carry an Owner tag",
			Description: "Every instance has a non-empty Owner tag naming the team responsible for it.",
			Severity:    findings.SeverityInfo, Area: "compliance-governance", ServiceModel: "iaas",
			Provider: "aws", Service: "ec2", ResourceType: "aws_ec2_instance", Frameworks: map[string][]string{},
			Remediation: "Tag the instance: aws ec2 create-tags --resources <id> --tags Key=Owner,Value=<team>.",
			Rationale:   "Knowing who owns a workload is an organisational duty no provider can take over.",
			Source:      "custom/tags/owner_tag.rego",
		},
		{
			ID: "aws-ec2-sg-admin-ports-ipv4", Title: "Security groups do not open admin ports to 0.0.0.0/0",
			Description: "No ingress rule allows 0.0.0.0/0 to reach SSH (22) or RDP (3389).",
			Severity:    findings.SeverityHigh, Area: "network-controls", ServiceModel: "iaas",
			Provider: "aws", Service: "ec2", ResourceType: "aws_ec2_security_group", Frameworks: cis("6.3"),
			Remediation: "Remove the rule or narrow its source to known address ranges; prefer Session Manager to open SSH.",
			Rationale:   "AWS supplies the security group; its rules are always the customer's to configure.",
			DependsOn:   []string{"ingress_rules"}, Source: "policies/aws/ec2/sg_admin_ports_ipv4.rego",
		},
		{
			ID: "aws-iam-root-mfa", Title: "The root user has MFA",
			Description: "The account's root user has an MFA device.",
			Severity:    findings.SeverityCritical, Area: "user-access-management", ServiceModel: "saas",
			Provider: "aws", Service: "iam", ResourceType: "aws_account", Frameworks: cis("2.4"),
			Remediation: "Sign in as root and assign an MFA device (IAM console, Security credentials).",
			Rationale:   "AWS runs IAM; protecting the account's most powerful credential is the customer's part.",
			DependsOn:   []string{"root"}, Source: "policies/aws/iam/root_mfa.rego",
		},
		{
			ID: "aws-iam-user-key-rotation", Title: "Active access keys are rotated within 90 days",
			Description: "No IAM user has an Active access key created 90 or more days ago.",
			Severity:    findings.SeverityMedium, Area: "user-access-management", ServiceModel: "saas",
			Provider: "aws", Service: "iam", ResourceType: "aws_iam_user", Frameworks: cis("2.13"),
			Remediation: "Create a new key, move its users to it, then deactivate and delete the old one.",
			Rationale:   "AWS issues the keys; how long a key lives is the customer's credential hygiene.",
			DependsOn:   []string{"access_keys"}, Source: "policies/aws/iam/user_key_rotation.rego",
		},
		{
			ID: "aws-s3-block-public-access", Title: "S3 buckets block public access",
			Description: "Every bucket, or the whole account, has all four S3 Block Public Access settings on.",
			Severity:    findings.SeverityHigh, Area: "data-protection", ServiceModel: "paas",
			Provider: "aws", Service: "s3", ResourceType: "aws_s3_bucket", Frameworks: cis("3.1.4"),
			Remediation: "Turn on all four Block Public Access settings for the account (s3control put-public-access-block) or the bucket.",
			Rationale:   "AWS stores the objects and runs S3, but who may read them is configured by the customer.",
			DependsOn:   []string{"public_access_block", "aws_account.s3_public_access_block"},
			Source:      "policies/aws/s3/block_public_access.rego",
		},
		{
			ID: "aws-s3-mfa-delete", Title: "S3 buckets require MFA delete",
			Description: "Versioned buckets have MFA delete enabled.",
			Severity:    findings.SeverityLow, Area: "data-protection", ServiceModel: "paas",
			Provider: "aws", Service: "s3", ResourceType: "aws_s3_bucket", Frameworks: cis("3.1.2"),
			Remediation: "As root, run aws s3api put-bucket-versioning with MFADelete=Enabled.",
			Rationale:   "AWS keeps the versions; guarding them against deletion with a stolen key is the customer's choice.",
			DependsOn:   []string{"versioning"}, Source: "policies/aws/s3/mfa_delete.rego",
		},
		{
			ID: "aws-s3-public-acl-grants", Title: "S3 bucket ACLs grant nothing to everyone",
			Description: "No bucket ACL grants a permission to AllUsers or AuthenticatedUsers.",
			Severity:    findings.SeverityCritical, Area: "data-protection", ServiceModel: "paas",
			Provider: "aws", Service: "s3", ResourceType: "aws_s3_bucket", Frameworks: map[string][]string{},
			Remediation: "Remove the grant (aws s3api put-bucket-acl --acl private) and set object ownership to BucketOwnerEnforced.",
			Rationale:   "AWS enforces the ACL; what the ACL grants, and to whom, is the customer's decision.",
			DependsOn:   []string{"acl"}, Source: "policies/aws/s3/public_acl_grants.rego",
		},
	}
}

// fixtureReport builds a realistic report of two AWS accounts for format tests: eleven checks in
// all five areas and every severity, with pass, fail, error (collection failures) and waived
// results. The production account's snapshot is incomplete. Results are in engine order (by
// check), not sorted, so that writers have to sort them themselves.
func fixtureReport() *findings.Report {
	checks := fixtureChecks()
	byID := map[string]findings.Check{}
	for _, c := range checks {
		byID[c.ID] = c
	}
	// Resource names as the collector reports them: the account alias, Name tags, user names.
	names := map[string]string{
		"arn:aws:iam::" + fixtureAccountProd + ":root":                                            "acme-prod",
		"arn:aws:iam::" + fixtureAccountStaging + ":root":                                         fixtureAccountStaging,
		"arn:aws:ec2:us-east-1:" + fixtureAccountProd + ":instance/i-0123456789abcdef0":           "web-1",
		"arn:aws:ec2:eu-west-1:" + fixtureAccountProd + ":instance/i-0fedcba9876543210":           "batch-2",
		"arn:aws:ec2:us-east-1:" + fixtureAccountProd + ":security-group/sg-0a1b2c3d4e5f60718":    "launch-wizard-1",
		"arn:aws:ec2:us-east-1:" + fixtureAccountProd + ":security-group/sg-0123abcd":             "default",
		"arn:aws:ec2:eu-west-1:" + fixtureAccountProd + ":security-group/sg-0456cdef":             "app-lb",
		"arn:aws:ec2:us-east-1:" + fixtureAccountStaging + ":security-group/sg-0badc0ffee1234567": "bastion-temporary-access-for-migration",
		"arn:aws:iam::" + fixtureAccountProd + ":user/ci/deploy-bot":                              "deploy-bot",
	}
	var results []findings.Result
	add := func(checkID string, status findings.Status, account, region, resourceID, message string) *findings.Result {
		c, ok := byID[checkID]
		if !ok {
			panic("fixture: unknown check " + checkID)
		}
		name, ok := names[resourceID]
		if !ok {
			name = resourceShortName(resourceID) // buckets, regions and other users: the ARN's last part
		}
		results = append(results, findings.Result{
			CheckID: c.ID, Title: c.Title, Status: status, Severity: c.Severity, Area: c.Area,
			ServiceModel: c.ServiceModel, Provider: c.Provider, Account: account, Region: region,
			ResourceID: resourceID, ResourceName: name, ResourceType: c.ResourceType, Message: message,
			Frameworks: c.Frameworks, Remediation: c.Remediation,
			Fingerprint: findings.Fingerprint(c.ID, c.Provider, account, region, c.ResourceType, resourceID),
		})
		return &results[len(results)-1]
	}
	const (
		prod    = fixtureAccountProd
		staging = fixtureAccountStaging
	)
	prodRoot := "arn:aws:iam::" + prod + ":root"
	stagingRoot := "arn:aws:iam::" + staging + ":root"
	mediaErr := "could not evaluate: s3:GetBucketAcl failed for aws_s3_bucket arn:aws:s3:::acme-media in eu-west-1: AccessDenied: User: arn:aws:sts::123456789012:assumed-role/incloud-audit/session is not authorized to perform: s3:GetBucketAcl"

	// Production account (incomplete snapshot).
	add("aws-cloudtrail-multi-region", findings.StatusPass, prod, "global", prodRoot, "trail org-trail is multi-region, logging and records all management events")
	add("aws-cloudwatch-root-usage", findings.StatusFail, prod, "global", prodRoot, "no metric filter with an alarm watches root account usage on trail org-trail's log group")
	add("aws-ebs-default-encryption", findings.StatusFail, prod, "eu-west-1", "arn:aws:ec2:eu-west-1:"+prod+":region/eu-west-1", "EBS encryption by default is off in eu-west-1")
	add("aws-ebs-default-encryption", findings.StatusPass, prod, "us-east-1", "arn:aws:ec2:us-east-1:"+prod+":region/us-east-1", "EBS encryption by default is on in us-east-1")
	add("aws-ebs-default-encryption", findings.StatusError, prod, "ap-southeast-2", "arn:aws:ec2:ap-southeast-2:"+prod+":region/ap-southeast-2", "could not evaluate: ec2:GetEbsEncryptionByDefault failed for aws_region in ap-southeast-2: UnauthorizedOperation: You are not authorized to perform this operation.")
	add("aws-ec2-imdsv2", findings.StatusFail, prod, "us-east-1", "arn:aws:ec2:us-east-1:"+prod+":instance/i-0123456789abcdef0", "instance web-1 (i-0123456789abcdef0) allows IMDSv1 (http_tokens optional)")
	add("aws-ec2-imdsv2", findings.StatusPass, prod, "eu-west-1", "arn:aws:ec2:eu-west-1:"+prod+":instance/i-0fedcba9876543210", "instance batch-2 (i-0fedcba9876543210) requires IMDSv2")
	add("aws-ec2-owner-tag", findings.StatusFail, prod, "us-east-1", "arn:aws:ec2:us-east-1:"+prod+":instance/i-0123456789abcdef0", "instance web-1 (i-0123456789abcdef0) has no Owner tag")
	add("aws-ec2-owner-tag", findings.StatusPass, prod, "eu-west-1", "arn:aws:ec2:eu-west-1:"+prod+":instance/i-0fedcba9876543210", "instance batch-2 (i-0fedcba9876543210) has Owner tag data-eng")
	add("aws-ec2-sg-admin-ports-ipv4", findings.StatusFail, prod, "us-east-1", "arn:aws:ec2:us-east-1:"+prod+":security-group/sg-0a1b2c3d4e5f60718", "security group launch-wizard-1 (sg-0a1b2c3d4e5f60718) allows 0.0.0.0/0 to port 22")
	add("aws-ec2-sg-admin-ports-ipv4", findings.StatusPass, prod, "us-east-1", "arn:aws:ec2:us-east-1:"+prod+":security-group/sg-0123abcd", "security group default (sg-0123abcd) does not open admin ports")
	add("aws-ec2-sg-admin-ports-ipv4", findings.StatusPass, prod, "eu-west-1", "arn:aws:ec2:eu-west-1:"+prod+":security-group/sg-0456cdef", "security group app-lb (sg-0456cdef) does not open admin ports")
	add("aws-iam-root-mfa", findings.StatusFail, prod, "global", prodRoot, "the root user has no MFA device")
	add("aws-iam-user-key-rotation", findings.StatusFail, prod, "global", "arn:aws:iam::"+prod+":user/ci/deploy-bot", "user deploy-bot has active key AKIAIOSFODNN7EXAMPLE created 212 days ago")
	add("aws-iam-user-key-rotation", findings.StatusPass, prod, "global", "arn:aws:iam::"+prod+":user/alice", "user alice has no active key older than 90 days")
	add("aws-s3-block-public-access", findings.StatusFail, prod, "us-east-1", "arn:aws:s3:::acme-public-assets", "bucket acme-public-assets does not block public access")
	add("aws-s3-block-public-access", findings.StatusPass, prod, "us-east-1", "arn:aws:s3:::acme-logs", "bucket acme-logs blocks public access")
	add("aws-s3-block-public-access", findings.StatusError, prod, "eu-west-1", "arn:aws:s3:::acme-media", "could not evaluate: s3:GetPublicAccessBlock failed for aws_s3_bucket arn:aws:s3:::acme-media in eu-west-1: AccessDenied: Access Denied")
	add("aws-s3-mfa-delete", findings.StatusFail, prod, "us-east-1", "arn:aws:s3:::acme-public-assets", "bucket acme-public-assets does not have MFA delete enabled")
	add("aws-s3-mfa-delete", findings.StatusWaived, prod, "us-east-1", "arn:aws:s3:::acme-logs", "bucket acme-logs does not have MFA delete enabled").Waiver =
		&findings.Waiver{Reason: "log bucket is write-once through S3 Object Lock", Owner: "platform-team", Expires: "2026-12-31"}
	add("aws-s3-public-acl-grants", findings.StatusFail, prod, "us-east-1", "arn:aws:s3:::acme-public-assets", "bucket acme-public-assets grants READ to AllUsers")
	add("aws-s3-public-acl-grants", findings.StatusPass, prod, "us-east-1", "arn:aws:s3:::acme-logs", "bucket acme-logs grants nothing to everyone")
	add("aws-s3-public-acl-grants", findings.StatusError, prod, "eu-west-1", "arn:aws:s3:::acme-media", mediaErr)

	// Staging account (complete snapshot).
	add("aws-cloudtrail-multi-region", findings.StatusFail, staging, "global", stagingRoot, "no multi-region trail is logging (trail staging-trail is single-region)")
	add("aws-cloudwatch-root-usage", findings.StatusPass, staging, "global", stagingRoot, "metric filter RootUsage on log group /aws/cloudtrail/staging raises alarm root-usage")
	add("aws-ebs-default-encryption", findings.StatusPass, staging, "us-east-1", "arn:aws:ec2:us-east-1:"+staging+":region/us-east-1", "EBS encryption by default is on in us-east-1")
	add("aws-ec2-sg-admin-ports-ipv4", findings.StatusFail, staging, "us-east-1", "arn:aws:ec2:us-east-1:"+staging+":security-group/sg-0badc0ffee1234567", "security group bastion-temporary-access-for-migration (sg-0badc0ffee1234567) allows 0.0.0.0/0 to port 3389")
	add("aws-iam-root-mfa", findings.StatusPass, staging, "global", stagingRoot, "the root user has MFA")
	add("aws-iam-user-key-rotation", findings.StatusWaived, staging, "global", "arn:aws:iam::"+staging+":user/bob", "user bob has active key AKIAI44QH8DHBEXAMPLE created 97 days ago").Waiver =
		&findings.Waiver{Reason: "key retired with the legacy ETL job", Owner: "data-eng", Expires: "2026-03-13"}
	add("aws-s3-block-public-access", findings.StatusFail, staging, "eu-central-1", "arn:aws:s3:::globex-analytics-data-lake-raw-zone-eu-central-1-staging", "bucket globex-analytics-data-lake-raw-zone-eu-central-1-staging does not block public access")
	add("aws-s3-public-acl-grants", findings.StatusPass, staging, "eu-central-1", "arn:aws:s3:::globex-analytics-data-lake-raw-zone-eu-central-1-staging", "bucket globex-analytics-data-lake-raw-zone-eu-central-1-staging grants nothing to everyone")

	return &findings.Report{
		SchemaVersion: findings.ReportSchemaVersion,
		Tool:          findings.Tool{Name: "incloud", Version: "1.4.0"},
		GeneratedAt:   time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC),
		Targets: []findings.Target{
			{Provider: "aws", Account: prod, CollectedAt: time.Date(2026, 3, 1, 11, 40, 0, 0, time.UTC), Complete: false},
			{Provider: "aws", Account: staging, CollectedAt: time.Date(2026, 3, 1, 11, 45, 30, 0, time.UTC), Complete: true},
		},
		Summary:  findings.Summarize(results),
		Results:  results,
		Checks:   checks,
		Warnings: []string{"waiver for aws-iam-user-key-rotation on arn:aws:iam::210987654321:user/bob expires in 12 days (2026-03-13)"},
	}
}

// checkGolden compares got with testdata/<name>, or rewrites that file when -update is given.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *updateGolden {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatalf("create testdata: %v", err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatalf("update golden file: %v", err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test ./pkg/output/ -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test ./pkg/output/ -update if the change is intended)\n--- got ---\n%s", path, got)
	}
}

// render runs a registered format over a report and returns its output.
func render(t *testing.T, format string, r *findings.Report, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(format, &buf, r, opts); err != nil {
		t.Fatalf("write %s: %v", format, err)
	}
	return buf.Bytes()
}

// Accounts the fleet fixture adds: one whose audit role could not be assumed, one suspended.
const (
	fixtureAccountDenied    = "333333333333"
	fixtureAccountSuspended = "444444444444"
	fixtureDeniedReason     = "sts:AssumeRole on arn:aws:iam::333333333333:role/incloud-audit failed: AccessDenied: User: arn:aws:sts::123456789012:assumed-role/ci/runner is not authorized to perform: sts:AssumeRole"
	fixtureSuspendedReason  = "account status SUSPENDED"
)

// fixtureFleetReport is fixtureReport as a fleet run of an organization reports it: the two
// evaluated accounts (production incomplete, staging complete) with their names, a member whose
// audit role could not be assumed (a target with Error, never collected, whose account-level
// checks are error results with the same reason) and a suspended member (Skipped, no results).
func fixtureFleetReport() *findings.Report {
	r := fixtureReport()
	r.Targets[0].Name = "acme-prod"
	r.Targets[1].Name = "acme-staging"
	r.Targets = append(r.Targets,
		findings.Target{Provider: "aws", Account: fixtureAccountDenied, Name: "payments-sandbox", Error: fixtureDeniedReason},
		findings.Target{Provider: "aws", Account: fixtureAccountSuspended, Name: "old-marketing", Skipped: fixtureSuspendedReason},
	)
	byID := map[string]findings.Check{}
	for _, c := range r.Checks {
		byID[c.ID] = c
	}
	root := "arn:aws:iam::" + fixtureAccountDenied + ":root"
	for _, id := range []string{"aws-cloudtrail-multi-region", "aws-cloudwatch-root-usage", "aws-iam-root-mfa"} {
		c := byID[id]
		r.Results = append(r.Results, findings.Result{
			CheckID: c.ID, Title: c.Title, Status: findings.StatusError, Severity: c.Severity, Area: c.Area,
			ServiceModel: c.ServiceModel, Provider: c.Provider, Account: fixtureAccountDenied, Region: "global",
			ResourceID: root, ResourceName: "payments-sandbox", ResourceType: c.ResourceType,
			Message:    "could not evaluate: the account could not be collected: " + fixtureDeniedReason,
			Frameworks: c.Frameworks, Remediation: c.Remediation,
			Fingerprint: findings.Fingerprint(c.ID, c.Provider, fixtureAccountDenied, "global", c.ResourceType, root),
		})
	}
	r.Summary = findings.Summarize(r.Results)
	return r
}

// manyResults returns the fixture report with n results, the fixture's own repeated with unique
// resource ids, each then changed by edit (i counts from 0): more than writeInRuns encodes in
// one batch when n is several times encodeRun.
func manyResults(n int, edit func(i int, res *findings.Result)) *findings.Report {
	r := fixtureReport()
	base := r.Results
	r.Results = make([]findings.Result, 0, n)
	for i := 0; i < n; i++ {
		res := base[i%len(base)]
		res.ResourceID = fmt.Sprintf("%s-%d", res.ResourceID, i)
		edit(i, &res)
		r.Results = append(r.Results, res)
	}
	return r
}
