package query

import (
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/experimental"

	"github.com/seatmeter/seatmeter/pkg/catalog"
)

func TestUsageTokensByAgentUserTypeMatchesTheHandComputedTotals(t *testing.T) {
	q := fixtureQuery("A", TypeUsage, Model{Measure: "tokens", GroupBy: []string{"agent", "user", "type"}, Instant: true})
	r := serveBoth(t, q)
	got := values(r)
	want := map[string]float64{
		"claude-code / ada@example.com / input":       6000,
		"claude-code / ada@example.com / output":      3000,
		"claude-code / ada@example.com / cache_read":  60000,
		"claude-code / ada@example.com / cache_write": 12000,
		"claude-code / u-bob / input":                 600,
		"claude-code / u-bob / output":                1200,
		// Codex raw: uncached input = (300 - 120) × 60; reasoning stays inside output; total dropped.
		"codex / cy@example.com / input":      (300-120)*60 + 8*60,
		"codex / cy@example.com / cache_read": 120 * 60,
		"codex / cy@example.com / output":     40*60 + 2*60,
		// Codex normalised by the collector: nothing subtracted.
		"codex / dee@example.com / input":      70 * 60,
		"codex / dee@example.com / cache_read": 30 * 60,
		"codex / dee@example.com / output":     5 * 60,
	}
	assertValues(t, got, want)
	experimental.CheckGoldenJSONResponse(t, "testdata", "usage_tokens_by_agent_user_type_instant", &r, *update)
}

func TestUsageRangeStepsSumToTheTotalAndFiltersAreLiteral(t *testing.T) {
	q := fixtureQuery("B", TypeUsage, Model{Measure: "tokens", GroupBy: []string{"model"},
		Filters: Filters{Agent: []string{"codex"}, User: []string{"cy@example.com"}, Type: []string{"input", "reasoning"}}})
	r := serveBoth(t, q)
	if len(r.Frames) != 1 || len(r.Frames[0].Fields) != 3 {
		t.Fatalf("frames = %d", len(r.Frames))
	}
	// 2-minute steps (the minimum) over the hour: the steps add up to the hour's total.
	assertValues(t, pointSums(r), map[string]float64{"gpt-5-codex": (300-120)*60 + 15*60, "acme-coder-9": 8 * 60})
	experimental.CheckGoldenJSONResponse(t, "testdata", "usage_tokens_codex_by_model_range", &r, *update)

	// A value that looks like a regex or a matcher injection matches nothing, literally.
	for _, evil := range []string{".*", `cy@example.com"} or vector(1) or {x="`, "cy@example.com|dee@example.com"} {
		q := fixtureQuery("C", TypeUsage, Model{Measure: "tokens", Instant: true, Filters: Filters{User: []string{evil}}})
		r := serveBoth(t, q)
		if got := values(r); len(got) != 0 {
			t.Fatalf("filter %q matched %v", evil, got)
		}
	}
}

// Filtered to raw Codex data only, the store holds no collector-normalised series there, so the
// one-read formula (input − cached_input as a signed sum) is used: same totals, fewer reads.
func TestUsageCodexRawOnlyUsesTheSignedSum(t *testing.T) {
	q := fixtureQuery("F", TypeUsage, Model{Measure: "tokens", GroupBy: []string{"type"}, Instant: true,
		Filters: Filters{Agent: []string{"codex"}, User: []string{"cy@example.com"}, Model: []string{"gpt-5-codex"}}})
	r := serveBoth(t, q)
	assertValues(t, values(r), map[string]float64{"input": (300 - 120) * 60, "cache_read": 120 * 60, "output": 40 * 60})
	if e := r.Frames[0].Meta.ExecutedQueryString; !strings.Contains(e, "group_left") || strings.Contains(e, "unless") {
		t.Fatalf("expected the signed-sum formula: %s", e)
	}
	experimental.CheckGoldenJSONResponse(t, "testdata", "usage_codex_raw_only_by_type_instant", &r, *update)
}

func TestUsageReportedCostAndUserWithoutEmail(t *testing.T) {
	q := fixtureQuery("D", TypeUsage, Model{Measure: "cost_reported", GroupBy: []string{"user"}, Instant: true,
		Filters: Filters{User: []string{"u-bob", "ada@example.com"}}})
	r := serveBoth(t, q)
	assertValues(t, values(r), map[string]float64{"ada@example.com": 30, "u-bob": 15})
	if u := r.Frames[0].Fields[1].Config.Unit; u != "currencyUSD" {
		t.Fatalf("unit %q", u)
	}
	experimental.CheckGoldenJSONResponse(t, "testdata", "usage_cost_reported_by_user_instant", &r, *update)
}

func TestUsageRejectsUnknownMeasuresAndLabels(t *testing.T) {
	for _, m := range []Model{{Measure: "nope"}, {Measure: "tokens", GroupBy: []string{"session_id"}}, {Measure: "cost_estimated"}} {
		r := NewMux().Serve(t.Context(), envFor(t, fixtureStores(t)[catalog.NoSuffix].URL), fixtureQuery("E", TypeUsage, m))
		if r.Error == nil {
			t.Fatalf("%+v accepted", m)
		}
	}
}

func assertValues(t *testing.T, got, want map[string]float64) {
	t.Helper()
	for k, w := range want {
		if g, ok := got[k]; !ok || abs(g-w) > 1e-6*abs(w)+1e-9 {
			t.Errorf("%s = %v (present %v), want %v", k, g, ok, w)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected series %s = %v", k, got[k])
		}
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
