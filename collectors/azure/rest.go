package azure

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

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
}

// get sends GET base+path (path may carry a query; a full URL is used as is, for next links)
// and decodes the JSON answer into v. Any status other than 200 is an *azcore.ResponseError.
func (a api) get(ctx context.Context, path string, v any) error {
	u := path
	if pu, err := url.Parse(path); err != nil || !pu.IsAbs() {
		u = a.base + path
	}
	req, err := runtime.NewRequest(ctx, http.MethodGet, u)
	if err != nil {
		return fmt.Errorf("build request: %w", err)
	}
	req.Raw().Header.Set("Accept", "application/json")
	resp, err := a.pl.Do(req)
	if err != nil {
		return err
	}
	if !runtime.HasStatusCode(resp, http.StatusOK) {
		return runtime.NewResponseError(resp)
	}
	if err := runtime.UnmarshalAsJSON(resp, v); err != nil {
		return fmt.Errorf("decode %s: %w", req.Raw().URL.Path, err)
	}
	return nil
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
