// Package synth builds large synthetic snapshots for benchmarks: a template snapshot's resources
// replicated under unique ids and names, in the template's mix of types, so that every generated
// resource has exactly the collector's shape.
package synth

import (
	"fmt"
	"sort"
	"strings"

	"github.com/incloud/incloud/pkg/snapshot"
)

// AccountScoped are the AWS types an account has a handful of whatever its size (one account,
// one per region, a few trails and their alarms): Generate keeps the template's and scales the
// rest.
var AccountScoped = map[string]bool{
	"aws_account": true, "aws_region": true, "aws_cloudtrail_trail": true,
	"aws_logs_metric_filter": true, "aws_cloudwatch_alarm": true,
}

// Generate returns a snapshot of n resources (at least the account-scoped ones): the template's
// account-scoped resources as they are, then copies of its other resources in turn (sorted by
// type) with unique ids and names, and the template's collection errors. The template is not
// modified.
func Generate(tmpl *snapshot.Snapshot, n int) (*snapshot.Snapshot, error) {
	type template struct {
		typ string
		r   snapshot.Resource
	}
	types := make([]string, 0, len(tmpl.Resources))
	for t := range tmpl.Resources {
		types = append(types, t)
	}
	sort.Strings(types)
	var templates []template
	out := snapshot.New(tmpl.Provider, tmpl.Account, tmpl.CollectedAt)
	out.Collector = tmpl.Collector
	out.Scope = tmpl.Scope
	for _, t := range types {
		if AccountScoped[t] {
			out.Resources[t] = tmpl.Resources[t]
			n -= len(tmpl.Resources[t])
			continue
		}
		for _, r := range tmpl.Resources[t] {
			templates = append(templates, template{t, r})
		}
	}
	if len(templates) == 0 && n > 0 {
		return nil, fmt.Errorf("synth: the template has no resources to replicate")
	}
	for i := 0; i < n; i++ {
		tp := templates[i%len(templates)]
		u := uniquifier{
			suffix: fmt.Sprintf("-%d", i),
			oldID:  tp.r.ID(), newID: fmt.Sprintf("%s-%d", tp.r.ID(), i),
		}
		if name, _ := tp.r["name"].(string); name != "" {
			u.oldName, u.newName = name, fmt.Sprintf("%s-%d", name, i)
		}
		clone := u.value("", map[string]any(tp.r)).(map[string]any)
		clone["id"], clone["name"] = u.newID, u.newName
		out.Add(tp.typ, clone)
	}
	for _, e := range tmpl.Errors {
		out.AddError(e)
	}
	return out, nil
}

// uniquifier deep-copies a template resource so that no two generated resources share nested
// content: references to the template's id or name (a bucket policy's Resource ARNs) follow the
// clone, and every nested identifier (*_id: access keys, rule and entry ids, ...) becomes unique.
// Otherwise OPA would evaluate each distinct nested value once and a benchmark would flatter it.
type uniquifier struct {
	suffix                         string
	oldID, newID, oldName, newName string
}

func (u uniquifier) value(key string, v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = u.value(k, x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = u.value(key, x)
		}
		return out
	case string:
		pairs := []string{u.oldID, u.newID}
		if u.oldName != "" {
			pairs = append(pairs, u.oldName, u.newName)
		}
		// One pass: the id often contains the name, and must not be renamed twice.
		s := strings.NewReplacer(pairs...).Replace(v)
		if strings.HasSuffix(key, "_id") && s != "" && s == v {
			s += u.suffix
		}
		return s
	}
	return v
}
