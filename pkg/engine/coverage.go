package engine

import (
	"fmt"
	"strings"

	"github.com/incloud/incloud/pkg/snapshot"
)

// Which errors apply to which resource is snapshot.Coverage's rule (CollectionError.Covers); this
// file decides which of them a check reads, from its depends_on.

// coversAttrs tells whether an error on a resource of the check's own type leaves an attribute
// the check reads unknown: an error naming no attributes leaves the whole resource unknown.
func coversAttrs(e snapshot.CollectionError, c *Check) bool {
	if len(e.Attributes) == 0 {
		return true
	}
	for _, d := range c.deps {
		if d.own && e.LeavesUnknown(d.attr) {
			return true
		}
	}
	// A check that names no attribute of its own type reads only the identity of its resources
	// (id, name, region), which an attribute-level error leaves intact.
	return false
}

// resourceErrors explains why a resource's result cannot be trusted, or returns "": an error
// covering the resource (its id, its region or its whole type) that leaves an attribute the check
// reads unknown.
func resourceErrors(cov *snapshot.Coverage, c *Check, r snapshot.Ref) string {
	var why []string
	for _, e := range cov.Covering(c.ResourceType, r.ID, r.Region) {
		if coversAttrs(e, c) {
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
func crossTypeErrors(cov *snapshot.Coverage, c *Check) string {
	var why []string
	for _, d := range c.deps {
		if d.own {
			continue
		}
		for _, e := range cov.OfType(d.resourceType) {
			if !e.LeavesUnknown(d.attr) {
				continue
			}
			where := e.ResourceID
			if where == "" {
				where = "the " + d.resourceType + " list in " + regionOrAll(e.Region)
				if len(e.Attributes) > 0 {
					where = d.resourceType + " " + strings.Join(e.Attributes, ", ") + " in " + regionOrAll(e.Region)
				}
			}
			why = append(why, fmt.Sprintf("%s (%s)", describeError(e), where))
		}
	}
	if len(why) == 0 {
		return ""
	}
	return "could not check: depends on data that could not be collected: " + strings.Join(why, "; ")
}
