package snapshot

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// BaseSchemaFile is the provider-neutral schema file, at the root of the schema directory, whose
// $defs hold what every resource type shares (id, name, region, tags). Resource-type schemas refer
// to it with {"$ref": "../resource.json#/$defs/<name>"}.
const BaseSchemaFile = "resource.json"

// Schemas holds the per-resource-type JSON Schemas of a schema directory
// (<dir>/<provider>/<resource type>.json, plus <dir>/resource.json), each with every $ref
// resolved, so that every reader (the full validator, the fast shape check, OPA's type checker)
// sees the same, self-contained schema.
type Schemas struct {
	// types maps a provider to its resource types, sorted.
	types map[string][]string
	// resolved maps a resource type to its schema with $refs inlined, as JSON.
	resolved map[string][]byte
	// props maps a resource type to its top-level attributes.
	props map[string]map[string]bool
	// provider maps a resource type to its provider, file to its schema file.
	provider, file map[string]string
	// singleton holds the types of which a snapshot has exactly one resource: the account
	// (project, subscription) itself (SingletonKeyword).
	singleton map[string]bool
}

// SingletonKeyword marks a resource-type schema whose type has exactly one resource per
// snapshot, the account (project, subscription, tenant) itself: {"x-incloud-singleton": true}.
// The checks of these types are the account-level checks, which report an account that could
// not be collected at all.
const SingletonKeyword = "x-incloud-singleton"

// LoadSchemas reads every <dir>/<provider>/<type>.json of fsys (for the built-in checks:
// policies.FS and "schemas") and resolves their $refs. A file's name is its resource type, which
// must start with "<provider>_". A $ref may name a definition of the same file ("#/$defs/x") or of
// another file of the directory ("../resource.json#/$defs/x"); nothing outside fsys is read.
func LoadSchemas(fsys fs.FS, dir string) (*Schemas, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("read schema directory %s: %w", dir, err)
	}
	s := &Schemas{types: map[string][]string{}, resolved: map[string][]byte{}, props: map[string]map[string]bool{}, provider: map[string]string{}, file: map[string]string{}, singleton: map[string]bool{}}
	docs := map[string]any{} // file path -> decoded document
	load := func(file string) (any, error) {
		if d, ok := docs[file]; ok {
			return d, nil
		}
		raw, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, fmt.Errorf("read schema: %w", err)
		}
		var d any
		if err := json.Unmarshal(raw, &d); err != nil {
			return nil, fmt.Errorf("schema %s: %w", file, err)
		}
		docs[file] = d
		return d, nil
	}
	for _, p := range entries {
		if !p.IsDir() {
			continue
		}
		provider := p.Name()
		files, err := fs.ReadDir(fsys, path.Join(dir, provider))
		if err != nil {
			return nil, fmt.Errorf("read schema directory %s: %w", path.Join(dir, provider), err)
		}
		for _, f := range files {
			if f.IsDir() || !strings.HasSuffix(f.Name(), ".json") {
				continue
			}
			file := path.Join(dir, provider, f.Name())
			typ := strings.TrimSuffix(f.Name(), ".json")
			if !strings.HasPrefix(typ, provider+"_") {
				return nil, fmt.Errorf("schema %s: resource type %q does not start with %q", file, typ, provider+"_")
			}
			if prev, dup := s.provider[typ]; dup {
				return nil, fmt.Errorf("schema %s: resource type %s is also defined for provider %s", file, typ, prev)
			}
			doc, err := load(file)
			if err != nil {
				return nil, err
			}
			res, err := resolveRefs(doc, file, load, 0)
			if err != nil {
				return nil, fmt.Errorf("schema %s: %w", file, err)
			}
			obj, ok := res.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("schema %s: want a JSON object", file)
			}
			delete(obj, "$defs")
			switch v := obj[SingletonKeyword].(type) {
			case nil:
			case bool:
				s.singleton[typ] = v
			default:
				return nil, fmt.Errorf("schema %s: %s must be true or false, got %v", file, SingletonKeyword, v)
			}
			props, _ := obj["properties"].(map[string]any)
			if len(props) == 0 {
				return nil, fmt.Errorf("schema %s: describes no properties", file)
			}
			s.props[typ] = map[string]bool{}
			for name := range props {
				s.props[typ][name] = true
			}
			b, err := json.Marshal(obj)
			if err != nil {
				return nil, fmt.Errorf("schema %s: %w", file, err)
			}
			s.resolved[typ] = b
			s.provider[typ] = provider
			s.file[typ] = file
			s.types[provider] = append(s.types[provider], typ)
		}
	}
	for _, ts := range s.types {
		sort.Strings(ts)
	}
	if len(s.resolved) == 0 {
		return nil, fmt.Errorf("no schemas found under %s/<provider>/", dir)
	}
	return s, nil
}

// resolveRefs returns a copy of v (a schema or part of one, read from file) with every
// {"$ref": ...} replaced by the definition it names. Keywords beside a $ref are not allowed, so
// that what a property means is always read in one place.
func resolveRefs(v any, file string, load func(string) (any, error), depth int) (any, error) {
	if depth > 32 {
		return nil, fmt.Errorf("$ref nested too deeply (a cycle?)")
	}
	switch v := v.(type) {
	case map[string]any:
		if ref, ok := v["$ref"]; ok {
			rs, ok := ref.(string)
			if !ok {
				return nil, fmt.Errorf("$ref must be a string, got %v", ref)
			}
			for k := range v {
				if k != "$ref" && k != "description" {
					return nil, fmt.Errorf("$ref %q: keyword %q beside $ref is not supported (put it in the definition)", rs, k)
				}
			}
			target, tfile, err := lookupRef(rs, file, load)
			if err != nil {
				return nil, err
			}
			return resolveRefs(target, tfile, load, depth+1)
		}
		out := make(map[string]any, len(v))
		for k, x := range v {
			r, err := resolveRefs(x, file, load, depth)
			if err != nil {
				return nil, err
			}
			out[k] = r
		}
		return out, nil
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			r, err := resolveRefs(x, file, load, depth)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	}
	return v, nil
}

// lookupRef finds the value a $ref of file names: "[relative file]#/json/pointer".
func lookupRef(ref, file string, load func(string) (any, error)) (any, string, error) {
	target, pointer, _ := strings.Cut(ref, "#")
	tfile := file
	if target != "" {
		if strings.Contains(target, ":") || path.IsAbs(target) {
			return nil, "", fmt.Errorf("$ref %q: only references to files of the schema directory are allowed", ref)
		}
		tfile = path.Join(path.Dir(file), target)
	}
	doc, err := load(tfile)
	if err != nil {
		return nil, "", fmt.Errorf("$ref %q: %w", ref, err)
	}
	cur := doc
	if pointer != "" {
		if !strings.HasPrefix(pointer, "/") {
			return nil, "", fmt.Errorf("$ref %q: want a JSON pointer after #", ref)
		}
		for _, seg := range strings.Split(pointer[1:], "/") {
			seg = strings.ReplaceAll(strings.ReplaceAll(seg, "~1", "/"), "~0", "~")
			m, ok := cur.(map[string]any)
			if !ok {
				return nil, "", fmt.Errorf("$ref %q: %q is not an object", ref, seg)
			}
			if cur, ok = m[seg]; !ok {
				return nil, "", fmt.Errorf("$ref %q: no %q in %s", ref, seg, tfile)
			}
		}
	}
	return cur, tfile, nil
}

// Providers returns the providers that have schemas, sorted.
func (s *Schemas) Providers() []string {
	out := make([]string, 0, len(s.types))
	for p := range s.types {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Types returns the resource types that have a schema for a provider, sorted.
func (s *Schemas) Types(provider string) []string {
	return append([]string(nil), s.types[provider]...)
}

// Singletons returns a provider's resource types that have exactly one resource per snapshot
// (SingletonKeyword), sorted.
func (s *Schemas) Singletons(provider string) []string {
	var out []string
	for _, t := range s.types[provider] {
		if s.singleton[t] {
			out = append(out, t)
		}
	}
	return out
}

// HasType reports whether a resource type has a schema.
func (s *Schemas) HasType(resourceType string) bool { _, ok := s.resolved[resourceType]; return ok }

// HasAttribute reports whether a resource type's schema defines a top-level attribute.
func (s *Schemas) HasAttribute(resourceType, attribute string) bool {
	return s.props[resourceType][attribute]
}

// Attributes returns a resource type's top-level attributes, sorted.
func (s *Schemas) Attributes(resourceType string) []string {
	out := make([]string, 0, len(s.props[resourceType]))
	for a := range s.props[resourceType] {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// Schema returns a fresh copy of a resource type's resolved schema as decoded JSON.
func (s *Schemas) Schema(resourceType string) (map[string]any, bool) {
	raw, ok := s.resolved[resourceType]
	if !ok {
		return nil, false
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		// The bytes were encoded by LoadSchemas; they cannot fail to decode.
		panic(fmt.Sprintf("decode schema %s: %v", resourceType, err))
	}
	return m, true
}
