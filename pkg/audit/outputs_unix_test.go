//go:build unix

package audit

import (
	"path/filepath"
	"syscall"
	"testing"
)

// Several outputs may share a FIFO or device: nothing there is replaced, so nothing is lost.
func TestCheckOutputsAllowsSharedFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := checkOutputs([]Output{{"json", fifo}, {"csv", fifo}}, nil); err != nil {
		t.Errorf("two outputs to one FIFO: %v", err)
	}
	if _, err := checkOutputs([]Output{{"json", fifo}}, []string{fifo}); err == nil {
		t.Error("an output to the FIFO the run reads was accepted")
	}
}
