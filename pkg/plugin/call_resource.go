package plugin

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/seatmeter/seatmeter/pkg/query"
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

// labelValuesWindow is how far back editor pickers look for values.
const labelValuesWindow = 7 * 24 * time.Hour

// handleLabelValues lists a label's values for editor pickers. Canonical labels (user, model, agent) are
// answered like the $user/$model/$agent variables, through the catalog's mapping (user is user_email, else
// user_id; Codex identity promoted from the resource); any other label is listed as the store has it.
func (d *Datasource) handleLabelValues(w http.ResponseWriter, r *http.Request) {
	label := r.URL.Query().Get("label")
	if label == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "label is required"})
		return
	}
	end := time.Now()
	start := end.Add(-labelValuesWindow)
	if label == "user" || label == "model" || label == "agent" {
		q := backend.DataQuery{RefID: "values", QueryType: query.TypeVariable, TimeRange: backend.TimeRange{From: start, To: end},
			JSON: []byte(`{"queryType":"variable","variable":"` + label + `"}`)}
		resp := d.mux.Serve(r.Context(), d.env(), q)
		if resp.Error != nil {
			writeJSON(w, http.StatusBadGateway, map[string]string{"error": resp.Error.Error()})
			return
		}
		out := []string{}
		if len(resp.Frames) > 0 && len(resp.Frames[0].Fields) > 0 {
			f := resp.Frames[0].Fields[0]
			for i := 0; i < f.Len(); i++ {
				out = append(out, f.At(i).(string))
			}
		}
		writeJSON(w, http.StatusOK, map[string]any{"values": out})
		return
	}
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
