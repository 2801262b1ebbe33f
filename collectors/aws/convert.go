package aws

import "time"

// Helpers turning SDK values into snapshot values, for every service.

func timeString(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func timeOrNil(t *time.Time) any {
	if t == nil || t.IsZero() {
		return nil
	}
	return timeString(*t)
}

func strOrNil(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func int32OrNil(p *int32) any {
	if p == nil {
		return nil
	}
	return int64(*p)
}

// nonNil returns ss, or an empty list when it is nil (JSON [] rather than null).
func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

// tagMap is the one tag converter: it turns any SDK's tag list into a snapshot tags object,
// kv giving a tag's key and value (every SDK has its own Tag type). Later tags win.
func tagMap[T any](tags []T, kv func(T) (key, value *string)) map[string]string {
	out := make(map[string]string, len(tags))
	for _, t := range tags {
		k, v := kv(t)
		out[deref(k)] = deref(v)
	}
	return out
}

// addTags adds the tags of one page to m (for paginated tag lists).
func addTags[T any](m map[string]string, tags []T, kv func(T) (key, value *string)) {
	for k, v := range tagMap(tags, kv) {
		m[k] = v
	}
}

// nameTag returns the Name tag, else fallback.
func nameTag(tags map[string]string, fallback string) string {
	if n, ok := tags["Name"]; ok && n != "" {
		return n
	}
	return fallback
}
