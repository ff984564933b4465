package main

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/seatmeter/seatmeter/pkg/pricing"
)

// dashQuery is the part of a dashboard target that decides its expected total.
type dashQuery struct {
	QueryType string   `json:"queryType"`
	Measure   string   `json:"measure"`
	Basis     string   `json:"basis"`
	Instant   bool     `json:"instant"`
	GroupBy   []string `json:"groupBy"`
}

// total is what a query's number fields of the given unit ("" any) add up to: the last value of
// each series for an instant query, every point for a range query (each point is its bucket's usage).
func total(t *testing.T, q recordedQuery, instant bool, unit string) float64 {
	sum := 0.0
	for _, f := range framesOf(t, q) {
		for i, fld := range f.Schema.Fields {
			if fld.Type != "number" || (unit != "" && fld.Config.Unit != unit) {
				continue
			}
			vals := f.Data.Values[i]
			for j, v := range vals {
				if x, ok := v.(float64); ok && (!instant || j == len(vals)-1) {
					sum += x
				}
			}
		}
	}
	return sum
}

// expected is the ground truth for a dashboard query, ok false when the truth does not tell it.
func expected(t *testing.T, c capture, dq dashQuery) (float64, bool) {
	truth := c.Truth
	switch {
	case dq.QueryType == "usage" && dq.Measure == "tokens":
		sum := c.UnpricedTokens
		for _, tt := range truth.Totals {
			sum += tt.Tokens
		}
		return sum, true
	case dq.QueryType == "cost" && dq.Basis == "reported":
		sum := 0.0
		for _, r := range truth.ClaudeCostUSD {
			sum += r.USD
		}
		return sum, true
	case dq.QueryType == "cost" && (dq.Basis == "cache-aware" || dq.Basis == "list-ceiling"):
		var settings struct {
			PriceOverrides json.RawMessage `json:"priceOverrides"`
		}
		if err := json.Unmarshal([]byte(captureSettings), &settings); err != nil {
			t.Fatal(err)
		}
		ov, err := pricing.ParseOverrides(settings.PriceOverrides)
		if err != nil {
			t.Fatal(err)
		}
		book, err := pricing.Load(ov)
		if err != nil {
			t.Fatal(err)
		}
		at, _ := time.Parse(time.RFC3339, c.To)
		sum := 0.0
		for _, tt := range truth.Totals {
			if tt.Model != c.Unpriced {
				b, err := tt.Price(book, at)
				if err != nil {
					t.Fatal(err)
				}
				if dq.Basis == "list-ceiling" {
					sum += b.ListCeiling
				} else {
					sum += b.Total
				}
			}
		}
		return sum, true
	case dq.QueryType == "active_users" && dq.Instant:
		users := map[string]bool{}
		for _, tt := range truth.Totals {
			users[tt.User] = true
		}
		return float64(len(users)), true
	}
	return 0, false
}

// checkTotals holds every dashboard query whose total the ground truth tells to it, exactly.
func checkTotals(t *testing.T, c capture) int {
	n := 0
	for _, q := range c.Queries {
		var dq dashQuery
		if err := json.Unmarshal(q.Query, &dq); err != nil {
			t.Fatalf("%s: %v", q.Source, err)
		}
		if dq.QueryType == "active_users" && !dq.Instant {
			n++
			checkActivePerBucket(t, c, q)
			continue
		}
		want, ok := expected(t, c, dq)
		if !ok {
			continue
		}
		n++
		unit := ""
		if dq.QueryType == "cost" {
			unit = "currencyUSD" // unpriced models come as token series beside the cost
		}
		got := total(t, q, dq.Instant, unit)
		if math.Abs(got-want) > 1e-9*math.Max(1, want) {
			t.Errorf("%s %s: frames add up to %.9g, ground truth %.9g", q.Source, compact(q.Query), got, want)
		}
	}
	return n
}

// checkActivePerBucket: a range of active developers counts, per bucket, between 1 and every developer
// of the ground truth (each point is a bucket in which somebody used tokens).
func checkActivePerBucket(t *testing.T, c capture, q recordedQuery) {
	users := map[string]bool{}
	for _, tt := range c.Truth.Totals {
		users[tt.User] = true
	}
	for _, f := range framesOf(t, q) {
		for i, fld := range f.Schema.Fields {
			if fld.Type != "number" {
				continue
			}
			for _, v := range f.Data.Values[i] {
				if x, ok := v.(float64); ok && (x < 1 || x > float64(len(users))) {
					t.Errorf("%s: a bucket counts %v active developers, the ground truth has %d", q.Source, x, len(users))
				}
			}
		}
	}
}
