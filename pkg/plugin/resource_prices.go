package plugin

import (
	"encoding/json"
	"net/http"
	"sort"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/seatmeter/seatmeter/pkg/query"
)

// unpricedLookback is how far back /prices looks for models in use that have no price.
const unpricedLookback = 30 * 24 * time.Hour

type unpricedModel struct {
	Model  string  `json:"model"`
	Tokens float64 `json:"tokens"`
}

// handlePrices serves the price dataset's identity, its models, the overrides in force, and the
// models seen in the store's token usage that have no price.
func (d *Datasource) handlePrices(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
	resp := query.Usage(r.Context(), d.env(), backend.DataQuery{RefID: "prices",
		TimeRange: backend.TimeRange{From: now.Add(-unpricedLookback), To: now}},
		query.Model{Measure: "tokens", GroupBy: []string{"model"}, Instant: true})
	if resp.Error != nil {
		writeJSON(w, http.StatusBadGateway, map[string]string{"error": resp.Error.Error()})
		return
	}
	unpriced := []unpricedModel{}
	for _, f := range resp.Frames {
		if f.Rows() == 0 {
			continue
		}
		m := f.Fields[1].Labels["model"]
		if _, ok := d.prices.ResolveModel(m); !ok {
			unpriced = append(unpriced, unpricedModel{Model: m, Tokens: f.Fields[1].At(f.Rows() - 1).(float64)})
		}
	}
	sort.Slice(unpriced, func(i, j int) bool { return unpriced[i].Model < unpriced[j].Model })
	var overrides any
	if len(d.settings.PriceOverrides) > 0 {
		_ = json.Unmarshal(d.settings.PriceOverrides, &overrides)
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"asOf": d.prices.AsOf(), "sourceVersion": d.prices.SourceVersion(), "models": d.prices.KnownModels(),
		"overrides": overrides, "unpriced": unpriced,
	})
}
