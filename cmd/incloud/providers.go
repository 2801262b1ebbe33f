package main

// The providers: each registers itself with collectors.Register, and collect, scan and
// permissions build a subcommand for every registered one.
import (
	_ "github.com/incloud/incloud/collectors/aws"
	_ "github.com/incloud/incloud/collectors/azure"
	_ "github.com/incloud/incloud/collectors/gcp"
)
