// Package pricing is Seatmeter's one cost formula (../shared/docs/sources.md §5) over the one price dataset
// (data/prices.json). src/shared/pricing is the TypeScript twin; both pass every case of data/cost-vectors.json.
package pricing

import (
	"errors"
	"fmt"
	"time"
)

// CacheTTL is a prompt-cache write lifetime.
type CacheTTL string

const (
	TTL5m CacheTTL = "5m"
	TTL1h CacheTTL = "1h"
)

// Tokens is the one canonical usage record for all agents; the fields are disjoint.
type Tokens struct {
	Input             float64 `json:"input"`  // uncached input only
	Output            float64 `json:"output"` // includes reasoning
	CacheRead         float64 `json:"cacheRead"`
	CacheWrite5m      float64 `json:"cacheWrite5m"`
	CacheWrite1h      float64 `json:"cacheWrite1h"`
	CacheWriteUnknown float64 `json:"cacheWriteUnknown"`   // aggregate writes of unknown TTL, priced at the assumed TTL
	Reasoning         float64 `json:"reasoning,omitempty"` // informational sub-breakdown of output, never added
}

// Request is one priced usage record.
type Request struct {
	Agent        string    `json:"agent"`
	Model        string    `json:"model"`     // raw id as the agent reported it
	Timestamp    time.Time `json:"timestamp"` // usage time: prices in force then
	Tokens       Tokens    `json:"tokens"`
	Speed        string    `json:"speed,omitempty"` // "standard" | "fast"
	InferenceGeo string    `json:"inferenceGeo,omitempty"`
	PerRequest   bool      `json:"perRequest,omitempty"` // tokens are ONE request: tier rules apply
}

// Breakdown is a cost in USD.
type Breakdown struct {
	Priced               bool     `json:"priced"`
	ModelID              string   `json:"modelId"`
	Provider             string   `json:"provider"`
	PriceRowFrom         string   `json:"priceRowFrom"`
	Input                float64  `json:"input"`
	Output               float64  `json:"output"`
	CacheRead            float64  `json:"cacheRead"`
	CacheWrite           float64  `json:"cacheWrite"`
	Total                float64  `json:"total"`
	ListCeiling          float64  `json:"listCeiling"` // all input-side tokens at the input price + output
	AssumedCacheWriteTTL CacheTTL `json:"assumedCacheWriteTTL,omitempty"`
	Notes                []string `json:"notes"`
}

// ErrUnpriced matches (errors.Is) every *UnpricedError.
var ErrUnpriced = errors.New("pricing: unpriced")

// UnpricedError reports usage that could not be priced, with its tokens: never costed at $0.
type UnpricedError struct {
	Model  string `json:"model"`
	Reason string `json:"reason"`
	Tokens Tokens `json:"tokens"`
}

func (e *UnpricedError) Error() string {
	return fmt.Sprintf("pricing: model %q unpriced: %s", e.Model, e.Reason)
}

// Is makes errors.Is(err, ErrUnpriced) true.
func (e *UnpricedError) Is(target error) bool { return target == ErrUnpriced }

// Prices are USD per million tokens.
type Prices struct {
	Input        float64 `json:"input"`
	Output       float64 `json:"output"`
	CacheRead    float64 `json:"cacheRead"`
	CacheWrite5m float64 `json:"cacheWrite5m"`
	CacheWrite1h float64 `json:"cacheWrite1h"`
}

// Overrides are the user's price overrides (data source settings / overrides file). Build them with
// ParseOverrides so they carry the documented defaults.
type Overrides struct {
	DiscountPercent *float64        `json:"discountPercent,omitempty"`
	Models          []ModelOverride `json:"models,omitempty"`
}

// ModelOverride adjusts one dataset model or adds a custom/private one.
type ModelOverride struct {
	ID              string        `json:"id"`
	Provider        string        `json:"provider,omitempty"`
	Aliases         []string      `json:"aliases,omitempty"`
	DiscountPercent *float64      `json:"discountPercent,omitempty"`
	Prices          []OverrideRow `json:"prices,omitempty"`
}

// OverrideRow is a replacement price row in force from From (inclusive) to To (exclusive, optional).
type OverrideRow struct {
	From string `json:"from"`
	To   string `json:"to,omitempty"`
	Prices
}
