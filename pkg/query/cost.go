package query

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/prometheus/common/model"

	"github.com/seatmeter/seatmeter/pkg/frames"
)

// TypeCost is usage priced three ways: vendor-reported, cache-aware, or at the list-price ceiling.
const TypeCost = "cost"

// Cost bases.
const (
	BasisReported   = "reported"
	BasisCacheAware = "cache-aware"
	BasisCeiling    = "list-ceiling"
)

// Catalog measures the bases are described by.
var basisMeasure = map[string]string{BasisReported: "cost_reported", BasisCacheAware: "cost_estimated", BasisCeiling: "cost_ceiling"}

// Tokens is one (agent, model) usage record in canonical, disjoint types.
type Tokens struct {
	Input, Output, CacheRead, CacheWrite float64
}

func (t Tokens) total() float64 { return t.Input + t.Output + t.CacheRead + t.CacheWrite }

// Priced is the USD cost of a Tokens record.
type Priced struct {
	Input, Output, CacheRead, CacheWrite, Total, ListCeiling float64
	AssumedCacheWriteTTL                                     string
}

// Pricer prices usage with the prices in force at `at`; ok is false for a model without a price.
type Pricer interface {
	Price(agent, modelID string, at time.Time, t Tokens) (p Priced, ok bool, reason string, err error)
}

// Cost answers a cost query.
func Cost(ctx context.Context, env Env, q backend.DataQuery, m Model) backend.DataResponse {
	basis := m.Basis
	if basis == "" {
		basis = BasisCacheAware
	}
	if _, ok := basisMeasure[basis]; !ok {
		return backend.ErrDataResponse(backend.StatusBadRequest, fmt.Sprintf("basis %q is not one of reported, cache-aware, list-ceiling", m.Basis))
	}
	if basis == BasisReported {
		return reportedCost(ctx, env, q, m)
	}
	if env.Pricer == nil {
		return backend.ErrDataResponse(backend.StatusInternal, "no price dataset loaded")
	}
	for _, g := range m.GroupBy {
		if !contains(CanonicalLabels, g) {
			return backend.ErrDataResponse(backend.StatusBadRequest, fmt.Sprintf("groupBy %q is not a canonical label (%s)", g, strings.Join(CanonicalLabels, ", ")))
		}
	}
	// Prices depend on agent, model, type and time; the user is fetched only when grouped by.
	tm := Model{Measure: tokensMeasure, GroupBy: []string{"agent", "model", "type"}, Filters: m.Filters, Instant: m.Instant}
	if contains(m.GroupBy, "user") {
		tm.GroupBy = CanonicalLabels
	}
	p, err := planUsage(ctx, env, q, tm)
	if err != nil {
		return backend.ErrDataResponse(backend.StatusBadRequest, err.Error())
	}
	var (
		tokens  model.Matrix
		notices []data.Notice
	)
	if m.Instant {
		tokens, notices, err = tokensBySlice(ctx, env, p, tm, q.TimeRange.From)
	} else {
		var val model.Value
		val, notices, err = p.run(ctx, env, same, true)
		tokens = asMatrix(val)
	}
	if err != nil {
		return backend.ErrDataResponse(backend.StatusBadGateway, err.Error())
	}
	pr, err := priceSeries(env.Pricer, tokens, basis, m.GroupBy)
	if err != nil {
		return backend.ErrDataResponse(backend.StatusInternal, err.Error())
	}
	if err := checkSeries(len(pr.priced) + len(pr.unpriced)); err != nil {
		return backend.ErrDataResponse(backend.StatusBadRequest, err.Error())
	}
	shape := func(mx model.Matrix) model.Value {
		if m.Instant {
			return collapse(mx, p.at)
		}
		return mx
	}
	meas, _ := env.Catalog.Measure(basisMeasure[basis])
	custom := Custom{Source: env.Catalog.Sources[meas.Source], Formula: meas.Formula, Dialect: string(p.dialect), Measure: meas.ID, Basis: basis, Unpriced: pr.unpricedModels}
	notices = append(notices, pr.notices(basis, env.Settings.CacheWriteTTL)...)
	legend := legendOr(m.LegendFormat, m.GroupBy, meas.Name)
	fs, err := frames.FromValue(shape(pr.priced), frames.Options{RefID: q.RefID, Unit: "currencyUSD", LegendFormat: legend, Executed: p.expr, Custom: custom, CustomRest: custom.ref(), Notices: notices})
	if err != nil {
		return backend.ErrDataResponse(backend.StatusInternal, err.Error())
	}
	if len(pr.unpriced) > 0 {
		uf, _ := frames.FromValue(shape(pr.unpriced), frames.Options{RefID: q.RefID, Unit: "short", LegendFormat: legendOr(m.LegendFormat, withModel(m.GroupBy), "") + " (unpriced: tokens)",
			Custom: custom, CustomRest: custom.ref()})
		if len(pr.priced) == 0 {
			fs = nil // the empty placeholder frame is not needed next to unpriced series
			uf[0].Meta.ExecutedQueryString, uf[0].Meta.Notices = p.expr, notices
		}
		fs = append(fs, uf...)
	}
	return backend.DataResponse{Frames: fs}
}

func withModel(groupBy []string) []string {
	if contains(groupBy, "model") {
		return groupBy
	}
	return append(append([]string{}, groupBy...), "model")
}

func reportedCost(ctx context.Context, env Env, q backend.DataQuery, m Model) backend.DataResponse {
	um := m
	um.Measure = basisMeasure[BasisReported]
	r := Usage(ctx, env, q, um)
	if r.Error != nil || len(r.Frames) == 0 {
		return r
	}
	meas, _ := env.Catalog.Measure(um.Measure)
	reporting := map[string]bool{}
	for _, mt := range meas.Metrics {
		reporting[mt.Agent] = true
	}
	var silent []string
	for _, a := range env.Catalog.Agents {
		if !reporting[a.ID] && (len(m.Filters.Agent) == 0 || contains(m.Filters.Agent, a.ID)) {
			silent = append(silent, a.Name)
		}
	}
	for _, f := range r.Frames {
		switch c := f.Meta.Custom.(type) {
		case Custom:
			c.Basis = BasisReported
			f.Meta.Custom = c
		case CustomRef:
			c.Basis = BasisReported
			f.Meta.Custom = c
		}
		if len(silent) > 0 {
			f.Meta.Notices = append(f.Meta.Notices, data.Notice{Severity: data.NoticeSeverityInfo,
				Text: strings.Join(silent, ", ") + " report no cost of their own: choose the cache-aware basis to price their tokens."})
		}
	}
	return r
}

// tokensBySlice reads an instant cost's tokens in slices cut where a price changes (usually one
// slice), each stamped just before its end so it is priced with the prices in force during it.
func tokensBySlice(ctx context.Context, env Env, p *usagePlan, m Model, from time.Time) (model.Matrix, []data.Notice, error) {
	edges := append(append([]time.Time{from}, PriceBoundaries(env.PriceOverrides, from, p.at)...), p.at)
	// A long slice goes out in two halves at once (same prices in both).
	var ends []time.Time
	for i := 1; i < len(edges); i++ {
		if edges[i].Sub(edges[i-1]) >= minPartSpan {
			ends = append(ends, edges[i-1].Add(edges[i].Sub(edges[i-1])/2).Truncate(time.Millisecond))
		}
		ends = append(ends, edges[i])
	}
	var parts []part
	start := from
	for _, end := range ends {
		expr, err := p.instantExpr(end.Sub(start), end)
		if err != nil {
			return nil, nil, err
		}
		parts = append(parts, part{expr: expr, instant: true, at: end})
		start = end
	}
	vals, notices, err := runParts(ctx, env, parts)
	if err != nil {
		return nil, nil, err
	}
	var out model.Matrix
	for i, val := range vals {
		stamp := model.TimeFromUnixNano(ends[i].Add(-time.Millisecond).UnixNano())
		for _, s := range asMatrix(val) {
			for j := range s.Values {
				s.Values[j].Timestamp = stamp
			}
			out = append(out, s)
		}
	}
	return out, notices, nil
}

// collapse sums each series' slices into one instant sample at `at`.
func collapse(m model.Matrix, at time.Time) model.Vector {
	out := model.Vector{}
	for _, s := range m {
		total := 0.0
		for _, p := range s.Values {
			total += float64(p.Value)
		}
		out = append(out, &model.Sample{Metric: s.Metric, Timestamp: model.TimeFromUnixNano(at.UnixNano()), Value: model.SampleValue(total)})
	}
	return out
}

// asMatrix turns an instant vector into one-point series so both shapes are priced alike.
func asMatrix(v model.Value) model.Matrix {
	switch val := v.(type) {
	case model.Matrix:
		return val
	case model.Vector:
		out := make(model.Matrix, len(val))
		for i, s := range val {
			out[i] = &model.SampleStream{Metric: s.Metric, Values: []model.SamplePair{{Timestamp: s.Timestamp, Value: s.Value}}}
		}
		return out
	}
	return nil
}

// pricedResult is the cost series, the unpriced token series, and what was assumed.
type pricedResult struct {
	priced, unpriced model.Matrix
	unpricedModels   []string
	assumedTTL       string
	cacheWrites      bool
}

func (r pricedResult) notices(basis, settingsTTL string) []data.Notice {
	var out []data.Notice
	if r.cacheWrites && basis == BasisCacheAware {
		ttl := r.assumedTTL
		if ttl == "" {
			ttl = settingsTTL
		}
		out = append(out, data.Notice{Severity: data.NoticeSeverityInfo, Text: fmt.Sprintf(
			"Cache writes are priced as %s writes: OTel reports them without their TTL. Change cacheWriteTTL in the data source settings if your agents mostly write the other TTL.", ttl)})
	}
	if len(r.unpricedModels) > 0 {
		out = append(out, data.Notice{Severity: data.NoticeSeverityWarning, Text: fmt.Sprintf(
			"No price for %s: shown as token volume with priced=\"false\", not as $0. Add a price override for them.", strings.Join(r.unpricedModels, ", "))})
	}
	return out
}

// tokenTypeOrder is the order of Tokens' fields.
var tokenTypeOrder = []string{"input", "output", "cache_read", "cache_write"}

type recordKey struct {
	agent, user, model string
	ts                 model.Time
}

// priceSeries prices each (agent, user, model) step at that step's time and sums by groupBy.
func priceSeries(pricer Pricer, m model.Matrix, basis string, groupBy []string) (pricedResult, error) {
	records := map[recordKey]*Tokens{}
	for _, s := range m {
		for _, p := range s.Values {
			k := recordKey{string(s.Metric["agent"]), string(s.Metric["user"]), string(s.Metric["model"]), p.Timestamp}
			t := records[k]
			if t == nil {
				t = &Tokens{}
				records[k] = t
			}
			v := float64(p.Value)
			switch s.Metric["type"] {
			case "input":
				t.Input += v
			case "output":
				t.Output += v
			case "cache_read":
				t.CacheRead += v
			case "cache_write":
				t.CacheWrite += v
			}
		}
	}
	res := pricedResult{}
	priced, unpriced := newAccumulator(groupBy), newAccumulator(withModel(groupBy))
	unpricedModels := map[string]bool{}
	// Summed in a fixed order so the same data gives bit-identical floats.
	keys := make([]recordKey, 0, len(records))
	for k := range records {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.ts != b.ts {
			return a.ts < b.ts
		}
		return a.agent+"\x00"+a.user+"\x00"+a.model < b.agent+"\x00"+b.user+"\x00"+b.model
	})
	for _, k := range keys {
		t := records[k]
		labels := model.Metric{"agent": model.LabelValue(k.agent), "user": model.LabelValue(k.user), "model": model.LabelValue(k.model)}
		at := k.ts.Time().UTC()
		pc, ok, _, err := pricer.Price(k.agent, k.model, at, *t)
		if err != nil {
			return res, fmt.Errorf("pricing %s at %s: %w", k.model, at.Format(time.RFC3339), err)
		}
		if t.CacheWrite > 0 {
			res.cacheWrites = true
		}
		if !ok {
			unpricedModels[k.model] = true
			for i, v := range []float64{t.Input, t.Output, t.CacheRead, t.CacheWrite} {
				if v != 0 {
					unpriced.add(labels, tokenTypeOrder[i], k.ts, v, model.Metric{"priced": "false"})
				}
			}
			continue
		}
		if pc.AssumedCacheWriteTTL != "" {
			res.assumedTTL = pc.AssumedCacheWriteTTL
		}
		byType := map[string]float64{"input": pc.Input, "output": pc.Output, "cache_read": pc.CacheRead, "cache_write": pc.CacheWrite}
		if basis == BasisCeiling {
			byType, err = ceilingByType(pricer, k, at, *t, pc)
			if err != nil {
				return res, err
			}
		}
		for _, typ := range tokenTypeOrder {
			priced.add(labels, typ, k.ts, byType[typ], nil)
		}
	}
	res.priced, res.unpriced = priced.matrix(), unpriced.matrix()
	for mdl := range unpricedModels {
		res.unpricedModels = append(res.unpricedModels, mdl)
	}
	sort.Strings(res.unpricedModels)
	return res, nil
}

// ceilingByType splits the list-price ceiling by type: every input-side type priced as plain input.
func ceilingByType(pricer Pricer, k recordKey, at time.Time, t Tokens, pc Priced) (map[string]float64, error) {
	out := map[string]float64{"output": pc.Output}
	for typ, n := range map[string]float64{"input": t.Input, "cache_read": t.CacheRead, "cache_write": t.CacheWrite} {
		if n == 0 {
			out[typ] = 0
			continue
		}
		p, _, _, err := pricer.Price(k.agent, k.model, at, Tokens{Input: n})
		if err != nil {
			return nil, err
		}
		out[typ] = p.Input
	}
	return out, nil
}
