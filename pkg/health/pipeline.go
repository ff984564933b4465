// Package health checks the telemetry pipeline hop by hop as seen from the store: reachable,
// naming dialect, which agents and developers send data, and the known ways data goes missing.
package health

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/labels"

	"github.com/seatmeter/seatmeter/pkg/catalog"
	"github.com/seatmeter/seatmeter/pkg/dialect"
	"github.com/seatmeter/seatmeter/pkg/rewrite"
)

// Status of one hop.
type Status string

const (
	OK    Status = "ok"
	Warn  Status = "warn"
	Error Status = "error"
)

// Hop is one finding, with what to change where when it is not ok.
type Hop struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Status  Status `json:"status"`
	Message string `json:"message"`
	Fix     string `json:"fix,omitempty"`
}

// UserSeen is when a developer last sent data.
type UserSeen struct {
	User       string    `json:"user"`
	LastSample time.Time `json:"lastSample"`
}

// AgentSeen is when an agent last sent data, and per developer.
type AgentSeen struct {
	Agent      string     `json:"agent"`
	LastSample time.Time  `json:"lastSample"`
	Users      []UserSeen `json:"users"`
}

// Report is the /health/pipeline answer.
type Report struct {
	Hops    []Hop       `json:"hops"`
	Dialect string      `json:"dialect"`
	Agents  []AgentSeen `json:"agents"`
}

// Worst is the report's overall status.
func (r Report) Worst() Status {
	w := OK
	for _, h := range r.Hops {
		if h.Status == Error {
			return Error
		}
		if h.Status == Warn {
			w = Warn
		}
	}
	return w
}

// Querier runs an instant PromQL query against the store.
type Querier func(ctx context.Context, expr string, at time.Time) (model.Value, error)

// Checker runs the pipeline checks.
type Checker struct {
	Catalog *catalog.Catalog
	Query   Querier
	Dialect func(ctx context.Context) (dialect.Result, error)
	// Lookback is how far back "last sample" looks (default 7 days).
	Lookback time.Duration
	Now      func() time.Time
}

// Run performs every check; a store that cannot be reached stops after the first hop.
func (c *Checker) Run(ctx context.Context) Report {
	now := time.Now()
	if c.Now != nil {
		now = c.Now()
	}
	if c.Lookback == 0 {
		c.Lookback = 7 * 24 * time.Hour
	}
	var r Report
	if _, err := c.Query(ctx, "vector(1)", now); err != nil {
		r.Hops = append(r.Hops, Hop{ID: "store", Name: "Store reachable", Status: Error, Message: err.Error(),
			Fix: "Check the data source URL (Prometheus API base, e.g. http://mimir:9009/prometheus), auth and the X-Scope-OrgID header."})
		return r
	}
	r.Hops = append(r.Hops, Hop{ID: "store", Name: "Store reachable", Status: OK, Message: "The store answers PromQL."})
	dl, err := c.Dialect(ctx)
	if err != nil {
		r.Hops = append(r.Hops, Hop{ID: "dialect", Name: "Naming dialect", Status: Error, Message: err.Error(),
			Fix: "The store must allow listing metric names (/api/v1/label/__name__/values); or set the dialect in the data source settings."})
		return r
	}
	r.Dialect = string(dl.Dialect)
	h := Hop{ID: "dialect", Name: "Naming dialect", Status: OK, Message: dl.Describe()}
	if dl.How == "assumed" {
		h.Status = Warn
		h.Fix = "Point the agents' OTLP exporters at the collector (see the configuration snippets), or set the dialect in the data source settings."
	}
	r.Hops = append(r.Hops, h)
	s := &scan{c: c, d: dl.Dialect, now: now}
	r.Agents = s.agents(ctx, &r)
	r.Hops = append(r.Hops, s.delta(ctx), s.identity(ctx), s.sessions(ctx), s.discarded(ctx))
	return r
}

// scan holds one run's dialect and time.
type scan struct {
	c   *Checker
	d   catalog.Dialect
	now time.Time
}

func (s *scan) label(attr string) string { return catalog.Label(attr, s.d) }

func (s *scan) selector(mt catalog.Metric, ms ...*labels.Matcher) string {
	return rewrite.Selector(mt.Name(s.d), ms...)
}

func (s *scan) vector(ctx context.Context, expr string) (model.Vector, error) {
	v, err := s.c.Query(ctx, expr, s.now)
	if err != nil {
		return nil, err
	}
	vec, _ := v.(model.Vector)
	return vec, nil
}

// scalar is the sum of an instant vector's values; 0 when empty.
func (s *scan) scalar(ctx context.Context, expr string) (float64, error) {
	vec, err := s.vector(ctx, expr)
	total := 0.0
	for _, smp := range vec {
		total += float64(smp.Value)
	}
	return total, err
}

// tokenMetrics are the agents' token metrics: what "the agent sends data" means.
func (s *scan) tokenMetrics() []catalog.Metric {
	m, _ := s.c.Catalog.Measure("tokens")
	return m.Metrics
}

func dur(d time.Duration) string { return model.Duration(d).String() }

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func sortedKeys(m map[string]float64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func joinCounts(m map[string]float64) string {
	var parts []string
	for _, k := range sortedKeys(m) {
		parts = append(parts, fmt.Sprintf("%s: %.0f", k, m[k]))
	}
	return strings.Join(parts, ", ")
}
