package collection

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/incloud/incloud/pkg/snapshot"
)

// Service is one collectable service of a provider. S is the provider's per-collection state
// (its type embedding *Run).
type Service[S any] struct {
	// Name is the --services name ("iam", "storage", "keyvault").
	Name string
	// Global services run once per collection (region "global"); the others once per region.
	Global bool
	// Owns lists what the service collects: whole resource types ("aws_kms_key") and
	// attributes of shared resources that other code creates ("aws_region.config",
	// "aws_account.password_policy"). When the service is left out of --services, each becomes
	// a NotCollected error entry, so that the checks reading it report error, not a pass on
	// data nobody looked at; when a collection is interrupted, every owned type is marked.
	Owns []string
	// New returns the service's value for one unit: a type holding the unit's clients whose
	// Start schedules the unit's tasks. It runs on the pool and must not block.
	New func(s S, u *Unit) Starter
}

// Starter is a service's value for one unit (one region, or the account for a global service).
type Starter interface {
	// Start schedules the unit's tasks with u.Go. It must not block.
	Start(u *Unit)
}

// Finisher is implemented by a service value that joins what its tasks found (names to ids,
// a report to its users). Finish runs once every task of every service has ended, in service
// order, with no task running: it may write resources directly.
type Finisher interface {
	Finish()
}

// Services is one provider's service registry. Services register at package initialisation.
type Services[S any] struct {
	provider string
	byName   map[string]Service[S]
}

// NewServices returns an empty registry; provider names the provider in messages ("AWS").
func NewServices[S any](provider string) *Services[S] {
	return &Services[S]{provider: provider, byName: map[string]Service[S]{}}
}

// Register adds a service. Registering a name twice panics.
func (set *Services[S]) Register(s Service[S]) {
	if _, dup := set.byName[s.Name]; dup {
		panic("collection: service registered twice: " + s.Name)
	}
	if s.New == nil || s.Name == "" {
		panic("collection: service without name or New: " + s.Name)
	}
	set.byName[s.Name] = s
}

// Names lists the registered services, sorted.
func (set *Services[S]) Names() []string {
	out := make([]string, 0, len(set.byName))
	for n := range set.byName {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Owns returns every service's owns declaration by service name.
func (set *Services[S]) Owns() map[string][]string {
	out := map[string][]string{}
	for n, s := range set.byName {
		out[n] = append([]string(nil), s.Owns...)
	}
	return out
}

// Select returns the named services (names as given to --services, any case; empty: all),
// sorted and without duplicates, or an error naming an unknown one.
func (set *Services[S]) Select(names []string) ([]Service[S], error) {
	if len(names) == 0 {
		names = set.Names()
	}
	seen := map[string]bool{}
	var out []Service[S]
	for _, n := range names {
		n = strings.ToLower(strings.TrimSpace(n))
		s, ok := set.byName[n]
		if !ok {
			return nil, fmt.Errorf("unknown %s service %q (known: %s)", set.provider, n, strings.Join(set.Names(), ", "))
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Plan is what Collect runs.
type Plan[S any] struct {
	// State is the provider's per-collection state, passed to every service's New.
	State S
	// Selected are the services to run (Select).
	Selected []Service[S]
	// Regions are the regions the regional services run in, sorted.
	Regions []string
	// Shared are the resources other code created whose attributes services own, by type
	// (aws_account: the account; aws_region: the collected regions). A left-out service's
	// owned attributes of these become NotCollected entries on each of them.
	Shared map[string][]snapshot.Resource
}

// Collect runs a collection on r: it records the scope and the NotCollected entries of the
// services left out, plans one unit per selected service and region (global services: one
// unit), runs every unit's Start on the pool, waits for every task, runs the Finish hooks,
// marks an interrupted collection (ctx canceled or past its deadline) with one "interrupted"
// error entry per type the collection was reading, and normalizes the snapshot.
func (set *Services[S]) Collect(r *Run, p Plan[S]) {
	names := make([]string, len(p.Selected))
	for i, s := range p.Selected {
		names[i] = s.Name
	}
	regions := p.Regions
	if regions == nil {
		regions = []string{}
	}
	r.snap.Scope = snapshot.Scope{Regions: regions, Services: names}
	set.recordNotCollected(r, p)

	var units []*Unit
	svcOf := map[*Unit]Service[S]{}
	for _, s := range p.Selected {
		if s.Global {
			u := &Unit{Service: s.Name, Region: snapshot.GlobalRegion, Label: s.Name, r: r}
			units = append(units, u)
			svcOf[u] = s
			continue
		}
		for _, reg := range regions {
			u := &Unit{Service: s.Name, Region: reg, Label: s.Name + " in " + reg, r: r}
			units = append(units, u)
			svcOf[u] = s
		}
	}
	r.progress.Planned(len(units))
	var (
		mu        sync.Mutex
		finishers = map[*Unit]Finisher{}
	)
	for _, u := range units {
		s := svcOf[u]
		u.Go(func(context.Context) {
			v := s.New(p.State, u)
			if f, ok := v.(Finisher); ok {
				mu.Lock()
				finishers[u] = f
				mu.Unlock()
			}
			v.Start(u)
		})
	}
	r.wg.Wait()
	for _, u := range units { // service order, then region order
		if f := finishers[u]; f != nil {
			f.Finish()
		}
	}
	if err := r.ctx.Err(); err != nil {
		code := "Interrupted"
		if errors.Is(err, context.DeadlineExceeded) {
			code = "DeadlineExceeded"
		}
		// Which attributes were still unread is unknown (a null can also mean "not
		// configured"), so the interruption covers every type the collection was reading:
		// their checks report error, never a pass on half-read data.
		msg := fmt.Sprintf("collection was interrupted (%v): resources and attributes not yet read are missing", err)
		for _, typ := range interruptedTypes(p) {
			r.snap.AddError(snapshot.CollectionError{ResourceType: typ, Operation: "incloud:Collect", Code: code, Message: msg})
		}
	}
	r.snap.Normalize()
}

// recordNotCollected records, for every registered service left out of the plan, an error for
// each resource type it owns and, on each shared resource, one for the attributes it owns.
func (set *Services[S]) recordNotCollected(r *Run, p Plan[S]) {
	chosen := map[string]bool{}
	for _, s := range p.Selected {
		chosen[s.Name] = true
	}
	sharedTypes := make([]string, 0, len(p.Shared))
	for typ := range p.Shared {
		sharedTypes = append(sharedTypes, typ)
	}
	sort.Strings(sharedTypes)
	for _, name := range set.Names() {
		if chosen[name] {
			continue
		}
		msg := fmt.Sprintf("service %s was not collected (it is not in --services)", name)
		e := snapshot.CollectionError{Operation: "incloud:Collect", Code: "NotCollected", Message: msg}
		attrs := map[string][]string{}
		for _, o := range set.byName[name].Owns {
			typ, attr, isAttr := strings.Cut(o, ".")
			if isAttr {
				attrs[typ] = append(attrs[typ], attr)
				continue
			}
			e.ResourceType, e.ResourceID, e.Region, e.Attributes = typ, "", "", nil
			r.snap.AddError(e)
		}
		for _, typ := range sharedTypes {
			if len(attrs[typ]) == 0 {
				continue
			}
			for _, res := range p.Shared[typ] {
				e.ResourceType, e.ResourceID, e.Region, e.Attributes = typ, res.ID(), res.Region(), attrs[typ]
				r.snap.AddError(e)
			}
		}
	}
}

// interruptedTypes lists, sorted, the resource types an interrupted collection leaves in
// doubt: the shared types and every type the selected services own.
func interruptedTypes[S any](p Plan[S]) []string {
	set := map[string]bool{}
	for typ := range p.Shared {
		set[typ] = true
	}
	for _, s := range p.Selected {
		for _, o := range s.Owns {
			typ, _, _ := strings.Cut(o, ".")
			set[typ] = true
		}
	}
	out := make([]string, 0, len(set))
	for t := range set {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}
