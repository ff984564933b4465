package query

import (
	"context"
	"fmt"
	"sort"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/prometheus/common/model"
)

// TypeVariable lists the values of $user, $model or $agent seen in token usage over the range.
const TypeVariable = "variable"

var variableLabels = []string{"user", "model", "agent"}

// Variable answers a dashboard-variable query with one string field of sorted values.
func Variable(ctx context.Context, env Env, q backend.DataQuery, m Model) backend.DataResponse {
	if !contains(variableLabels, m.Variable) {
		return backend.ErrDataResponse(backend.StatusBadRequest, fmt.Sprintf("variable %q is not one of user, model, agent", m.Variable))
	}
	p, err := planUsage(ctx, env, q, Model{Measure: tokensMeasure, GroupBy: []string{m.Variable}, Filters: m.Filters, Instant: true})
	if err != nil {
		return backend.ErrDataResponse(backend.StatusBadRequest, err.Error())
	}
	expr := fmt.Sprintf("group by (%s) (%s > 0)", m.Variable, p.expr)
	val, notices, err := evaluate(ctx, env, expr, true, p.at, p.rng)
	if err != nil {
		return backend.ErrDataResponse(backend.StatusBadGateway, err.Error())
	}
	var vals []string
	if vec, ok := val.(model.Vector); ok {
		for _, s := range vec {
			if v := string(s.Metric[model.LabelName(m.Variable)]); v != "" {
				vals = append(vals, v)
			}
		}
	}
	sort.Strings(vals)
	f := data.NewFrame(m.Variable, data.NewField("text", nil, vals), data.NewField("value", nil, vals))
	f.RefID = q.RefID
	f.Meta = &data.FrameMeta{ExecutedQueryString: expr, Notices: notices,
		Custom: Custom{Source: env.Catalog.Sources["live"], Formula: "distinct " + m.Variable + " with token usage in the range", Dialect: string(p.dialect)}}
	return backend.DataResponse{Frames: data.Frames{f}}
}
