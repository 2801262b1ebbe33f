package aws

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/ssocreds"
	"github.com/aws/smithy-go/logging"
)

// sdkLogging sends the SDK's own log lines (retries, the IMDSv1 fallback, deprecations) to
// debug, or nowhere when debug is nil: without --debug they never reach stderr.
func sdkLogging(debug io.Writer) []func(*config.LoadOptions) error {
	if debug == nil {
		return []func(*config.LoadOptions) error{config.WithLogger(logging.Nop{})}
	}
	return []func(*config.LoadOptions) error{
		config.WithLogger(logging.NewStandardLogger(debug)),
		config.WithClientLogMode(aws.LogRetries),
	}
}

// credentialsError is a failure to find or use AWS credentials, said in one line: what was
// tried and what to do. The SDK's account of it is kept for errors.Is/As and --debug.
type credentialsError struct {
	msg string
	err error
}

func (e *credentialsError) Error() string { return e.msg }
func (e *credentialsError) Unwrap() error { return e.err }

// explainCredentials says in one line why credentials could not be had: a profile that does
// not exist, an SSO session to log in to, else nothing in the chain. err comes from loading the
// profile or retrieving credentials; nil stays nil. profile is --profile ("" for the chain).
func explainCredentials(err error, profile string) error {
	if err == nil {
		return nil
	}
	var noProfile config.SharedConfigProfileNotExistError
	if errors.As(err, &noProfile) {
		return &credentialsError{err: err, msg: fmt.Sprintf("AWS profile %q is not in ~/.aws/config or ~/.aws/credentials: check --profile and AWS_PROFILE (`aws configure list-profiles` lists the profiles)", noProfile.Profile)}
	}
	var sso *ssocreds.InvalidTokenError
	if errors.As(err, &sso) {
		login := "aws sso login"
		if profile != "" {
			login += " --profile " + profile
		}
		return &credentialsError{err: err, msg: fmt.Sprintf("the AWS SSO session has expired or was never started: run `%s`", login)}
	}
	return &credentialsError{err: err, msg: "no AWS credentials found (tried environment variables, the shared config and credentials files, SSO, web identity and the container and instance roles): set AWS_PROFILE, run `aws sso login`, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (--debug shows the SDK's details)"}
}

// loadAndCheckConfig loads the SDK configuration and retrieves its credentials once (the SDK
// caches them), so that missing or expired credentials are one clear error before any call.
func loadAndCheckConfig(ctx context.Context, profile string, debug io.Writer) (aws.Config, error) {
	cfg, err := LoadConfig(ctx, profile, sdkLogging(debug)...)
	if err != nil {
		var noProfile config.SharedConfigProfileNotExistError
		if errors.As(err, &noProfile) {
			return aws.Config{}, explainCredentials(err, profile)
		}
		return aws.Config{}, err
	}
	if cfg.Credentials == nil {
		return aws.Config{}, explainCredentials(errors.New("no credentials provider"), profile)
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		if debug != nil {
			fmt.Fprintf(debug, "incloud: debug: AWS credentials: %v\n", err)
		}
		return aws.Config{}, explainCredentials(err, profile)
	}
	return cfg, nil
}
