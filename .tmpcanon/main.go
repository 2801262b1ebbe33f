package main

import (
	"os"

	"github.com/incloud/incloud/pkg/snapshot"
)

func main() {
	for _, p := range os.Args[1:] {
		s, err := snapshot.ReadFile(p)
		if err != nil {
			panic(err)
		}
		b, err := snapshot.Marshal(s)
		if err != nil {
			panic(err)
		}
		os.WriteFile(p+".canon", b, 0o644)
	}
}
