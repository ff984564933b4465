package catalog

import (
	"strings"
	"testing"
)

func TestDefaultCatalogLoadsAndDerivesEveryDialectsNames(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tok, ok := c.Measure("tokens")
	if !ok {
		t.Fatal("no tokens measure")
	}
	want := map[string]map[Dialect]string{
		"claude-code": {NoSuffix: "claude_code_token_usage", Suffixed: "claude_code_token_usage_tokens_total", UTF8: "claude_code.token.usage"},
		"codex":       {NoSuffix: "codex_turn_token_usage_sum", Suffixed: "codex_turn_token_usage_sum", UTF8: "codex.turn.token_usage_sum"},
	}
	for _, m := range tok.Metrics {
		for d, n := range want[m.Agent] {
			if got := m.Name(d); got != n {
				t.Errorf("%s %s: %q, want %q", m.Agent, d, got, n)
			}
		}
	}
	cost, _ := c.Measure("cost_reported")
	if got := cost.Metrics[0].Name(Suffixed); got != "claude_code_cost_usage_USD_total" {
		t.Errorf("cost suffixed = %q", got)
	}
	at, _ := c.Measure("active_time")
	if got := at.Metrics[0].Name(Suffixed); got != "claude_code_active_time_seconds_total" {
		t.Errorf("active time suffixed = %q", got)
	}
	if got := at.Metrics[0].Name(NoSuffix); got != "claude_code_active_time_total" {
		t.Errorf("active time nosuffix = %q", got)
	}
	if Label("user.email", NoSuffix) != "user_email" || Label("user.email", UTF8) != "user.email" {
		t.Error("label names wrong")
	}
	if len(c.Raw()) == 0 || len(c.Metrics()) < 10 {
		t.Errorf("raw %d bytes, %d metrics", len(c.Raw()), len(c.Metrics()))
	}
}

func TestTypeMapNullDropsAndSubsets(t *testing.T) {
	c, _ := Default()
	tok, _ := c.Measure("tokens")
	var codex Metric
	for _, m := range tok.Metrics {
		if m.Agent == "codex" {
			codex = m
		}
	}
	if _, ok := codex.CanonicalType("total"); ok {
		t.Error("total must be dropped")
	}
	if v, _ := codex.CanonicalType("cached_input"); v != "cache_read" {
		t.Errorf("cached_input -> %q", v)
	}
	if got := codex.RawTypes("input"); strings.Join(got, ",") != "input" {
		t.Errorf("raw input types %v", got)
	}
}

func TestParseRejectsBrokenCatalogs(t *testing.T) {
	cases := map[string]string{
		"json":       `{`,
		"agent":      `{"sources":{"live":""},"agents":[],"measures":[{"id":"x","source":"live","metrics":[{"agent":"nope","otel":"a","instrument":"counter"}]}]}`,
		"histogram":  `{"sources":{"live":""},"agents":[{"id":"a"}],"measures":[{"id":"x","source":"live","metrics":[{"agent":"a","otel":"h","instrument":"histogram"}]}]}`,
		"source":     `{"sources":{},"agents":[],"measures":[{"id":"x","source":"live"}]}`,
		"duplicated": `{"sources":{"live":""},"agents":[],"measures":[{"id":"x","source":"live"},{"id":"x","source":"live"}]}`,
	}
	for name, js := range cases {
		if _, err := Parse([]byte(js)); err == nil || !strings.Contains(err.Error(), "catalog") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func TestParseDialect(t *testing.T) {
	if d, err := ParseDialect("utf8"); err != nil || d != UTF8 {
		t.Fatal(d, err)
	}
	if _, err := ParseDialect("auto"); err == nil {
		t.Fatal("auto is not a dialect")
	}
}
