package main

import (
	"github.com/spf13/pflag"

	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/selection"
)

// selectFlags choose the checks that run (eval, scan) or are listed (policies list).
type selectFlags struct {
	checks, skip, areas []string
	severity, framework string
}

func (f *selectFlags) register(fs *pflag.FlagSet) {
	fs.StringArrayVar(&f.checks, "checks", nil, "only these checks: ids or globs, comma-separated or repeated (aws-s3-*)")
	fs.StringArrayVar(&f.skip, "skip-checks", nil, "leave out these checks: ids or globs, comma-separated or repeated; listed in the report as skipped")
	fs.StringVar(&f.severity, "severity", "", "only checks of at least this severity (critical, high, medium, low, info)")
	fs.StringArrayVar(&f.areas, "area", nil, "only checks of these responsibility areas, comma-separated or repeated")
	fs.StringVar(&f.framework, "framework", "", "only checks mapped to this framework (see 'incloud frameworks'); also the compliance view's framework")
}

// criteria turns the flags into selection criteria (checked against the loaded checks later).
func (f *selectFlags) criteria() (selection.Criteria, error) {
	c := selection.Criteria{
		Checks:    selection.SplitList(f.checks),
		Skip:      selection.SplitList(f.skip),
		Areas:     selection.SplitList(f.areas),
		Framework: f.framework,
	}
	if f.severity != "" {
		sev, err := findings.ParseSeverity(f.severity)
		if err != nil {
			return c, err
		}
		c.MinSeverity = sev
	}
	return c, nil
}
