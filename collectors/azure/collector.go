package azure

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/arm"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"

	"github.com/incloud/incloud/collectors"
	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

const (
	// CollectorName is written into every snapshot.
	CollectorName = "incloud-azure"
	// DefaultRequestTimeout bounds one request attempt unless Options.RequestTimeout says otherwise.
	DefaultRequestTimeout = 30 * time.Second
	// DefaultRetryMaxAttempts bounds the attempts per request (429 and 5xx are retried).
	DefaultRetryMaxAttempts = 6

	moduleName    = "incloud/collectors/azure"
	moduleVersion = "v0.1.0"

	armAudience   = "https://management.azure.com"
	graphEndpoint = "https://graph.microsoft.com"
)

// Credential returns azidentity's default chain: environment service principal (secret or
// certificate), workload identity federation (GitHub Actions OIDC), managed identity, Azure CLI.
// Go's proxy (HTTPS_PROXY) and CA (SSL_CERT_FILE) settings apply to it and to every client.
func Credential() (azcore.TokenCredential, error) {
	cred, err := azidentity.NewDefaultAzureCredential(nil)
	if err != nil {
		return nil, fmt.Errorf("azure credentials: %w", err)
	}
	return cred, nil
}

// Collector snapshots one Azure subscription and its tenant's settings.
type Collector struct {
	arm          api
	graph        api
	vault        api
	subscription string
	opts         collectors.Options
}

var _ collectors.Collector = (*Collector)(nil)

// services is the Azure service registry; each service file registers itself.
var services = collection.NewServices[*run]("Azure")

// ServiceNames returns the --services names.
func ServiceNames() []string { return services.Names() }

// ServiceOwns returns every service's owns declaration.
func ServiceOwns() map[string][]string { return services.Owns() }

// New returns a collector of subscription reading with cred. It never registers resource
// providers (azcore's ARM pipeline would, on a MissingSubscriptionRegistration answer: that is a
// write) and sends only GET requests. To collect every subscription the credential sees, or
// those below a management group, use a Fleet.
func New(cred azcore.TokenCredential, subscription string, opts collectors.Options) (*Collector, error) {
	if subscription == "" {
		return nil, errors.New("no subscription to collect: name one with --subscription, or leave it out to collect every subscription the credential sees")
	}
	return newCollector(cred, subscription, opts)
}

// newCollector is New; subscription "" makes a collector that only lists (a Fleet's).
func newCollector(cred azcore.TokenCredential, subscription string, opts collectors.Options) (*Collector, error) {
	timeout := opts.RequestTimeout
	if timeout <= 0 {
		timeout = DefaultRequestTimeout
	}
	attempts := opts.RetryMaxAttempts
	if attempts <= 0 {
		attempts = DefaultRetryMaxAttempts
	}
	retry := policy.RetryOptions{MaxRetries: int32(attempts - 1), TryTimeout: timeout}
	if opts.RetryMaxBackoff > 0 {
		retry.RetryDelay = opts.RetryMaxBackoff / 4
		retry.MaxRetryDelay = opts.RetryMaxBackoff
	}
	armBase, graphBase := cloud.AzurePublic.Services[cloud.ResourceManager].Endpoint, graphEndpoint
	insecure := false
	if opts.EndpointURL != "" {
		u, err := url.Parse(opts.EndpointURL)
		if err != nil || u.Host == "" {
			return nil, fmt.Errorf("endpoint URL %q: want scheme://host[:port]", opts.EndpointURL)
		}
		armBase, graphBase = strings.TrimSuffix(opts.EndpointURL, "/"), strings.TrimSuffix(opts.EndpointURL, "/")
		// Tokens over plain HTTP only to a fake on this machine.
		insecure = u.Scheme == "http" && isLoopback(u.Hostname())
	}
	transport := guard{next: &http.Client{}}
	client := policy.ClientOptions{
		Cloud: cloud.Configuration{Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
			cloud.ResourceManager: {Endpoint: armBase, Audience: armAudience},
		}},
		Retry:                           retry,
		Transport:                       transport,
		InsecureAllowCredentialWithHTTP: insecure,
		Telemetry:                       policy.TelemetryOptions{ApplicationID: "incloud"},
	}
	armClient, err := arm.NewClient(moduleName, moduleVersion, cred, &arm.ClientOptions{ClientOptions: client, DisableRPRegistration: true})
	if err != nil {
		return nil, fmt.Errorf("ARM client: %w", err)
	}
	graphClient, err := azcore.NewClient(moduleName, moduleVersion, runtime.PipelineOptions{
		PerRetry: []policy.Policy{runtime.NewBearerTokenPolicy(cred, []string{graphEndpoint + "/.default"},
			&policy.BearerTokenOptions{InsecureAllowCredentialWithHTTP: insecure})},
	}, &client)
	if err != nil {
		return nil, fmt.Errorf("Microsoft Graph client: %w", err)
	}
	// Key Vault's data plane: vault URIs come from ARM; tokens by challenge. Plain HTTP only when
	// the vaults a fake names are on this machine, as its ARM endpoint is.
	challenge := &vaultChallenge{}
	vaultClient, err := azcore.NewClient(moduleName, moduleVersion, runtime.PipelineOptions{
		PerRetry: []policy.Policy{runtime.NewBearerTokenPolicy(cred, nil, &policy.BearerTokenOptions{
			InsecureAllowCredentialWithHTTP: insecure,
			AuthorizationHandler:            policy.AuthorizationHandler{OnRequest: challenge.onRequest, OnChallenge: challenge.onChallenge},
		})},
	}, &client)
	if err != nil {
		return nil, fmt.Errorf("Key Vault client: %w", err)
	}
	return &Collector{
		arm:          api{base: armBase, pl: armClient.Pipeline(), next: "nextLink"},
		graph:        api{base: graphBase, pl: graphClient.Pipeline(), next: "@odata.nextLink"},
		vault:        api{pl: vaultClient.Pipeline(), next: "nextLink"},
		subscription: subscription,
		opts:         opts,
	}, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// run is the state of one collection.
type run struct {
	*collection.Run
	arm, graph   api
	vault        api
	subscription string
	tenant       string
	// sub is the azure_subscription resource, whose attributes services own.
	sub snapshot.Resource
}

// subscriptionsAPI is the subscriptions API version.
const subscriptionsAPI = "2022-12-01"

var opSubscriptionsRead = registerARM("Microsoft.Resources", "subscriptions/read", "/subscriptions/[^/]+")

func init() { addRoute(opSubscriptionsRead, "/subscriptions") }

type armSubscription struct {
	SubscriptionID string            `json:"subscriptionId"`
	TenantID       string            `json:"tenantId"`
	DisplayName    string            `json:"displayName"`
	State          string            `json:"state"`
	Tags           map[string]string `json:"tags"`
}

// Collect reads the subscription. It fails only when the subscription cannot be identified;
// every other failure is an error entry in the snapshot.
func (c *Collector) Collect(ctx context.Context) (*snapshot.Snapshot, error) {
	svcs, err := services.Select(c.opts.Services)
	if err != nil {
		return nil, err
	}
	sub, err := c.identify(ctx)
	if err != nil {
		return nil, err
	}
	snap := snapshot.New("azure", sub.SubscriptionID, c.opts.Clock()())
	snap.Collector = snapshot.Collector{Name: CollectorName, Version: c.opts.Version}
	r := &run{arm: c.arm, graph: c.graph, vault: c.vault, subscription: sub.SubscriptionID, tenant: sub.TenantID}
	r.Run = collection.NewRun(ctx, snap, c.opts, classify)
	tags := map[string]string{}
	for k, v := range sub.Tags {
		tags[k] = v
	}
	r.sub = snapshot.Resource{"id": r.subscriptionPath(), "name": sub.DisplayName, "region": snapshot.GlobalRegion, "tags": tags,
		"subscription_id": sub.SubscriptionID, "tenant_id": sub.TenantID, "state": sub.State}
	for _, a := range subscriptionAttrs {
		r.sub[a] = nil
	}
	r.Add("azure_subscription", r.sub)
	services.Collect(r.Run, collection.Plan[*run]{State: r, Selected: svcs,
		Shared: map[string][]snapshot.Resource{"azure_subscription": {r.sub}}})
	return snap, nil
}

// identify reads the subscription.
func (c *Collector) identify(ctx context.Context) (armSubscription, error) {
	var s armSubscription
	if c.subscription == "" {
		return s, errors.New("no subscription to collect")
	}
	err := c.arm.get(collection.WithOperation(ctx, opSubscriptionsRead), "/subscriptions/"+url.PathEscape(c.subscription)+"?api-version="+subscriptionsAPI, &s)
	if err != nil {
		return s, fmt.Errorf("read subscription %s: %s", c.subscription, describe(err))
	}
	return s, nil
}

func describe(err error) string {
	code, msg, _ := classify(err)
	if code == "" {
		return err.Error()
	}
	return code + ": " + msg
}

// classify turns an ARM or Graph error answer into its code and message (AuthorizationFailed,
// Authorization_RequestDenied, MissingSubscriptionRegistration, TooManyRequests, ...).
func classify(err error) (code, msg string, ok bool) {
	var re *azcore.ResponseError
	if errors.As(err, &re) {
		code, msg = re.ErrorCode, http.StatusText(re.StatusCode)
		if re.RawResponse != nil {
			var body struct {
				Error struct {
					Code    string `json:"code"`
					Message string `json:"message"`
				} `json:"error"`
			}
			if data, err := runtime.Payload(re.RawResponse); err == nil && json.Unmarshal(data, &body) == nil {
				if body.Error.Code != "" {
					code = body.Error.Code
				}
				if body.Error.Message != "" {
					msg = body.Error.Message
				}
			}
		}
		if code == "" {
			code = fmt.Sprintf("HTTP%d", re.StatusCode)
		}
		return code, msg, true
	}
	return collection.CommonCode(err)
}

// armResource holds what every ARM resource carries.
type armResource struct {
	ID       string            `json:"id"`
	Name     string            `json:"name"`
	Location string            `json:"location"`
	Tags     map[string]string `json:"tags"`
}

// base returns the snapshot base attributes of an ARM resource.
func (a armResource) base() snapshot.Resource {
	tags := map[string]string{}
	for k, v := range a.Tags {
		tags[k] = v
	}
	region := strings.ToLower(strings.ReplaceAll(a.Location, " ", ""))
	if region == "" {
		region = snapshot.GlobalRegion
	}
	return snapshot.Resource{"id": a.ID, "name": a.Name, "region": region, "tags": tags}
}

// subscriptionAttrs are the azure_subscription attributes services fill.
var subscriptionAttrs = []string{"defender_plans", "auto_provisioning", "security_settings", "server_vulnerability_assessment_provider",
	"security_contacts", "security_benchmark_assignment", "easm_workspaces", "activity_log_diagnostic_settings",
	"application_insights_components", "bastion_hosts"}

// subTarget is the target of a call filling attributes of the subscription resource.
func (r *run) subTarget(attrs ...string) collection.Target {
	return collection.Target{Type: "azure_subscription", ID: r.subscriptionPath(), Region: snapshot.GlobalRegion, Attrs: attrs}
}

// subGet GETs path below the subscription in one call of op and lets set turn the answer into
// the attribute's value; notFound (nil: none) is the value of a 404 answer ("not configured").
func subGet[T any](ctx context.Context, r *run, op *collection.Operation, attr, path string, notFound any, set func(T) any) {
	r.Call(ctx, op, r.subTarget(attr), func(ctx context.Context) error {
		var v T
		err := r.arm.get(ctx, r.subscriptionPath()+path, &v)
		if notFound != nil && isNotFound(err) {
			r.Set(r.sub, attr, notFoundValue(notFound))
			return nil
		}
		if err != nil {
			return err
		}
		r.Set(r.sub, attr, set(v))
		return nil
	})
}

// subList lists path below the subscription in one call of op into attr, converting each item.
func subList[T any](ctx context.Context, r *run, op *collection.Operation, attr, path string, conv func(T) any) {
	r.Call(ctx, op, r.subTarget(attr), func(ctx context.Context) error {
		list, err := listAll[T](ctx, r.arm, r.subscriptionPath()+path)
		if err != nil {
			return err
		}
		out := []any{}
		for _, x := range list {
			if v := conv(x); v != nil {
				out = append(out, v)
			}
		}
		r.Set(r.sub, attr, out)
		return nil
	})
}

// nullValue marks a 404 that means null.
type nullValue struct{}

func notFoundValue(v any) any {
	if _, ok := v.(nullValue); ok {
		return nil
	}
	return v
}

// subscriptionPath is the ARM path of the run's subscription.
func (r *run) subscriptionPath() string { return "/subscriptions/" + r.subscription }
