package snapshot

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// firstError runs work(0) ... work(n-1) on all processors and returns the error of the lowest
// index that failed, so that the answer is the one a loop in order would give. Once an index has
// failed, higher ones are not started.
func firstError(n int, work func(i int) error) error {
	errs := make([]error, n)
	var next atomic.Int64
	var failedAt atomic.Int64
	failedAt.Store(int64(n))
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n || int64(i) > failedAt.Load() {
					return
				}
				if errs[i] = work(i); errs[i] != nil {
					for {
						at := failedAt.Load()
						if int64(i) >= at || failedAt.CompareAndSwap(at, int64(i)) {
							break
						}
					}
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
