package pricing

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Book prices usage with the dataset plus the user's overrides.
type Book struct {
	ttl             CacheTTL
	discountPercent float64
	models          map[string]*bookModel
	overrideIndex   map[string]string
	datasetIndex    map[string]string
	data            *datasetFile
}

type bookModel struct {
	provider     string
	rows         []row
	overrideRows []row
	discount     *float64
}

// Option adjusts Load.
type Option func(*Book) error

// WithAssumedCacheWriteTTL sets the TTL assumed for cache writes of unknown TTL (default 5m).
func WithAssumedCacheWriteTTL(ttl CacheTTL) Option {
	return func(b *Book) error {
		if ttl != TTL5m && ttl != TTL1h {
			return fmt.Errorf(`assumedCacheWriteTTL: must be "5m" or "1h"`)
		}
		b.ttl = ttl
		return nil
	}
}

// Load builds a Book from data/prices.json and optional overrides (from ParseOverrides; nil for none).
func Load(overrides *Overrides, opts ...Option) (*Book, error) {
	d, idx, err := dataset()
	if err != nil {
		return nil, err
	}
	b := &Book{ttl: TTL5m, models: map[string]*bookModel{}, overrideIndex: map[string]string{}, datasetIndex: idx, data: d}
	for _, o := range opts {
		if err := o(b); err != nil {
			return nil, err
		}
	}
	for id, m := range d.Models {
		bm := &bookModel{provider: m.Provider}
		for _, p := range m.Prices {
			r, err := toRow(p.From, p.To, p.Tiers, p.Prices, false)
			if err != nil {
				return nil, err
			}
			sort.SliceStable(r.tiers, func(i, j int) bool { return r.tiers[i].AboveInputTokens < r.tiers[j].AboveInputTokens })
			bm.rows = append(bm.rows, r)
		}
		b.models[id] = bm
	}
	if overrides == nil {
		return b, nil
	}
	// Re-validate so hand-built overrides get the same checks and defaults as parsed ones.
	raw, err := json.Marshal(overrides)
	if err != nil {
		return nil, err
	}
	ov, err := ParseOverrides(raw)
	if err != nil {
		return nil, err
	}
	if ov.DiscountPercent != nil {
		b.discountPercent = *ov.DiscountPercent
	}
	for _, mo := range ov.Models {
		id, known := lookup(idx, mo.ID)
		if !known {
			id = NormalizeModelID(mo.ID)
			provider := mo.Provider
			if provider == "" {
				provider = "custom"
			}
			b.models[id] = &bookModel{provider: provider}
			b.overrideIndex[id] = id
		}
		bm := b.models[id]
		for _, a := range mo.Aliases {
			b.overrideIndex[NormalizeModelID(a)] = id
		}
		bm.overrideRows = nil
		for _, p := range mo.Prices {
			r, err := toRow(p.From, p.To, nil, p.Prices, true)
			if err != nil {
				return nil, err
			}
			bm.overrideRows = append(bm.overrideRows, r)
		}
		bm.discount = mo.DiscountPercent
	}
	return b, nil
}

// AsOf is the dataset's as-of date.
func (b *Book) AsOf() string { return b.data.AsOf }

// SourceVersion is the version of the package the dataset was generated from.
func (b *Book) SourceVersion() string { return b.data.Source.Version }

// KnownModels lists every priced model id (dataset and custom), sorted.
func (b *Book) KnownModels() []string {
	out := make([]string, 0, len(b.models))
	for id := range b.models {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// ResolveModel maps a raw model id to its canonical id.
func (b *Book) ResolveModel(raw string) (string, bool) {
	if IsSynthetic(raw) {
		return "", false
	}
	for _, c := range modelIDCandidates(raw) {
		if id, ok := b.overrideIndex[c]; ok {
			return id, true
		}
		if id, ok := b.datasetIndex[c]; ok {
			return id, true
		}
	}
	return "", false
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func checkTokens(t Tokens) error {
	for _, f := range []struct {
		name string
		v    float64
	}{{"input", t.Input}, {"output", t.Output}, {"cacheRead", t.CacheRead}, {"cacheWrite5m", t.CacheWrite5m}, {"cacheWrite1h", t.CacheWrite1h}, {"cacheWriteUnknown", t.CacheWriteUnknown}} {
		if math.IsNaN(f.v) || math.IsInf(f.v, 0) || f.v < 0 {
			return fmt.Errorf("tokens.%s: must be a number >= 0", f.name)
		}
	}
	return nil
}

// Price costs one usage record. Usage that cannot be priced returns an *UnpricedError (errors.Is ErrUnpriced)
// carrying its tokens; invalid token counts return a plain error.
func (b *Book) Price(r Request) (Breakdown, error) {
	t := r.Tokens
	if err := checkTokens(t); err != nil {
		return Breakdown{}, err
	}
	unpriced := func(reason string) (Breakdown, error) {
		return Breakdown{}, &UnpricedError{Model: r.Model, Reason: reason, Tokens: t}
	}
	if IsSynthetic(r.Model) {
		return unpriced("synthetic model: no billable usage")
	}
	id, ok := b.ResolveModel(r.Model)
	if !ok {
		return unpriced("unknown model")
	}
	m := b.models[id]
	var use *row
	for _, rows := range [][]row{m.overrideRows, m.rows} {
		for i := range rows {
			if use == nil && rows[i].inForce(r.Timestamp) {
				use = &rows[i]
			}
		}
	}
	if use == nil {
		return unpriced("no price in force on " + r.Timestamp.UTC().Format("2006-01-02"))
	}
	notes := []string{}
	if use.override {
		notes = append(notes, "override prices from "+use.from)
	}
	inputSide := t.Input + t.CacheRead + t.CacheWrite5m + t.CacheWrite1h + t.CacheWriteUnknown
	p := use.Prices
	var applicable *tier
	for i := range use.tiers {
		if inputSide > use.tiers[i].AboveInputTokens {
			applicable = &use.tiers[i]
		}
	}
	if applicable != nil && r.PerRequest {
		p = applicable.Prices
		notes = append(notes, fmt.Sprintf("long-context tier applied: input-side tokens %s > %s", num(inputSide), num(applicable.AboveInputTokens)))
	} else if applicable != nil {
		notes = append(notes, fmt.Sprintf("long-context tier not applied to aggregate usage (input-side tokens > %s)", num(applicable.AboveInputTokens)))
	}
	prov, hasProv := b.data.Providers[m.provider]
	fast := 1.0
	if r.Speed == "fast" {
		if hasProv {
			fast = prov.FastMultiplier
			notes = append(notes, "fast x"+num(fast))
		} else {
			notes = append(notes, fmt.Sprintf("fast: no multiplier known for provider %s, standard price used", m.provider))
		}
	}
	geoName := strings.ToLower(strings.TrimSpace(r.InferenceGeo))
	geo := 1.0
	if g, ok := prov.GeoMultipliers[geoName]; hasProv && ok {
		geo = g
	}
	if geo != 1 {
		notes = append(notes, fmt.Sprintf("inference geo %s x%s", geoName, num(geo)))
	}
	discount := b.discountPercent
	if m.discount != nil {
		discount = *m.discount
	}
	if discount > 0 {
		notes = append(notes, "discount "+num(discount)+"%")
	}
	mult := fast * geo * (1 - discount/100)
	cost := func(tokens, perMillion float64) float64 { return ((tokens * perMillion) / 1e6) * mult }
	unknownPrice := p.CacheWrite5m
	if b.ttl == TTL1h {
		unknownPrice = p.CacheWrite1h
	}
	out := Breakdown{
		Priced:       true,
		ModelID:      id,
		Provider:     m.provider,
		PriceRowFrom: use.from,
		Input:        cost(t.Input, p.Input),
		Output:       cost(t.Output, p.Output),
		CacheRead:    cost(t.CacheRead, p.CacheRead),
		CacheWrite:   cost(t.CacheWrite5m, p.CacheWrite5m) + cost(t.CacheWrite1h, p.CacheWrite1h) + cost(t.CacheWriteUnknown, unknownPrice),
	}
	out.Total = out.Input + out.Output + out.CacheRead + out.CacheWrite
	out.ListCeiling = cost(inputSide, p.Input) + out.Output
	if t.CacheWriteUnknown > 0 {
		out.AssumedCacheWriteTTL = b.ttl
		notes = append(notes, "cache writes of unknown TTL priced as "+string(b.ttl))
	}
	out.Notes = notes
	return out, nil
}
