package azure

import (
	"errors"
	"net/http"
	"sort"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
)

// isNotFound tells whether err is a 404 answer: for a setting, "not configured".
func isNotFound(err error) bool {
	var re *azcore.ResponseError
	return errors.As(err, &re) && re.StatusCode == http.StatusNotFound
}

func boolOr(p *bool, def bool) bool {
	if p == nil {
		return def
	}
	return *p
}

func strOr(p *string, def string) string {
	if p == nil || *p == "" {
		return def
	}
	return *p
}

func strOrNil(p *string) any {
	if p == nil || *p == "" {
		return nil
	}
	return *p
}

// timeOrNil normalises an Azure timestamp to RFC 3339 UTC seconds, null when absent or unreadable.
func timeOrNil(p *string) any {
	if p == nil || *p == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, *p)
	if err != nil {
		return nil
	}
	return t.UTC().Truncate(time.Second).Format(time.RFC3339)
}

func sortStrings(s []string) { sort.Strings(s) }
