package azure

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sync"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// api is one REST API (ARM or Microsoft Graph) reached through an azcore pipeline: the
// pipeline brings the bearer token for the API's audience, azcore's retry policy (429 with
// Retry-After, 5xx with backoff) and the request guard as transport.
type api struct {
	base string
	pl   runtime.Pipeline
	// next is the JSON field holding the next page's URL ("nextLink", "@odata.nextLink").
	next string
	// shared, when set, answers a GET another collector of the same fleet already made
	// (tenant-wide Microsoft Graph data: read once per fleet, not once per subscription).
	shared *sharedResponses
}

// get sends GET base+path (path may carry a query; a full URL is used as is, for next links)
// and decodes the JSON answer into v. Any status other than 200 is an *azcore.ResponseError.
func (a api) get(ctx context.Context, path string, v any) error {
	u := path
	if pu, err := url.Parse(path); err != nil || !pu.IsAbs() {
		u = a.base + path
	}
	body, err := a.shared.get(ctx, u, func() ([]byte, error) { return a.fetch(ctx, u) })
	if err != nil {
		return err
	}
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	if len(body) == 0 {
		return nil
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("decode %s: %w", path, err)
	}
	return nil
}

// fetch sends GET u and returns the body of a 200 answer.
func (a api) fetch(ctx context.Context, u string) ([]byte, error) {
	req, err := runtime.NewRequest(ctx, http.MethodGet, u)
	if err != nil {
		return nil, fmt.Errorf("build request: %w", err)
	}
	req.Raw().Header.Set("Accept", "application/json")
	resp, err := a.pl.Do(req)
	if err != nil {
		return nil, err
	}
	if !runtime.HasStatusCode(resp, http.StatusOK) {
		return nil, runtime.NewResponseError(resp)
	}
	body, err := runtime.Payload(resp)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", req.Raw().URL.Path, err)
	}
	return body, nil
}

// sharedResponses are the successful answers of one fleet's GETs of tenant-wide data, by URL.
// A GET in flight is waited for, not repeated; a failed one is not kept (the next collector
// asks again), so a transient failure of one subscription's collection stays its own.
type sharedResponses struct {
	mu      sync.Mutex
	answers map[string]*sharedAnswer
}

type sharedAnswer struct {
	done chan struct{}
	body []byte
	err  error
}

func newSharedResponses() *sharedResponses {
	return &sharedResponses{answers: map[string]*sharedAnswer{}}
}

// get returns the answer for u, calling fetch when no collector has it yet; nil s always
// fetches.
func (s *sharedResponses) get(ctx context.Context, u string, fetch func() ([]byte, error)) ([]byte, error) {
	if s == nil {
		return fetch()
	}
	for {
		s.mu.Lock()
		a, ok := s.answers[u]
		if !ok {
			a = &sharedAnswer{done: make(chan struct{})}
			s.answers[u] = a
			s.mu.Unlock()
			a.body, a.err = fetch()
			if a.err != nil {
				s.mu.Lock()
				delete(s.answers, u)
				s.mu.Unlock()
			}
			close(a.done)
			return a.body, a.err
		}
		s.mu.Unlock()
		select {
		case <-a.done:
			if a.err == nil {
				return a.body, nil
			}
			// The collector that asked failed: ask again, as this collection's own call.
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// list GETs path and every next page, calling each for every item of every page's "value".
func (a api) list(ctx context.Context, path string, each func([]byte) error) error {
	for path != "" {
		var page map[string]json.RawMessage
		if err := a.get(ctx, path, &page); err != nil {
			return err
		}
		var items []json.RawMessage
		if raw, ok := page["value"]; ok {
			if err := json.Unmarshal(raw, &items); err != nil {
				return fmt.Errorf("decode page: %w", err)
			}
		}
		for _, it := range items {
			if err := each(it); err != nil {
				return err
			}
		}
		path = ""
		if raw, ok := page[a.next]; ok {
			if err := json.Unmarshal(raw, &path); err != nil {
				return fmt.Errorf("decode %s: %w", a.next, err)
			}
		}
	}
	return nil
}

func jsonUnmarshal(raw []byte, v any) error {
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("decode item: %w", err)
	}
	return nil
}

// listAll is list decoding every item into T.
func listAll[T any](ctx context.Context, a api, path string) ([]T, error) {
	var out []T
	err := a.list(ctx, path, func(raw []byte) error {
		var v T
		if err := json.Unmarshal(raw, &v); err != nil {
			return fmt.Errorf("decode item: %w", err)
		}
		out = append(out, v)
		return nil
	})
	return out, err
}
