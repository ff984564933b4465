package rewrite

import (
	"errors"
	"testing"

	"github.com/seatmeter/seatmeter/pkg/catalog"
)

func index(t *testing.T) *Index {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	return NewIndex(cat)
}

func TestRewriteEveryNameFormToEveryDialect(t *testing.T) {
	idx := index(t)
	inputs := []string{
		`claude_code.token.usage`,
		`claude_code_token_usage`,
		`claude_code_token_usage_tokens_total`,
		`{"claude_code.token.usage"}`,
		`{__name__="claude_code_token_usage_tokens_total"}`,
	}
	want := map[catalog.Dialect]string{
		catalog.NoSuffix: `claude_code_token_usage`,
		catalog.Suffixed: `claude_code_token_usage_tokens_total`,
		catalog.UTF8:     `{"claude_code.token.usage"}`,
	}
	for _, in := range inputs {
		for d, w := range want {
			got, err := Rewrite(in, idx, d)
			if err != nil {
				t.Fatalf("%s → %s: %v", in, d, err)
			}
			if in[1] == '_' {
				w = `{__name__="` + want[d] + `"}`
				if d == catalog.UTF8 {
					w = `{__name__="claude_code.token.usage"}`
				}
			} else if in[0] == '{' && d != catalog.UTF8 {
				w += "{}"
			}
			if got != w {
				t.Errorf("%s → %s: got %s, want %s", in, d, got, w)
			}
		}
	}
}

func TestRewriteKeepsTextMacrosAndVariables(t *testing.T) {
	idx := index(t)
	cases := []struct {
		in   string
		d    catalog.Dialect
		want string
	}{
		{
			"sum by (user_email) (\n  increase(claude_code_token_usage{type=\"input\", user_email=~\"$user\"}[$__rate_interval])\n) # keep me",
			catalog.Suffixed,
			"sum by (user_email) (\n  increase(claude_code_token_usage_tokens_total{type=\"input\", user_email=~\"$user\"}[$__rate_interval])\n) # keep me",
		},
		{
			`rate({"claude_code.token.usage", type="cacheRead"}[${__range}]) / rate(codex.turn.token_usage_sum[[[interval]]])`,
			catalog.NoSuffix,
			`rate(claude_code_token_usage{type="cacheRead"}[${__range}]) / rate(codex_turn_token_usage_sum[[[interval]]])`,
		},
		{
			`sum by ($group) (claude_code_cost_usage_USD_total{model=~"${model:regex}"} offset $shift)`,
			catalog.UTF8,
			`sum by ($group) ({"claude_code.cost.usage", model=~"${model:regex}"} offset $shift)`,
		},
		{
			`codex_turn_token_usage_count + codex_turn_token_usage_bucket{le="+Inf"} + up + claude_code_active_time_total`,
			catalog.Suffixed,
			`codex_turn_token_usage_count + codex_turn_token_usage_bucket{le="+Inf"} + up + claude_code_active_time_seconds_total`,
		},
	}
	for _, c := range cases {
		got, err := Rewrite(c.in, idx, c.d)
		if err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		if got != c.want {
			t.Errorf("\n in  %s\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

func TestRewriteErrorPointsIntoTheUsersText(t *testing.T) {
	idx := index(t)
	in := "sum(rate(claude_code_token_usage{user=~\"$user\"}[$__rate_interval])\n  by (user"
	_, err := Rewrite(in, idx, catalog.Suffixed)
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %v", err)
	}
	if pe.Line != 2 || pe.Offset > len(in) || pe.Msg == "" {
		t.Fatalf("got %+v", pe)
	}
	// An error after a macro is placed by the original text, not the placeholder.
	in = "rate(x[$__rate_interval]) +"
	_, err = Rewrite(in, idx, catalog.Suffixed)
	if !errors.As(err, &pe) || pe.Offset != len(in) || pe.Column != len(in)+1 {
		t.Fatalf("got %+v", err)
	}
}
