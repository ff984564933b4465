package query

import (
	"context"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	v1 "github.com/prometheus/client_golang/api/prometheus/v1"

	"github.com/seatmeter/seatmeter/pkg/frames"
	"github.com/seatmeter/seatmeter/pkg/rewrite"
)

// TypePromQL is a raw PromQL query.
const TypePromQL = "promql"

// PromQL runs a raw PromQL query. Invalid PromQL is rejected here, with its position, and never
// reaches the store.
func PromQL(ctx context.Context, env Env, q backend.DataQuery, m Model) backend.DataResponse {
	if strings.TrimSpace(m.Expr) == "" {
		return backend.ErrDataResponse(backend.StatusBadRequest, "the query is empty: write a PromQL expression")
	}
	dl, err := env.Dialect(ctx)
	if err != nil {
		return backend.ErrDataResponse(backend.StatusBadGateway, err.Error())
	}
	expr, err := rewrite.Rewrite(ExpandMacros(m.Expr, q), env.Names, dl.Dialect)
	if err != nil {
		return backend.ErrDataResponse(backend.StatusBadRequest, "invalid PromQL: "+err.Error())
	}
	// What goes to the store must parse with the strict parser too (no unresolved variables).
	if _, err := rewrite.Parse(expr); err != nil {
		return backend.ErrDataResponse(backend.StatusBadRequest, "invalid PromQL after expanding macros: "+err.Error())
	}
	opts := frames.Options{RefID: q.RefID, Unit: "short", LegendFormat: m.LegendFormat, Executed: expr,
		Custom: Custom{Source: "", Formula: "raw PromQL", Dialect: string(dl.Dialect)}}
	return Run(ctx, env, q, expr, m.Instant, opts)
}

// Run sends a (valid) expression to the store as a range or instant query and converts the answer.
func Run(ctx context.Context, env Env, q backend.DataQuery, expr string, instant bool, opts frames.Options) backend.DataResponse {
	var (
		val   any
		warns v1.Warnings
		err   error
	)
	if instant {
		val, warns, err = env.Client.Query(ctx, expr, q.TimeRange.To)
	} else {
		val, warns, err = env.Client.QueryRange(ctx, expr, v1.Range{Start: q.TimeRange.From, End: q.TimeRange.To, Step: Step(q)})
	}
	if err != nil {
		return backend.ErrDataResponse(backend.StatusBadGateway, err.Error())
	}
	for _, w := range warns {
		opts.Notices = append(opts.Notices, data.Notice{Severity: data.NoticeSeverityWarning, Text: "store: " + w})
	}
	fs, err := frames.FromValue(toValue(val), opts)
	if err != nil {
		return backend.ErrDataResponse(backend.StatusInternal, err.Error())
	}
	return backend.DataResponse{Frames: fs}
}
