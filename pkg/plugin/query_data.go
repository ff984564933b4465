package plugin

import (
	"context"
	"sync"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// maxParallelQueries bounds how many of one request's queries hit the store at once.
const maxParallelQueries = 4

// QueryData answers every query of the request through the query-type mux, in parallel.
func (d *Datasource) QueryData(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	resp := backend.NewQueryDataResponse()
	var (
		mu  sync.Mutex
		wg  sync.WaitGroup
		sem = make(chan struct{}, maxParallelQueries)
	)
	env := d.env()
	for _, q := range req.Queries {
		wg.Add(1)
		sem <- struct{}{}
		go func(q backend.DataQuery) {
			defer func() { <-sem; wg.Done() }()
			r := d.mux.Serve(ctx, env, q)
			mu.Lock()
			resp.Responses[q.RefID] = r
			mu.Unlock()
		}(q)
	}
	wg.Wait()
	return resp, nil
}
