package engine

import (
	"context"
	"runtime"
)

func defaultWorkers() int { return runtime.GOMAXPROCS(0) }

func contextBackground() context.Context { return context.Background() }
