package query

import (
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/experimental"
)

// Per-minute fixture rates priced by hand (USD per 1M tokens from data/prices.json; one hour).
const (
	sonnetIn, sonnetOut, sonnetRead, sonnetWrite5m = 3.0, 15.0, 0.3, 3.75
	opusIn, opusOut                                = 5.0, 25.0
	gptIn, gptInAfter, gptOut, gptRead             = 1.25, 2.5, 10.0, 0.125
)

// gptInput prices n uncached input tokens a minute over the hour: the override doubles the price
// from 09:30, so the instant total is cut there into two half hours, each at its own price.
func gptInput(n float64) float64 {
	return (30*n*gptIn + 30*n*gptInAfter) / 1e6
}

func TestCostCacheAwareByUserMatchesHandPricing(t *testing.T) {
	r := serveBoth(t, fixtureQuery("A", TypeCost, Model{Basis: BasisCacheAware, GroupBy: []string{"user"}, Instant: true}))
	want := map[string]float64{
		"ada@example.com": (6000*sonnetIn + 3000*sonnetOut + 60000*sonnetRead + 12000*sonnetWrite5m) / 1e6,
		"u-bob":           (600*opusIn + 1200*opusOut) / 1e6,
		"cy@example.com":  gptInput(180) + (7200*gptRead+2400*gptOut)/1e6,
		"dee@example.com": gptInput(70) + (1800*gptRead+300*gptOut)/1e6,
		// acme-coder-9 has no price: its token volume, flagged, never $0.
		"cy@example.com / acme-coder-9 (unpriced: tokens)": 600,
	}
	assertValues(t, values(r), want)
	var notices []string
	for _, n := range r.Frames[0].Meta.Notices {
		notices = append(notices, n.Text)
	}
	joined := strings.Join(notices, "\n")
	if !strings.Contains(joined, "Cache writes are priced as 5m writes") || !strings.Contains(joined, "No price for acme-coder-9") {
		t.Fatalf("notices: %s", joined)
	}
	last := r.Frames[len(r.Frames)-1]
	if last.Fields[1].Labels["priced"] != "false" || last.Fields[1].Config.Unit != "short" || r.Frames[0].Fields[1].Config.Unit != "currencyUSD" {
		t.Fatalf("unpriced frame: %v %v", last.Fields[1].Labels, last.Fields[1].Config)
	}
	experimental.CheckGoldenJSONResponse(t, "testdata", "cost_cache_aware_by_user_instant", &r, *update)
}

func TestCostListCeilingAndTypesAndRange(t *testing.T) {
	r := serveBoth(t, fixtureQuery("B", TypeCost, Model{Basis: BasisCeiling, GroupBy: []string{"type"}, Instant: true,
		Filters: Filters{Agent: []string{"claude-code"}}}))
	assertValues(t, values(r), map[string]float64{
		"input":       (6000*sonnetIn + 600*opusIn) / 1e6,
		"output":      (3000*sonnetOut + 1200*opusOut) / 1e6,
		"cache_read":  60000 * sonnetIn / 1e6,
		"cache_write": 12000 * sonnetIn / 1e6,
	})
	experimental.CheckGoldenJSONResponse(t, "testdata", "cost_list_ceiling_claude_by_type_instant", &r, *update)

	r = serveBoth(t, fixtureQuery("C", TypeCost, Model{Basis: BasisCacheAware, GroupBy: []string{"model"},
		Filters: Filters{Model: []string{"gpt-5-codex"}, User: []string{"dee@example.com"}}}))
	pts := points(r)["gpt-5-codex"]
	if len(r.Frames) != 1 || len(pts) != 30 {
		t.Fatalf("frames %d, points %d", len(r.Frames), len(pts))
	}
	first, last := pts[0], pts[len(pts)-1]
	wantFirst := (140*gptIn + 60*gptRead + 10*gptOut) / 1e6 // 09:02, old price
	wantLast := (140*gptInAfter + 60*gptRead + 10*gptOut) / 1e6
	if abs(first-wantFirst) > 1e-12 || abs(last-wantLast) > 1e-12 {
		t.Fatalf("effective dating: first %v want %v, last %v want %v", first, wantFirst, last, wantLast)
	}
	experimental.CheckGoldenJSONResponse(t, "testdata", "cost_cache_aware_codex_range", &r, *update)
}

func TestCostReportedAndBadBasis(t *testing.T) {
	r := serveBoth(t, fixtureQuery("D", TypeCost, Model{Basis: BasisReported, GroupBy: []string{"model"}, Instant: true}))
	assertValues(t, values(r), map[string]float64{"claude-sonnet-4-5": 30, "claude-opus-4-5": 15})
	if n := r.Frames[0].Meta.Notices; len(n) == 0 || !strings.Contains(n[0].Text, "Codex") {
		t.Fatalf("notices %+v", n)
	}
	experimental.CheckGoldenJSONResponse(t, "testdata", "cost_reported_by_model_instant", &r, *update)
	if r := NewMux().Serve(t.Context(), envFor(t, fixtureStores(t)["suffixed"].URL), fixtureQuery("E", TypeCost, Model{Basis: "cheapest"})); r.Error == nil {
		t.Fatal("bad basis accepted")
	}
}
