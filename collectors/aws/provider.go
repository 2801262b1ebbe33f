package aws

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/incloud/incloud/collectors"
)

func init() {
	collectors.Register(collectors.Provider{
		Name:    "aws",
		Title:   "AWS",
		Account: "AWS account",
		CollectHelp: `Collects one AWS account's customer-side configuration into a snapshot: IAM, S3 and the
other services of --services, in every enabled region (or --regions). Credentials and endpoints come
from the SDK's standard chain; AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> are honoured. Every
call that fails (AccessDenied, throttling that outlasts the retries, a timeout) is recorded in the
snapshot's errors and the collection goes on. Ctrl-C or --timeout stops it cleanly and writes what
was collected, marked incomplete.`,
		Services: ServiceNames,
		Flags: []collectors.Flag{{Name: "profile",
			Usage: "shared config profile (default: the SDK's standard chain: environment, AWS_PROFILE, SSO, web identity, instance role)"}},
		RegionsHelp:  "every region enabled for the account",
		EndpointHelp: "AWS's endpoints, or AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE>",
		New: func(ctx context.Context, flags map[string]string, opts collectors.Options) (collectors.Collector, error) {
			cfg, err := loadAndCheckConfig(ctx, flags["profile"], opts.Debug)
			if err != nil {
				return nil, err
			}
			return New(cfg, opts), nil
		},
		PermissionsHelp: `Prints the IAM policy JSON that grants exactly the API actions the AWS collector can call: every
one a List, Get or Describe action, plus iam:GenerateCredentialReport. Attach it to the auditing role
instead of broad managed policies.`,
		Permissions: func(w io.Writer) error {
			data, err := json.MarshalIndent(MinimalPolicy(), "", "  ")
			if err != nil {
				return fmt.Errorf("encode policy: %w", err)
			}
			_, err = fmt.Fprintf(w, "%s\n", data)
			return err
		},
		OrganizationPermissions: writeOrganizationPermissions,
		OrganizationHelp: collectors.OrganizationHelp{
			Organization: "print what auditing the whole AWS Organization needs: the auditing principal's policies (organizations:ListAccounts, DescribeOrganization, sts:AssumeRole) and a CloudFormation template of the member role, StackSet-ready",
			Role:         "with --organization: the name of the IAM role in every member account (the --role of scan aws --organization)",
			Principal:    "with --organization: the ARN of the role or user that runs incloud in the management or delegated administrator account (the member role trusts it)",
		},
		FleetFlags: fleetFlags,
		Fleet:      newFleet,
	})
}

// writeOrganizationPermissions prints, as one JSON document, the policies of the auditing
// principal (organization mode's calls, and the read-only policy for its own account) and the
// CloudFormation template of the member role (deploy it with a StackSet).
func writeOrganizationPermissions(w io.Writer, role, principal string) error {
	tmpl, err := MemberRoleTemplate(role, principal)
	if err != nil {
		return fmt.Errorf("encode the member role template: %w", err)
	}
	doc := struct {
		Principal []PolicyDocument `json:"auditing_principal_policies"`
		Template  json.RawMessage  `json:"member_role_template"`
	}{[]PolicyDocument{OrganizationPolicy(role), MinimalPolicy()}, tmpl}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return fmt.Errorf("encode policy: %w", err)
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}
