// Package query holds one handler per query type and the mux that dispatches to them.
package query

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/seatmeter/seatmeter/pkg/catalog"
	"github.com/seatmeter/seatmeter/pkg/dialect"
	"github.com/seatmeter/seatmeter/pkg/health"
	"github.com/seatmeter/seatmeter/pkg/models"
	"github.com/seatmeter/seatmeter/pkg/pricing"
	"github.com/seatmeter/seatmeter/pkg/rewrite"
	"github.com/seatmeter/seatmeter/pkg/store"
)

// Model is the JSON a panel sends for one query. Each query type reads the fields it needs.
type Model struct {
	QueryType    string `json:"queryType"`
	Expr         string `json:"expr"`
	LegendFormat string `json:"legendFormat"`
	Instant      bool   `json:"instant"`
	// usage, cost, active_users
	Measure string   `json:"measure"`
	GroupBy []string `json:"groupBy"`
	Filters Filters  `json:"filters"`
	Basis   string   `json:"basis"` // cost: reported | cache-aware | list-ceiling
	// variable: user | model | agent
	Variable string `json:"variable"`
	// pipeline: hops | developers
	View string `json:"view"`
}

// Env is what every handler gets besides the query.
type Env struct {
	Client   *store.Client
	Settings models.Settings
	Catalog  *catalog.Catalog
	Names    *rewrite.Index
	// Dialect is the store's naming dialect (cached detection or the settings override).
	Dialect func(ctx context.Context) (dialect.Result, error)
	// Pricer prices token usage (pkg/pricing over data/prices.json); PriceOverrides are the
	// settings' overrides it was loaded with (their dates cut instant costs into slices).
	Pricer         Pricer
	PriceOverrides *pricing.Overrides
	// Presence caches which raw type values metrics hold (nil: probe every time).
	Presence *PresenceCache
	// Pipeline runs the hop-by-hop pipeline check (the same report as /health/pipeline).
	Pipeline func(ctx context.Context) health.Report
}

// Handler answers one query of its type.
type Handler func(ctx context.Context, env Env, q backend.DataQuery, m Model) backend.DataResponse

// Mux dispatches queries by their query type.
type Mux struct {
	handlers map[string]Handler
	fallback string
}

// NewMux returns a mux with every query type that exists registered.
func NewMux() *Mux {
	m := &Mux{handlers: map[string]Handler{}, fallback: TypePromQL}
	m.Handle(TypePromQL, PromQL)
	m.Handle(TypeUsage, Usage)
	m.Handle(TypeActiveUsers, ActiveUsers)
	m.Handle(TypeVariable, Variable)
	m.Handle(TypeCost, Cost)
	m.Handle(TypePipeline, Pipeline)
	return m
}

// Handle registers the handler of a query type.
func (m *Mux) Handle(queryType string, h Handler) { m.handlers[queryType] = h }

// Types lists the registered query types.
func (m *Mux) Types() []string {
	out := make([]string, 0, len(m.handlers))
	for k := range m.handlers {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Serve answers one query; an unknown query type is an error naming the known ones.
func (m *Mux) Serve(ctx context.Context, env Env, q backend.DataQuery) backend.DataResponse {
	var qm Model
	if len(q.JSON) > 0 {
		if err := json.Unmarshal(q.JSON, &qm); err != nil {
			return backend.ErrDataResponse(backend.StatusBadRequest, "query JSON is invalid: "+err.Error())
		}
	}
	qt := q.QueryType
	if qt == "" {
		qt = qm.QueryType
	}
	if qt == "" {
		qt = m.fallback
	}
	h, ok := m.handlers[qt]
	if !ok {
		return backend.ErrDataResponse(backend.StatusBadRequest,
			fmt.Sprintf("unknown query type %q (known: %s)", qt, strings.Join(m.Types(), ", ")))
	}
	return h(ctx, env, q, qm)
}
