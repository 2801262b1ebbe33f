package engine

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/responsibility"
	"github.com/incloud/incloud/pkg/snapshot"
)

var (
	checkIDPattern  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+){2,}$`)
	knownCustomKeys = map[string]bool{
		"id": true, "severity": true, "area": true, "resource_type": true, "service_model": true,
		"frameworks": true, "remediation": true, "rationale": true, "depends_on": true,
		"pass_message": true, // optional, read by checkPassTemplate
	}
)

// dependency is one entry of a check's depends_on: an attribute of another resource type (or the
// whole type when attr is empty), or of the check's own type when own is set.
type dependency struct {
	own          bool
	resourceType string
	attr         string
}

// parseMetadata reads and validates a check's package annotation. file names the source in errors.
func parseMetadata(file string, m *ast.Module, schemas schemaIndex) (findings.Check, []dependency, error) {
	var ann *ast.Annotations
	for _, a := range m.Annotations {
		if a.Scope == "package" {
			ann = a
		}
	}
	fail := func(format string, args ...any) (findings.Check, []dependency, error) {
		return findings.Check{}, nil, fmt.Errorf("%s: invalid check metadata: %s", file, fmt.Sprintf(format, args...))
	}
	if ann == nil {
		return fail("no `# METADATA` annotation with `scope: package` (every check needs title, description and custom: id, severity, area, resource_type, service_model, frameworks, remediation, rationale, depends_on)")
	}
	if strings.TrimSpace(ann.Title) == "" {
		return fail("missing title")
	}
	if strings.TrimSpace(ann.Description) == "" {
		return fail("missing description")
	}
	c := ann.Custom
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !knownCustomKeys[k] {
			return fail("unknown custom key %q", k)
		}
	}
	str := func(key string) (string, error) {
		v, ok := c[key]
		if !ok {
			return "", fmt.Errorf("missing custom.%s", key)
		}
		s, ok := v.(string)
		if !ok || strings.TrimSpace(s) == "" {
			return "", fmt.Errorf("custom.%s must be a non-empty string, got %v", key, v)
		}
		return strings.TrimSpace(s), nil
	}
	var check findings.Check
	check.Title = strings.TrimSpace(ann.Title)
	check.Description = strings.TrimSpace(ann.Description)
	check.Source = file
	var err error
	if check.ID, err = str("id"); err != nil {
		return fail("%v", err)
	}
	if !checkIDPattern.MatchString(check.ID) {
		return fail("custom.id %q must look like <prefix>-<service>-<what> in lower case (aws-s3-block-public-access, acme-s3-owner-tag)", check.ID)
	}
	// The id's first part is a free prefix (the provider for built-in checks, a company name for
	// one's own); the second names the service.
	idPrefix, rest, _ := strings.Cut(check.ID, "-")
	check.Service, _, _ = strings.Cut(rest, "-")
	sev, err := str("severity")
	if err != nil {
		return fail("%v", err)
	}
	if check.Severity, err = findings.ParseSeverity(sev); err != nil || string(check.Severity) != sev {
		return fail("custom.severity %q is not one of critical, high, medium, low, info", sev)
	}
	if check.Area, err = str("area"); err != nil {
		return fail("%v", err)
	}
	if _, err := responsibility.LookupArea(check.Area); err != nil {
		return fail("custom.area: %v", err)
	}
	if check.ServiceModel, err = str("service_model"); err != nil {
		return fail("%v", err)
	}
	if _, err := responsibility.LookupServiceModel(check.ServiceModel); err != nil {
		return fail("custom.service_model: %v", err)
	}
	if check.ResourceType, err = str("resource_type"); err != nil {
		return fail("%v", err)
	}
	// The provider comes from the resource type (aws_s3_bucket is aws's). An id that starts with
	// a provider's name must be that provider's.
	check.Provider, _, _ = strings.Cut(check.ResourceType, "_")
	if !slices.Contains(snapshot.Providers, check.Provider) {
		return fail("custom.resource_type %q belongs to no known provider (want a type of %s)", check.ResourceType, strings.Join(snapshot.Providers, ", "))
	}
	if slices.Contains(snapshot.Providers, idPrefix) && idPrefix != check.Provider {
		return fail("custom.resource_type %q does not belong to provider %q of id %q", check.ResourceType, idPrefix, check.ID)
	}
	if !schemas.hasType(check.ResourceType) {
		return fail("custom.resource_type %q has no schema (known %s types: %s)", check.ResourceType, check.Provider, strings.Join(schemas.types(check.Provider), ", "))
	}
	if check.Remediation, err = str("remediation"); err != nil {
		return fail("%v", err)
	}
	if check.Rationale, err = str("rationale"); err != nil {
		return fail("%v", err)
	}
	fw, ok := c["frameworks"]
	if !ok {
		return fail("missing custom.frameworks (use {} when the check maps to no framework)")
	}
	check.Frameworks = map[string][]string{}
	fwm, ok := fw.(map[string]any)
	if !ok {
		return fail("custom.frameworks must be a map of framework key to a list of control ids")
	}
	for k, v := range fwm {
		list, ok := v.([]any)
		if !ok || len(list) == 0 {
			return fail("custom.frameworks.%s must be a non-empty list of control ids", k)
		}
		for _, id := range list {
			s, ok := id.(string)
			if !ok || s == "" {
				return fail("custom.frameworks.%s: control ids must be non-empty strings, got %v", k, id)
			}
			check.Frameworks[k] = append(check.Frameworks[k], s)
		}
	}
	depsRaw, ok := c["depends_on"]
	if !ok {
		return fail("missing custom.depends_on (the attributes the check reads)")
	}
	depList, ok := depsRaw.([]any)
	if !ok || len(depList) == 0 {
		return fail("custom.depends_on must be a non-empty list of attribute names")
	}
	var deps []dependency
	for _, d := range depList {
		s, ok := d.(string)
		if !ok || s == "" {
			return fail("custom.depends_on entries must be strings, got %v", d)
		}
		check.DependsOn = append(check.DependsOn, s)
		dep, err := parseDependency(s, check.ResourceType, schemas)
		if err != nil {
			return fail("custom.depends_on: %v", err)
		}
		deps = append(deps, dep)
	}
	return check, deps, nil
}

func parseDependency(s, ownType string, schemas schemaIndex) (dependency, error) {
	typ, attr, dotted := strings.Cut(s, ".")
	if schemas.hasType(typ) {
		if dotted && !schemas.hasAttr(typ, attr) {
			return dependency{}, fmt.Errorf("%q: %s has no attribute %q", s, typ, attr)
		}
		if typ == ownType {
			return dependency{own: true, resourceType: typ, attr: attr}, nil
		}
		return dependency{resourceType: typ, attr: attr}, nil
	}
	if dotted {
		return dependency{}, fmt.Errorf("%q: unknown resource type %q", s, typ)
	}
	if !schemas.hasAttr(ownType, s) {
		return dependency{}, fmt.Errorf("%q is neither an attribute of %s nor a resource type", s, ownType)
	}
	return dependency{own: true, resourceType: ownType, attr: s}, nil
}
