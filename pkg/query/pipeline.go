package query

import (
	"context"
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/seatmeter/seatmeter/pkg/health"
)

// TypePipeline answers the pipeline-health dashboard with the same hop-by-hop report as /health/pipeline:
// view "hops" (one row per hop, with its fix; dialect and Mimir discards included) or "developers" (last
// sample per agent and developer, to see who went silent).
const TypePipeline = "pipeline"

// Pipeline returns the pipeline report as a table frame.
func Pipeline(ctx context.Context, env Env, q backend.DataQuery, m Model) backend.DataResponse {
	if env.Pipeline == nil {
		return backend.ErrDataResponse(backend.StatusInternal, "pipeline checks are not configured")
	}
	var f *data.Frame
	switch m.View {
	case "", "hops":
		f = hopsFrame(env.Pipeline(ctx))
	case "developers":
		f = developersFrame(env.Pipeline(ctx), q.TimeRange.To)
	default:
		return backend.ErrDataResponse(backend.StatusBadRequest, fmt.Sprintf("pipeline view %q is not one of hops, developers", m.View))
	}
	f.RefID = q.RefID
	f.Meta = &data.FrameMeta{Type: data.FrameTypeTable,
		Custom: Custom{Source: env.Catalog.Sources["calculated"], Formula: "hop-by-hop checks of the store (see the Pipeline health page)"}}
	return backend.DataResponse{Frames: data.Frames{f}}
}

func hopsFrame(r health.Report) *data.Frame {
	var names, status, message, fix []string
	for _, h := range r.Hops {
		names = append(names, h.Name)
		status = append(status, string(h.Status))
		message = append(message, h.Message)
		fix = append(fix, h.Fix)
	}
	return data.NewFrame("pipeline",
		data.NewField("hop", nil, names), data.NewField("status", nil, status),
		data.NewField("finding", nil, message), data.NewField("fix", nil, fix))
}

func developersFrame(r health.Report, now time.Time) *data.Frame {
	var agents, users []string
	var last []time.Time
	var silent []float64
	for _, a := range r.Agents {
		for _, u := range a.Users {
			agents = append(agents, a.Agent)
			users = append(users, u.User)
			last = append(last, u.LastSample)
			silent = append(silent, now.Sub(u.LastSample).Seconds())
		}
	}
	age := data.NewField("silent for", nil, silent)
	age.Config = &data.FieldConfig{Unit: "s"}
	return data.NewFrame("last seen",
		data.NewField("agent", nil, agents), data.NewField("user", nil, users),
		data.NewField("last sample", nil, last), age)
}
