package query

import (
	"context"
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/seatmeter/seatmeter/pkg/frames"
)

// TypeActiveUsers counts developers with any token usage in the range (or in each step).
const TypeActiveUsers = "active_users"

// activeUsersMeasure is the catalog entry describing this count; tokensMeasure is what it counts over.
const (
	activeUsersMeasure = "active_users"
	tokensMeasure      = "tokens"
)

// ActiveUsers answers an active_users query.
func ActiveUsers(ctx context.Context, env Env, q backend.DataQuery, m Model) backend.DataResponse {
	meas, ok := env.Catalog.Measure(activeUsersMeasure)
	if !ok {
		return backend.ErrDataResponse(backend.StatusInternal, "catalog has no active_users measure")
	}
	p, err := planUsage(ctx, env, q, Model{Measure: tokensMeasure, GroupBy: []string{"user"}, Filters: m.Filters, Instant: m.Instant})
	if err != nil {
		return backend.ErrDataResponse(backend.StatusBadRequest, err.Error())
	}
	count := func(e string) string { return fmt.Sprintf("count(%s > 0)", e) }
	expr := count(p.expr)
	val, notices, err := p.run(ctx, env, count, false)
	if err != nil {
		return backend.ErrDataResponse(backend.StatusBadGateway, err.Error())
	}
	custom := Custom{Source: env.Catalog.Sources[meas.Source], Formula: meas.Formula, Dialect: string(p.dialect), Measure: meas.ID}
	opts := frames.Options{RefID: q.RefID, Unit: meas.Unit, LegendFormat: legendOr(m.LegendFormat, nil, meas.Name),
		Executed: expr, Notices: notices, Custom: custom, CustomRest: custom.ref()}
	fs, err := frames.FromValue(val, opts)
	if err != nil {
		return backend.ErrDataResponse(backend.StatusInternal, err.Error())
	}
	return backend.DataResponse{Frames: fs}
}
