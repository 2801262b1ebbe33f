// Package policies embeds the built-in Rego checks, their shared library and the snapshot
// resource-type JSON Schemas that the checks are type-checked against.
package policies

import "embed"

// FS holds lib/, schemas/, frameworks/ (the control catalogues) and one directory per provider.
//
//go:embed lib aws azure gcp schemas frameworks
var FS embed.FS
