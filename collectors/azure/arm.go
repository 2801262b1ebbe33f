package azure

import (
	"context"

	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

// listARM lists the subscription's resources at path (below /subscriptions/<id>, with its
// api-version) in one call of op, converts each with convert and adds it as typ; then, for each
// resource, it schedules follow (nil: none). A failed list is an error entry for the whole type.
func listARM[T any](ctx context.Context, r *run, u *collection.Unit, op *collection.Operation, typ, path string,
	convert func(T) snapshot.Resource, follow func(res snapshot.Resource)) {
	r.Call(ctx, op, collection.ListTarget(typ, ""), func(ctx context.Context) error {
		list, err := listAll[T](ctx, r.arm, r.subscriptionPath()+path)
		if err != nil {
			return err
		}
		for _, item := range list {
			res := convert(item)
			r.Add(typ, res)
			if follow != nil {
				follow(res)
			}
		}
		return nil
	})
}

// followARM GETs the resource's sub-path in one call of op and lets set write what it read;
// a failure is an error entry on the resource for attrs.
func followARM[T any](ctx context.Context, r *run, op *collection.Operation, typ string, res snapshot.Resource, path string, attrs []string, set func(T)) {
	t := collection.Target{Type: typ, ID: r.ID(res), Region: r.Region(res), Attrs: attrs}
	r.Call(ctx, op, t, func(ctx context.Context) error {
		var v T
		if err := r.arm.get(ctx, r.ID(res)+path, &v); err != nil {
			return err
		}
		set(v)
		return nil
	})
}

// privateEndpoints converts ARM privateEndpointConnections.
type privateEndpointConnections []struct {
	Name       string `json:"name"`
	Properties struct {
		PrivateLinkServiceConnectionState struct {
			Status string `json:"status"`
		} `json:"privateLinkServiceConnectionState"`
	} `json:"properties"`
}

func (p privateEndpointConnections) value() []any {
	out := []any{}
	for _, pe := range p {
		out = append(out, map[string]any{"name": pe.Name, "status": pe.Properties.PrivateLinkServiceConnectionState.Status})
	}
	return out
}

// strings converts a string list to a snapshot list ([] when empty).
func stringList(l []string) []any {
	out := []any{}
	for _, s := range l {
		out = append(out, s)
	}
	return out
}
