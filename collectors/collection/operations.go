package collection

import (
	"context"
	"fmt"
	"sort"
	"sync"
)

// Operation is one API operation a collector may call. Every call goes through Run.Call with
// its Operation, so the provider's registry lists every call the collector can make.
type Operation struct {
	// Service is the prefix of the operation's name in error entries and request logs (the
	// provider's permission namespace: "iam", "s3", "compute", "Microsoft.Storage").
	Service string
	// Action is the API operation (ListUsers, instances.list, storageAccounts/read).
	Action string
	// Permission is what authorizes the call (s3:GetEncryptionConfiguration for S3
	// GetBucketEncryption, compute.instances.list, Microsoft.Storage/storageAccounts/read).
	Permission string
	// ReadOnly is the provider's read-only rule applied at registration.
	ReadOnly bool
}

// Name is the operation as written in snapshot error entries and request logs: service:Action.
func (o *Operation) Name() string { return o.Service + ":" + o.Action }

// Operations is one provider's operation registry. Operations are registered at package
// initialisation, one variable each; `incloud permissions <provider>` prints what they need.
type Operations struct {
	readOnly func(Operation) bool

	mu     sync.Mutex
	byName map[string]*Operation
}

// NewOperations returns an empty registry whose operations are judged by readOnly (true when
// the operation and its permission only read).
func NewOperations(readOnly func(Operation) bool) *Operations {
	return &Operations{readOnly: readOnly, byName: map[string]*Operation{}}
}

// Register records an operation. permission "" means service:action. Registering the same
// name twice panics: each operation has one variable.
func (r *Operations) Register(service, action, permission string) *Operation {
	if permission == "" {
		permission = service + ":" + action
	}
	op := &Operation{Service: service, Action: action, Permission: permission}
	op.ReadOnly = r.readOnly(*op)
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.byName[op.Name()]; dup {
		panic("collection: operation registered twice: " + op.Name())
	}
	r.byName[op.Name()] = op
	return op
}

// IsReadOnly applies the registry's read-only rule to any operation (registered or not).
func (r *Operations) IsReadOnly(op Operation) bool { return r.readOnly(op) }

// All returns every registered operation, sorted by name.
func (r *Operations) All() []Operation {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Operation, 0, len(r.byName))
	for _, op := range r.byName {
		out = append(out, *op)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out
}

// Lookup returns the registered operation named service:Action.
func (r *Operations) Lookup(name string) (Operation, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	op, ok := r.byName[name]
	if !ok {
		return Operation{}, false
	}
	return *op, true
}

// Permissions returns the sorted, distinct permissions of every registered operation: what
// the least-privilege role of the collector must grant.
func (r *Operations) Permissions() []string {
	seen := map[string]bool{}
	var out []string
	for _, op := range r.All() {
		if !seen[op.Permission] {
			seen[op.Permission] = true
			out = append(out, op.Permission)
		}
	}
	sort.Strings(out)
	return out
}

type opKey struct{}

// WithOperation marks ctx as belonging to a call of op. Run.Call does it for every call; a
// provider's transport guard reads it back with OperationOf.
func WithOperation(ctx context.Context, op *Operation) context.Context {
	return context.WithValue(ctx, opKey{}, op)
}

// OperationOf returns the operation ctx was marked with, nil when none.
func OperationOf(ctx context.Context) *Operation {
	op, _ := ctx.Value(opKey{}).(*Operation)
	return op
}

// CheckCall is the heart of a provider's request guard: it refuses a request for op (nil: the
// request's operation is not registered; name says what it was) unless ctx belongs to a call
// made for exactly that operation. With the guard installed in every client, nothing
// unregistered is ever sent, so the registry is complete by construction.
func CheckCall(ctx context.Context, op *Operation, name string) error {
	if op == nil {
		return fmt.Errorf("%s is not a registered operation of the collector", name)
	}
	if OperationOf(ctx) != op {
		return fmt.Errorf("%s made outside a call registered for it", op.Name())
	}
	return nil
}
