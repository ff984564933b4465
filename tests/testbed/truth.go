package testbed

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/seatmeter/seatmeter/pkg/pricing"
)

// Total is tokens per (agent, user, model, canonical type).
type Total struct {
	Agent  string  `json:"agent"`
	User   string  `json:"user"`
	Model  string  `json:"model"`
	Type   string  `json:"type"`
	Tokens float64 `json:"tokens"`
}

// Key identifies a Total's series.
func (t Total) Key() string { return t.Agent + "|" + t.User + "|" + t.Model + "|" + t.Type }

// Truth is the simulator's ground-truth file (tests/simulator/truth.ts).
type Truth struct {
	Totals        []Total `json:"totals"`
	ClaudeCostUSD []struct {
		User  string  `json:"user"`
		Model string  `json:"model"`
		USD   float64 `json:"usd"`
	} `json:"claudeReportedCostUSD"`
	PerIntervalMax []Total        `json:"perIntervalMax"`
	ContentMarker  string         `json:"contentMarker"`
	Run            map[string]any `json:"run"`
}

// ReadTruth parses a ground-truth file.
func ReadTruth(path string) (*Truth, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var t Truth
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(t.Totals) == 0 {
		return nil, fmt.Errorf("%s: no totals", path)
	}
	return &t, nil
}

// TotalsByKey indexes totals.
func TotalsByKey(ts []Total) map[string]float64 {
	out := map[string]float64{}
	for _, t := range ts {
		out[t.Key()] += t.Tokens
	}
	return out
}

// Price prices the total's tokens with the shared engine at `at` (OTel cache writes carry no TTL: the
// engine's assumed TTL applies).
func (t Total) Price(book *pricing.Book, at time.Time) (pricing.Breakdown, error) {
	var tok pricing.Tokens
	switch t.Type {
	case "input":
		tok.Input = t.Tokens
	case "output":
		tok.Output = t.Tokens
	case "cache_read":
		tok.CacheRead = t.Tokens
	case "cache_write":
		tok.CacheWriteUnknown = t.Tokens
	default:
		return pricing.Breakdown{}, fmt.Errorf("truth type %q is not a canonical token type", t.Type)
	}
	return book.Price(pricing.Request{Agent: t.Agent, Model: t.Model, Timestamp: at, Tokens: tok})
}
