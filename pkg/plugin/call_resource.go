package plugin

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// CallResource serves the data source's HTTP resources (editor look-ups and the like).
func (d *Datasource) CallResource(ctx context.Context, req *backend.CallResourceRequest, sender backend.CallResourceResponseSender) error {
	return d.resources.CallResource(ctx, req, sender)
}

func (d *Datasource) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /label-values", d.handleLabelValues)
	mux.HandleFunc("GET /catalog", d.handleCatalog)
	mux.HandleFunc("POST /rewrite", d.handleRewrite)
	mux.HandleFunc("GET /health/pipeline", d.handlePipeline)
	mux.HandleFunc("GET /prices", d.handlePrices)
	return mux
}

// handleLabelValues lists a label's values over the last `hours` (default 24), for editor pickers.
func (d *Datasource) handleLabelValues(w http.ResponseWriter, r *http.Request) {
	label := r.URL.Query().Get("label")
	if label == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "label is required"})
		return
	}
	end := time.Now()
	start := end.Add(-24 * time.Hour)
	vals, _, err := d.client.LabelValues(r.Context(), label, r.URL.Query()["match[]"], start, end)
	if err != nil {
		writeJSON(w, http.StatusBadGateway, map[string]string{"error": err.Error()})
		return
	}
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = string(v)
	}
	writeJSON(w, http.StatusOK, map[string]any{"values": out})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
