package aws

import (
	"context"
	"strings"

	"github.com/aws/smithy-go/middleware"

	"github.com/incloud/incloud/collectors/collection"
)

// operations is the AWS operation registry: every call the collector makes goes through
// run.Call with a registered operation, and an SDK middleware (registryGuard) refuses any
// request whose operation is not the one the call was made for, so the registry is complete by
// construction.
var operations = collection.NewOperations(isReadOnly)

// bySDK maps the SDK's "ServiceID/Operation" (what the guard sees) to the registered
// operation. Written only at package initialisation.
var bySDK = map[string]*collection.Operation{}

// register records an operation at package initialisation: sdkService is the SDK's ServiceID
// ("IAM", "S3 Control"), service the IAM prefix used in error entries and request counts
// ("s3control" for the S3 Control API), permission the IAM action when it is not
// service:action.
func register(sdkService, service, action, permission string) *collection.Operation {
	op := operations.Register(service, action, permission)
	bySDK[sdkService+"/"+action] = op
	return op
}

// isReadOnly is the AWS read-only rule: List*, Get*, Describe* in the action and in the
// permission, plus iam:GenerateCredentialReport (which only prepares the report
// GetCredentialReport reads) and sts:AssumeRole (organization mode: temporary credentials of
// a member's audit role; it changes nothing).
func isReadOnly(op collection.Operation) bool {
	if op.Name() == "iam:GenerateCredentialReport" || op.Name() == "sts:AssumeRole" {
		return true
	}
	for _, a := range []string{op.Action, op.Permission[strings.Index(op.Permission, ":")+1:]} {
		if !strings.HasPrefix(a, "List") && !strings.HasPrefix(a, "Get") && !strings.HasPrefix(a, "Describe") {
			return false
		}
	}
	return true
}

// Operations returns every registered operation, sorted by name.
func Operations() []collection.Operation { return operations.All() }

// LookupOperation returns the registered operation named service:Action.
func LookupOperation(name string) (collection.Operation, bool) { return operations.Lookup(name) }

// PolicyDocument is an IAM policy document.
type PolicyDocument struct {
	Version   string            `json:"Version"`
	Statement []PolicyStatement `json:"Statement"`
}

// PolicyStatement is one statement of a PolicyDocument.
type PolicyStatement struct {
	Sid      string   `json:"Sid"`
	Effect   string   `json:"Effect"`
	Action   []string `json:"Action"`
	Resource string   `json:"Resource"`
}

// MinimalPolicy is the least-privilege IAM policy that lets the collector make every call it can
// make in one account, and nothing else. The organization-mode calls (organizations.go) are
// not in it: they belong to the auditing principal (OrganizationPolicy), never to a member's
// audit role, which must not be able to assume other roles.
func MinimalPolicy() PolicyDocument {
	var acts []string
	for _, a := range operations.Permissions() {
		if !isFleetPermission(a) {
			acts = append(acts, a)
		}
	}
	return PolicyDocument{
		Version: "2012-10-17",
		Statement: []PolicyStatement{{
			Sid:      "IncloudReadOnlyAudit",
			Effect:   "Allow",
			Action:   acts,
			Resource: "*",
		}},
	}
}

// registryGuard is an SDK middleware that refuses a request whose operation is not registered
// or is not the operation the surrounding run.Call was made for.
var registryGuard = middleware.InitializeMiddlewareFunc("incloudOperationRegistry",
	func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
		sdkService, action := middleware.GetServiceID(ctx), middleware.GetOperationName(ctx)
		if err := collection.CheckCall(ctx, bySDK[sdkService+"/"+action], sdkService+" "+action); err != nil {
			return middleware.InitializeOutput{}, middleware.Metadata{}, err
		}
		return next.HandleInitialize(ctx, in)
	})

func addRegistryGuard(stack *middleware.Stack) error {
	return stack.Initialize.Add(registryGuard, middleware.Before)
}

type middlewareStack = middleware.Stack
