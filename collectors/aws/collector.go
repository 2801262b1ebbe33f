package aws

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/smithy-go"

	"github.com/incloud/incloud/collectors"
	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

// Defaults used when collectors.Options leaves a setting zero.
const (
	DefaultRequestTimeout   = 30 * time.Second
	DefaultRetryMaxAttempts = 8
	// defaultHomeRegion is where global calls (STS, IAM, S3 ListBuckets, DescribeRegions) go
	// when the configuration names no region.
	defaultHomeRegion = "us-east-1"
)

// CollectorName is written into every snapshot's collector.name.
const CollectorName = "incloud-aws"

// retryMode is the SDK retry mode of every client: adaptive, which adds client-side rate
// limiting once AWS throttles. Tests switch to standard mode: adaptive mode's rate limiter
// sleeps for seconds after a throttle, and what they check is that throttled calls are retried.
var retryMode = aws.RetryModeAdaptive

// Collector snapshots one AWS account.
type Collector struct {
	cfg  aws.Config
	opts collectors.Options
}

var _ collectors.Collector = (*Collector)(nil)

// LoadConfig loads the SDK's standard configuration chain (environment, shared config and
// profiles, SSO, web identity, container and instance roles), with profile when it is not empty.
// The standard AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> variables stay in effect. optFns
// add load options (the SDK's logger).
func LoadConfig(ctx context.Context, profile string, optFns ...func(*config.LoadOptions) error) (aws.Config, error) {
	fns := append([]func(*config.LoadOptions) error(nil), optFns...)
	if profile != "" {
		fns = append(fns, config.WithSharedConfigProfile(profile))
	}
	cfg, err := config.LoadDefaultConfig(ctx, fns...)
	if err != nil {
		return aws.Config{}, fmt.Errorf("load AWS configuration: %w", err)
	}
	return cfg, nil
}

// New returns a collector for the account cfg's credentials belong to. It sets the retry mode
// to adaptive, the per-attempt timeout, and the guard that only lets registered operations
// through. opts.EndpointURL becomes the configuration's base endpoint, which every client
// uses (the SDK still lets AWS_ENDPOINT_URL_<SERVICE> override it for that one service).
func New(cfg aws.Config, opts collectors.Options) *Collector {
	cfg = cfg.Copy()
	if cfg.Region == "" {
		cfg.Region = defaultHomeRegion
	}
	// Attempts: the option, else the SDK configuration's (AWS_MAX_ATTEMPTS, max_attempts in
	// the profile), else the default.
	attempts := opts.RetryMaxAttempts
	if attempts <= 0 {
		attempts = cfg.RetryMaxAttempts
	}
	if attempts <= 0 {
		attempts = DefaultRetryMaxAttempts
	}
	// Adaptive retries unless the configuration asks for standard mode (AWS_RETRY_MODE).
	mode := retryMode
	if cfg.RetryMode == aws.RetryModeStandard {
		mode = aws.RetryModeStandard
	}
	maxBackoff := opts.RetryMaxBackoff
	cfg.RetryMaxAttempts = attempts
	cfg.RetryMode = mode
	standard := func(so *retry.StandardOptions) {
		so.MaxAttempts = attempts
		if maxBackoff > 0 {
			so.MaxBackoff = maxBackoff
			so.Backoff = retry.NewExponentialJitterBackoff(maxBackoff)
		}
	}
	cfg.Retryer = func() aws.Retryer {
		if mode == aws.RetryModeStandard {
			return retry.NewStandard(standard)
		}
		return retry.NewAdaptiveMode(func(o *retry.AdaptiveModeOptions) {
			o.StandardOptions = append(o.StandardOptions, standard)
		})
	}
	timeout := opts.RequestTimeout
	if timeout <= 0 {
		timeout = DefaultRequestTimeout
	}
	switch hc := cfg.HTTPClient.(type) {
	case nil:
		cfg.HTTPClient = awshttp.NewBuildableClient().WithTimeout(timeout)
	case *awshttp.BuildableClient:
		cfg.HTTPClient = hc.WithTimeout(timeout)
	}
	if opts.EndpointURL != "" {
		e := opts.EndpointURL
		cfg.BaseEndpoint = &e
	}
	cfg.APIOptions = append(append([]func(*middlewareStack) error{}, cfg.APIOptions...), addRegistryGuard)
	return &Collector{cfg: cfg, opts: opts}
}

// services is the AWS service registry: each service file registers itself in init.
var services = collection.NewServices[*run]("AWS")

// ServiceNames lists the services the collector knows, sorted.
func ServiceNames() []string { return services.Names() }

// ServiceOwns returns each service's owns declaration (resource types and shared attributes).
func ServiceOwns() map[string][]string { return services.Owns() }

// run is the AWS state of one collection: the framework's run plus the account, the SDK
// configuration and the shared aws_account and aws_region resources.
type run struct {
	*collection.Run
	cfg  aws.Config
	opts collectors.Options

	account   string
	partition string
	home      string

	// acct is the aws_account resource; regions the aws_region resources by name (written
	// before any task starts, read-only afterwards).
	acct    snapshot.Resource
	regions map[string]snapshot.Resource
}

// Collect implements collectors.Collector.
func (c *Collector) Collect(ctx context.Context) (*snapshot.Snapshot, error) {
	svcs, err := services.Select(c.opts.Services)
	if err != nil {
		return nil, err
	}
	r := &run{cfg: c.cfg, opts: c.opts, home: c.cfg.Region, regions: map[string]snapshot.Resource{}}
	if err := r.identify(ctx); err != nil {
		return nil, err
	}
	snap := snapshot.New("aws", r.account, c.opts.Clock()())
	snap.Collector = snapshot.Collector{Name: CollectorName, Version: c.opts.Version}
	r.Run = collection.NewRun(ctx, snap, c.opts, classify)
	r.acct = snapshot.Resource{
		"id": r.arn("iam", "", "root"), "name": r.account, "region": snapshot.GlobalRegion, "tags": map[string]string{},
		"account_id": r.account, "aliases": nil, "root": nil, "password_policy": nil,
		"support_access_entities": nil, "cloudshell_full_access_entities": nil, "s3_public_access_block": nil,
		"contact_information": nil, "security_contact": nil,
	}
	r.Add("aws_account", r.acct)

	regions := r.discoverRegions(ctx)
	shared := map[string][]snapshot.Resource{"aws_account": {r.acct}, "aws_region": {}}
	for _, reg := range regions {
		if res := r.regions[reg]; res != nil {
			shared["aws_region"] = append(shared["aws_region"], res)
		}
	}
	services.Collect(r.Run, collection.Plan[*run]{State: r, Selected: svcs, Regions: regions, Shared: shared})
	return snap, nil
}

// classify turns an SDK error into the snapshot's error code and message: the AWS error code
// when AWS answered with one, else the common failures (deadline, timeout), else the HTTP
// status of a response that could not be read.
func classify(err error) (code, msg string, ok bool) {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode(), ae.ErrorMessage(), true
	}
	if code, msg, ok := collection.CommonCode(err); ok {
		return code, msg, true
	}
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		return fmt.Sprintf("HTTP%d", re.HTTPStatusCode()), err.Error(), true
	}
	return "", "", false
}

// errorCode returns the AWS error code of err, "" when it has none.
func errorCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// newClient is the one client factory: mk is the service's NewFromConfig, region the region
// the client signs for and sends to; extra options follow (S3's path style, S3 Control's
// endpoint resolver). The endpoint override and the registry guard are in r.cfg (New).
func newClient[C, O any](r *run, region string, mk func(aws.Config, ...func(*O)) C, extra ...func(*O)) C {
	cfg := r.cfg
	cfg.Region = region
	return mk(cfg, extra...)
}

// arn builds an ARN in the account's partition.
func (r *run) arn(service, region, resource string) string {
	return fmt.Sprintf("arn:%s:%s:%s:%s:%s", r.partition, service, region, r.account, resource)
}

// accountTarget is the target of a failed call about the account's attrs.
func (r *run) accountTarget(attrs ...string) collection.Target {
	return collection.Target{Type: "aws_account", ID: r.ID(r.acct), Region: snapshot.GlobalRegion, Attrs: attrs}
}

// customEndpoint reports whether requests of the service whose environment suffix is envSuffix
// ("S3") go to a configured endpoint rather than AWS's own.
func (r *run) customEndpoint(envSuffix string) bool {
	return r.cfg.BaseEndpoint != nil || os.Getenv("AWS_ENDPOINT_URL_"+envSuffix) != ""
}

// isLoopbackEndpoint reports whether raw names a host that cannot take an account-id prefix
// (an IP address or localhost): a local fake or test endpoint.
func isLoopbackEndpoint(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	h := u.Hostname()
	return h == "localhost" || net.ParseIP(h) != nil
}
