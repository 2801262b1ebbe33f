package aws

import (
	"os"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
)

func TestMain(m *testing.M) {
	retryMode = aws.RetryModeStandard
	os.Exit(m.Run())
}

func TestRetryerIsAdaptive(t *testing.T) {
	retryMode = aws.RetryModeAdaptive
	defer func() { retryMode = aws.RetryModeStandard }()
	c := New(testConfig(), testOptions("http://127.0.0.1:1"))
	r := c.cfg.Retryer()
	if _, ok := r.(*retry.AdaptiveMode); !ok {
		t.Fatalf("retryer is %T, want *retry.AdaptiveMode", r)
	}
	if got := r.MaxAttempts(); got != 3 {
		t.Errorf("MaxAttempts = %d, want 3", got)
	}
}
