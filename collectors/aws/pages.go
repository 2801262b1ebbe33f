package aws

import "context"

// pager is what every SDK paginator offers; Opt is the service's client options type.
type pager[O, Opt any] interface {
	HasMorePages() bool
	NextPage(context.Context, ...func(*Opt)) (O, error)
}

// eachPage calls fn with every page until the paginator is done or a page fails.
func eachPage[O, Opt any](ctx context.Context, p pager[O, Opt], fn func(O)) error {
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		fn(page)
	}
	return nil
}

// allPages gathers the items of every page.
func allPages[O, Opt, T any](ctx context.Context, p pager[O, Opt], items func(O) []T) ([]T, error) {
	var out []T
	err := eachPage(ctx, p, func(page O) { out = append(out, items(page)...) })
	return out, err
}
