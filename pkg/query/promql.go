package query

import (
	"context"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	v1 "github.com/prometheus/client_golang/api/prometheus/v1"
	"github.com/prometheus/common/model"

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
	val, notices, err := evaluate(ctx, env, expr, instant, q.TimeRange.To, v1.Range{Start: q.TimeRange.From, End: q.TimeRange.To, Step: Step(q)})
	if err != nil {
		return backend.ErrDataResponse(backend.StatusBadGateway, err.Error())
	}
	opts.Notices = append(opts.Notices, notices...)
	fs, err := frames.FromValue(val, opts)
	if err != nil {
		return backend.ErrDataResponse(backend.StatusInternal, err.Error())
	}
	return backend.DataResponse{Frames: fs}
}

// evaluate runs an instant query at `at` or a range query over r; store warnings become notices.
func evaluate(ctx context.Context, env Env, expr string, instant bool, at time.Time, r v1.Range) (model.Value, []data.Notice, error) {
	var (
		val   any
		warns v1.Warnings
		err   error
	)
	if instant {
		val, warns, err = env.Client.Query(ctx, expr, at)
	} else {
		val, warns, err = env.Client.QueryRange(ctx, expr, r)
	}
	if err != nil {
		return nil, nil, err
	}
	var notices []data.Notice
	for _, w := range warns {
		notices = append(notices, data.Notice{Severity: data.NoticeSeverityWarning, Text: "store: " + w})
	}
	return toValue(val), notices, nil
}
