package plugin

import (
	"context"
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// CheckHealth queries the store and says what it found there.
func (d *Datasource) CheckHealth(ctx context.Context, _ *backend.CheckHealthRequest) (*backend.CheckHealthResult, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Duration(d.settings.TimeoutSeconds)*time.Second)
	defer cancel()
	now := time.Now()
	if _, _, err := d.client.Query(ctx, "vector(1)", now); err != nil {
		return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: err.Error()}, nil
	}
	names, _, err := d.client.LabelValues(ctx, "__name__", nil, now.Add(-24*time.Hour), now)
	if err != nil {
		return &backend.CheckHealthResult{Status: backend.HealthStatusError,
			Message: "store answers PromQL but listing metric names failed: " + err.Error()}, nil
	}
	msg := fmt.Sprintf("Store at %s answers PromQL; %d metric names seen in the last 24h.", d.client.URL(), len(names))
	if len(names) == 0 {
		return &backend.CheckHealthResult{Status: backend.HealthStatusUnknown,
			Message: msg + " No data yet: point your agents' OTLP exporters at the collector."}, nil
	}
	return &backend.CheckHealthResult{Status: backend.HealthStatusOk, Message: msg}, nil
}
