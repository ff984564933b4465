package query

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	v1 "github.com/prometheus/client_golang/api/prometheus/v1"
	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/labels"

	"github.com/seatmeter/seatmeter/pkg/catalog"
	"github.com/seatmeter/seatmeter/pkg/frames"
	"github.com/seatmeter/seatmeter/pkg/rewrite"
)

// TypeUsage is a canonical measure from the catalog, grouped and filtered by canonical labels.
const TypeUsage = "usage"

// minUsageStep is the shortest bucket: OTel exports come 60 s apart by default, so shorter buckets
// are mostly empty and only cost evaluations.
const minUsageStep = 2 * time.Minute

// maxUsagePoints caps the steps of a range usage query: every step re-aggregates every series, and
// about a hundred bars already fill a panel (90 days: daily buckets).
const maxUsagePoints = 120

// bucketSizes are the steps a range usage query uses, the smallest one that fits: buckets on round
// times (days start at 00:00 UTC) read well as bars and let a store cache them.
var bucketSizes = []time.Duration{2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute,
	time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour, 2 * 24 * time.Hour, 7 * 24 * time.Hour}

// bucketFor is the first bucket size at least min; past the largest, min in whole days.
func bucketFor(min time.Duration) time.Duration {
	for _, b := range bucketSizes {
		if b >= min {
			return b
		}
	}
	day := 24 * time.Hour
	return (min + day - 1) / day * day
}

// usagePlan is a measure query ready to send: the PromQL, where and how to evaluate it. A range
// query's buckets are aligned on multiples of the step (so a refresh does not move them and the
// store can cache them); the part of the range after the last whole bucket is asked as one instant
// "tail" and appended as the last point, so the points always add up to the range's total.
type usagePlan struct {
	measure catalog.Measure
	model   Model
	expr    string
	at      time.Time
	rng     v1.Range
	tail    time.Duration // range only: (rng.End, at] counted by an instant query at `at`
	span    time.Duration // instant only: the range counted, (at-span, at]
	sub     time.Duration // instant only: the sub-bucket every part of the answer uses
	dialect catalog.Dialect
	present map[string]map[string]bool
	cat     *catalog.Catalog
}

// planUsage turns a usage model into PromQL over the store's dialect.
func planUsage(ctx context.Context, env Env, q backend.DataQuery, m Model) (*usagePlan, error) {
	meas, ok := env.Catalog.Measure(m.Measure)
	if !ok {
		return nil, fmt.Errorf("unknown measure %q: pick one from the catalog (/catalog)", m.Measure)
	}
	if len(meas.Metrics) == 0 {
		return nil, fmt.Errorf("measure %q is calculated, not stored: use the %s query type", meas.ID, calculatedBy(meas.ID))
	}
	for _, g := range m.GroupBy {
		if !contains(CanonicalLabels, g) {
			return nil, fmt.Errorf("groupBy %q is not a canonical label (%s)", g, strings.Join(CanonicalLabels, ", "))
		}
	}
	m.Filters = m.Filters.withoutAllMarkers()
	dl, err := env.Dialect(ctx)
	if err != nil {
		return nil, err
	}
	p := &usagePlan{measure: meas, model: m, at: q.TimeRange.To, dialect: dl.Dialect, cat: env.Catalog}
	p.present = rawTypesPresent(ctx, env, meas, dl.Dialect, m.Filters)
	span := q.TimeRange.To.Sub(q.TimeRange.From)
	if m.Instant {
		p.span, p.sub = span, subBucket(span, env.Catalog.MaxStale())
		p.expr, err = p.instantExpr(span, p.at)
		return p, err
	}
	step := bucketFor(max(Step(q), minUsageStep, span/maxUsagePoints))
	step, win := rangeStep(step, env.Catalog.MaxStale())
	// The first bucket ends after From; the last whole one at or before To.
	start := q.TimeRange.From.Truncate(step).Add(step)
	end := q.TimeRange.To.Truncate(step)
	p.rng = v1.Range{Start: start, End: end, Step: step}
	p.tail = q.TimeRange.To.Sub(end)
	if end.Before(start) {
		p.rng = v1.Range{} // the range is inside one bucket: the tail is all of it
	}
	p.expr, err = p.exprFor(win)
	return p, err
}

// instantExpr counts (at-length, at] exactly in one evaluation at `at`, in the plan's sub-buckets
// (a range query's tail: its own).
func (p *usagePlan) instantExpr(length time.Duration, at time.Time) (string, error) {
	sub := p.sub
	if sub == 0 {
		sub = subBucket(length, p.cat.MaxStale())
	}
	return p.exprFor(instantWindow(length, sub, at))
}

// rawTypesPresent asks the store which raw type values each subset-bearing metric (Codex tokens)
// holds, so the cheaper formula is used when no collector-normalised series exist. The filters
// narrow the probe, so a filtered query is judged by the series it reads; the answer is cached.
func rawTypesPresent(ctx context.Context, env Env, meas catalog.Measure, d catalog.Dialect, f Filters) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	b := newBuilder(env.Catalog, d, window{step: time.Minute, n: 1})
	for _, mt := range meas.Metrics {
		tl, ok := mt.Labels["type"]
		agent, known := env.Catalog.Agent(mt.Agent)
		if len(mt.SubsetOf) == 0 || !ok || !known {
			continue
		}
		var sels []string
		for _, ms := range b.userAlternatives(agent, f.User) {
			if a, ok := mt.Labels["model"]; ok && len(f.Model) > 0 {
				ms = append(ms, matcher(labels.MatchRegexp, b.label(a), regexOf(f.Model)))
			}
			sels = append(sels, rewrite.Selector(mt.Name(d), ms...))
		}
		set, err := env.Presence.values(ctx, env, catalog.Label(tl, d), sels)
		if err != nil {
			continue // unknown: the full formula is used
		}
		out[mt.Name(d)] = set
	}
	return out
}

// exprFor writes the plan's PromQL counting the given window.
func (p *usagePlan) exprFor(win window) (string, error) {
	b := newBuilder(p.cat, p.dialect, win)
	b.present = p.present
	expr, err := b.measureExpr(p.measure, p.model.Filters, p.model.GroupBy)
	if err != nil {
		return "", err
	}
	if _, err := rewrite.Parse(expr); err != nil {
		return "", fmt.Errorf("internal: built invalid PromQL (%v): %s", err, expr)
	}
	return expr, nil
}

func same(s string) string { return s }

// maxSeries bounds how many series one answer may hold: beyond it the answer outgrows the plugin
// protocol's 16 MB message and no panel can show it anyway.
const maxSeries = 5000

func checkSeries(n int) error {
	if n > maxSeries {
		return fmt.Errorf("the answer has %d series, more than the %d one panel can take: group by fewer labels or filter (e.g. $user)", n, maxSeries)
	}
	return nil
}

func seriesIn(v model.Value) int {
	switch val := v.(type) {
	case model.Matrix:
		return len(val)
	case model.Vector:
		return len(val)
	}
	return 0
}

func calculatedBy(id string) string {
	if id == activeUsersMeasure {
		return TypeActiveUsers
	}
	return TypeCost
}

// Usage answers a canonical measure query.
func Usage(ctx context.Context, env Env, q backend.DataQuery, m Model) backend.DataResponse {
	p, err := planUsage(ctx, env, q, m)
	if err != nil {
		return backend.ErrDataResponse(backend.StatusBadRequest, err.Error())
	}
	val, notices, err := p.run(ctx, env, same, true)
	if err != nil {
		return backend.ErrDataResponse(backend.StatusBadGateway, err.Error())
	}
	if err := checkSeries(seriesIn(val)); err != nil {
		return backend.ErrDataResponse(backend.StatusBadRequest, err.Error())
	}
	custom := Custom{Source: env.Catalog.Sources[p.measure.Source], Formula: p.measure.Formula, Dialect: string(p.dialect), Measure: p.measure.ID}
	opts := frames.Options{RefID: q.RefID, Unit: p.measure.Unit, LegendFormat: legendOr(m.LegendFormat, p.model.GroupBy, p.measure.Name),
		Executed: p.expr, Notices: notices, Custom: custom, CustomRest: custom.ref()}
	fs, err := frames.FromValue(val, opts)
	if err != nil {
		return backend.ErrDataResponse(backend.StatusInternal, err.Error())
	}
	return backend.DataResponse{Frames: fs}
}

// legendOr is the user's legend, else the group-by values ("claude-code / input"), else the measure name.
func legendOr(legend string, groupBy []string, name string) string {
	if strings.TrimSpace(legend) != "" {
		return legend
	}
	if len(groupBy) == 0 {
		return name
	}
	parts := make([]string, len(groupBy))
	for i, g := range groupBy {
		parts[i] = "{{" + g + "}}"
	}
	return strings.Join(parts, " / ")
}
