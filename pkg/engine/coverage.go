package engine

import (
	"fmt"
	"strings"

	"github.com/incloud/incloud/pkg/snapshot"
)

// coverage indexes a snapshot's collection errors so that each check can tell which of its
// results rest on data that could not be collected.
type coverage struct {
	byType map[string][]snapshot.CollectionError
	byID   map[string][]snapshot.CollectionError // key: type + "\x00" + resource id
}

func newCoverage(errs []snapshot.CollectionError) *coverage {
	c := &coverage{byType: map[string][]snapshot.CollectionError{}, byID: map[string][]snapshot.CollectionError{}}
	for _, e := range errs {
		c.byType[e.ResourceType] = append(c.byType[e.ResourceType], e)
		if e.ResourceID != "" {
			k := e.ResourceType + "\x00" + e.ResourceID
			c.byID[k] = append(c.byID[k], e)
		}
	}
	return c
}

// coversAttrs tells whether an error on a resource of the check's own type leaves an attribute
// the check reads unknown: an error naming no attributes leaves the whole resource unknown.
func coversAttrs(e snapshot.CollectionError, c *Check) bool {
	if len(e.Attributes) == 0 {
		return true
	}
	for _, d := range c.deps {
		if !d.own {
			continue
		}
		if d.attr == "" {
			return true
		}
		for _, a := range e.Attributes {
			if a == d.attr {
				return true
			}
		}
	}
	// A check that names no attribute of its own type reads only the identity of its resources
	// (id, name, region), which an attribute-level error leaves intact.
	return false
}

// resourceErrors explains why a resource's result cannot be trusted, or returns "".
func (cv *coverage) resourceErrors(c *Check, id string) string {
	var why []string
	for _, e := range cv.byID[c.ResourceType+"\x00"+id] {
		if coversAttrs(e, c) {
			why = append(why, describeError(e))
		}
	}
	// A list call that failed without a region leaves every resource of the type in doubt.
	for _, e := range cv.byType[c.ResourceType] {
		if e.ResourceID == "" && e.Region == "" {
			why = append(why, describeError(e))
		}
	}
	if len(why) == 0 {
		return ""
	}
	return "could not check: " + strings.Join(why, "; ")
}

// crossTypeErrors explains why every result of a check that reads other resource types is in
// doubt, or returns "".
func (cv *coverage) crossTypeErrors(c *Check) string {
	var why []string
	for _, d := range c.deps {
		if d.own {
			continue
		}
		for _, e := range cv.byType[d.resourceType] {
			if d.attr != "" && len(e.Attributes) > 0 && !contains(e.Attributes, d.attr) {
				continue
			}
			where := e.ResourceID
			if where == "" {
				where = "the " + d.resourceType + " list in " + regionOrAll(e.Region)
			}
			why = append(why, fmt.Sprintf("%s (%s)", describeError(e), where))
		}
	}
	if len(why) == 0 {
		return ""
	}
	return "could not check: depends on data that could not be collected: " + strings.Join(why, "; ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
