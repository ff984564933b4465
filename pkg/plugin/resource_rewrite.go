package plugin

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/seatmeter/seatmeter/pkg/rewrite"
)

// rewriteResponse is the query editor's preview of what the store will be sent.
type rewriteResponse struct {
	Rewritten string              `json:"rewritten"`
	Dialect   string              `json:"dialect"`
	Error     *rewrite.ParseError `json:"error,omitempty"`
}

// handleCatalog serves data/catalog.json as embedded, for the front end and the Data Dictionary.
func (d *Datasource) handleCatalog(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(d.catalog.Raw())
}

// handleRewrite rewrites {expr} to the store's dialect; parse errors come back with their position.
func (d *Datasource) handleRewrite(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Expr string `json:"expr"`
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err == nil {
		err = json.Unmarshal(raw, &body)
	}
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "body must be JSON {\"expr\": \"...\"}"})
		return
	}
	dl, err := d.dialect.Get(r.Context())
	if err != nil {
		writeJSON(w, http.StatusBadGateway, map[string]string{"error": err.Error()})
		return
	}
	out := rewriteResponse{Dialect: string(dl.Dialect)}
	out.Rewritten, err = rewrite.Rewrite(body.Expr, d.names, dl.Dialect)
	var pe *rewrite.ParseError
	switch {
	case errors.As(err, &pe):
		out.Error = pe
	case err != nil:
		out.Error = &rewrite.ParseError{Msg: err.Error(), Line: 1, Column: 1}
	}
	writeJSON(w, http.StatusOK, out)
}
