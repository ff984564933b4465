package plugin

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/prometheus/common/model"

	"github.com/seatmeter/seatmeter/pkg/health"
)

func (d *Datasource) checker() *health.Checker {
	return &health.Checker{
		Catalog: d.catalog,
		Dialect: d.dialect.Get,
		Query: func(ctx context.Context, expr string, at time.Time) (model.Value, error) {
			v, _, err := d.client.Query(ctx, expr, at)
			return v, err
		},
	}
}

// CheckHealth runs the pipeline checks and sums them up for "Save & test".
func (d *Datasource) CheckHealth(ctx context.Context, _ *backend.CheckHealthRequest) (*backend.CheckHealthResult, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Duration(d.settings.TimeoutSeconds)*time.Second)
	defer cancel()
	r := d.checker().Run(ctx)
	var lines []string
	for _, h := range r.Hops {
		line := fmt.Sprintf("[%s] %s: %s", h.Status, h.Name, h.Message)
		if h.Fix != "" {
			line += " Fix: " + h.Fix
		}
		lines = append(lines, line)
	}
	msg := fmt.Sprintf("Store at %s: %s", d.client.URL(), lines[0])
	if len(lines) > 1 {
		msg += "\n" + strings.Join(lines[1:], "\n")
	}
	status := backend.HealthStatusOk
	switch {
	case r.Worst() == health.Error:
		status = backend.HealthStatusError
	case len(r.Agents) == 0:
		status = backend.HealthStatusUnknown
	}
	return &backend.CheckHealthResult{Status: status, Message: msg}, nil
}

// handlePipeline serves /health/pipeline: every hop with its status and fix, and who sent data when.
func (d *Datasource) handlePipeline(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), time.Duration(d.settings.TimeoutSeconds)*time.Second)
	defer cancel()
	rep := d.checker().Run(ctx)
	if rep.Agents == nil {
		rep.Agents = []health.AgentSeen{}
	}
	writeJSON(w, http.StatusOK, rep)
}
