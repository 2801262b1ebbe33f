package aws

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/aws/smithy-go/middleware"
)

// Operation is one AWS API operation the collector may call. Every call the collector makes goes
// through run.call with a registered Operation; an SDK middleware refuses any request whose
// operation is not the one the call was made for, so the registry is complete by construction.
type Operation struct {
	// SDKService is the SDK's service id ("IAM", "S3", "S3 Control", "EC2", ...).
	SDKService string
	// Service is the prefix in error entries and request counts: the IAM service prefix
	// ("iam", "s3", "ec2", "logs", ...), except "s3control" for the S3 Control API.
	Service string
	// Action is the API operation name (ListUsers).
	Action string
	// Permission is the IAM action that authorizes the call (s3:GetEncryptionConfiguration for
	// S3 GetBucketEncryption).
	Permission string
}

// Name is the operation as written in snapshot error entries: service:Action.
func (o *Operation) Name() string { return o.Service + ":" + o.Action }

var registry = struct {
	sync.Mutex
	byName map[string]*Operation
	bySDK  map[string]*Operation
}{byName: map[string]*Operation{}, bySDK: map[string]*Operation{}}

// register records an operation at package initialisation. permission "" means
// service:Action. Registering the same operation twice panics: each has one variable.
func register(sdkService, service, action, permission string) *Operation {
	if permission == "" {
		permission = service + ":" + action
	}
	op := &Operation{SDKService: sdkService, Service: service, Action: action, Permission: permission}
	registry.Lock()
	defer registry.Unlock()
	if _, dup := registry.byName[op.Name()]; dup {
		panic("aws: operation registered twice: " + op.Name())
	}
	registry.byName[op.Name()] = op
	registry.bySDK[sdkService+"/"+action] = op
	return op
}

// Operations returns every registered operation, sorted by name.
func Operations() []Operation {
	registry.Lock()
	defer registry.Unlock()
	out := make([]Operation, 0, len(registry.byName))
	for _, op := range registry.byName {
		out = append(out, *op)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out
}

// LookupOperation returns the registered operation named service:Action.
func LookupOperation(name string) (Operation, bool) {
	registry.Lock()
	defer registry.Unlock()
	op, ok := registry.byName[name]
	if !ok {
		return Operation{}, false
	}
	return *op, true
}

// Permissions returns the sorted, distinct IAM actions that grant every registered operation.
func Permissions() []string {
	seen := map[string]bool{}
	var out []string
	for _, op := range Operations() {
		if !seen[op.Permission] {
			seen[op.Permission] = true
			out = append(out, op.Permission)
		}
	}
	sort.Strings(out)
	return out
}

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
// make, and nothing else.
func MinimalPolicy() PolicyDocument {
	return PolicyDocument{
		Version: "2012-10-17",
		Statement: []PolicyStatement{{
			Sid:      "IncloudReadOnlyAudit",
			Effect:   "Allow",
			Action:   Permissions(),
			Resource: "*",
		}},
	}
}

// IsReadOnly reports whether an operation only reads: List*, Get*, Describe*, plus
// iam:GenerateCredentialReport (which only prepares the report GetCredentialReport reads).
func (o *Operation) IsReadOnly() bool {
	if o.Name() == "iam:GenerateCredentialReport" {
		return true
	}
	for _, a := range []string{o.Action, o.Permission[strings.Index(o.Permission, ":")+1:]} {
		if !strings.HasPrefix(a, "List") && !strings.HasPrefix(a, "Get") && !strings.HasPrefix(a, "Describe") {
			return false
		}
	}
	return true
}

type opKey struct{}

// withOperation marks ctx as belonging to a call of op.
func withOperation(ctx context.Context, op *Operation) context.Context {
	return context.WithValue(ctx, opKey{}, op)
}

// registryGuard is an SDK middleware that refuses a request whose operation is not registered
// or is not the operation the surrounding run.call was made for.
var registryGuard = middleware.InitializeMiddlewareFunc("incloudOperationRegistry",
	func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
		sdkService, action := middleware.GetServiceID(ctx), middleware.GetOperationName(ctx)
		registry.Lock()
		op := registry.bySDK[sdkService+"/"+action]
		registry.Unlock()
		if op == nil {
			return middleware.InitializeOutput{}, middleware.Metadata{}, fmt.Errorf("%s %s is not a registered operation of the collector", sdkService, action)
		}
		if want, _ := ctx.Value(opKey{}).(*Operation); want != op {
			return middleware.InitializeOutput{}, middleware.Metadata{}, fmt.Errorf("%s made outside a call registered for it", op.Name())
		}
		return next.HandleInitialize(ctx, in)
	})

func addRegistryGuard(stack *middleware.Stack) error {
	return stack.Initialize.Add(registryGuard, middleware.Before)
}

type middlewareStack = middleware.Stack
