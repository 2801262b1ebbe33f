package snapshot

// Covers is the one rule deciding whether a collection error applies to a resource: an error
// covers every resource of its type in its scope. Scope is the resource itself when the error
// names a resource id; else the error's region ("us-east-1"); else, when the region is "" or
// "global", the whole type (the account, project or subscription). Which of the resource's
// attributes it leaves unknown is CollectionError.LeavesUnknown.
func (e CollectionError) Covers(resourceType, id, region string) bool {
	if e.ResourceType != resourceType {
		return false
	}
	if e.ResourceID != "" {
		return e.ResourceID == id
	}
	return e.Region == "" || e.Region == GlobalRegion || e.Region == region
}

// LeavesUnknown tells whether the error leaves an attribute unknown on the resources it covers:
// the attributes it names, or every attribute when it names none. attr "" asks about the
// resource as a whole (any attribute).
func (e CollectionError) LeavesUnknown(attr string) bool {
	if len(e.Attributes) == 0 || attr == "" {
		return true
	}
	for _, a := range e.Attributes {
		if a == attr {
			return true
		}
	}
	return false
}

// Coverage indexes collection errors for the Covers rule, so that asking about one resource
// costs the errors on that resource plus those scoped to a region or the whole type.
type Coverage struct {
	byType map[string][]CollectionError
	byID   map[string][]CollectionError // key: type + "\x00" + resource id
	scoped map[string][]CollectionError // resource_id "": per type
}

// NewCoverage indexes errs.
func NewCoverage(errs []CollectionError) *Coverage {
	c := &Coverage{byType: map[string][]CollectionError{}, byID: map[string][]CollectionError{}, scoped: map[string][]CollectionError{}}
	for _, e := range errs {
		c.byType[e.ResourceType] = append(c.byType[e.ResourceType], e)
		if e.ResourceID != "" {
			k := e.ResourceType + "\x00" + e.ResourceID
			c.byID[k] = append(c.byID[k], e)
		} else {
			c.scoped[e.ResourceType] = append(c.scoped[e.ResourceType], e)
		}
	}
	return c
}

// Covering returns the errors that cover a resource (Covers), those naming it first.
func (c *Coverage) Covering(resourceType, id, region string) []CollectionError {
	if len(c.byType[resourceType]) == 0 {
		return nil // the common case: nothing failed for the type
	}
	own := c.byID[resourceType+"\x00"+id]
	scoped := c.scoped[resourceType]
	if len(scoped) == 0 {
		return own
	}
	out := append([]CollectionError(nil), own...)
	for _, e := range scoped {
		if e.Covers(resourceType, id, region) {
			out = append(out, e)
		}
	}
	return out
}

// OfType returns every error on a resource type.
func (c *Coverage) OfType(resourceType string) []CollectionError { return c.byType[resourceType] }

// Unread returns the attributes of a resource that errors covering it left unknown, which may
// therefore be null whatever their schema says. The key "" stands for every attribute (an error
// naming none). nil means none.
func (c *Coverage) Unread(resourceType, id, region string) map[string]bool {
	var out map[string]bool
	for _, e := range c.Covering(resourceType, id, region) {
		if out == nil {
			out = map[string]bool{}
		}
		if len(e.Attributes) == 0 {
			out[""] = true
		}
		for _, a := range e.Attributes {
			out[a] = true
		}
	}
	return out
}
