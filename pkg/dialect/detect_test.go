package dialect

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/seatmeter/seatmeter/pkg/catalog"
)

func TestDetectPicksTheDialectWithMostCatalogNames(t *testing.T) {
	cat, _ := catalog.Default()
	cases := []struct {
		names []string
		want  catalog.Dialect
		how   string
	}{
		{[]string{"claude_code_token_usage_tokens_total", "codex_turn_token_usage_sum", "up"}, catalog.Suffixed, "detected"},
		{[]string{"claude_code_token_usage", "claude_code_cost_usage", "codex_turn_token_usage_sum"}, catalog.NoSuffix, "detected"},
		{[]string{"claude_code.token.usage", "codex.turn.token_usage_sum"}, catalog.UTF8, "detected"},
		{[]string{"up", "process_cpu_seconds_total"}, Fallback, "assumed"},
	}
	for _, c := range cases {
		r := Detect(cat, c.names)
		if r.Dialect != c.want || r.How != c.how {
			t.Errorf("%v: got %s/%s", c.names, r.Dialect, r.How)
		}
	}
}

func TestDetectorCachesUntilTheTTLAndHonoursTheOverride(t *testing.T) {
	cat, _ := catalog.Default()
	calls := 0
	names := []string{"claude_code_token_usage"}
	d := NewDetector(cat, "auto", func(context.Context) ([]string, error) { calls++; return names, nil }, time.Minute)
	now := time.Unix(1000, 0)
	d.now = func() time.Time { return now }
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		if r, err := d.Get(ctx); err != nil || r.Dialect != catalog.NoSuffix {
			t.Fatal(r, err)
		}
	}
	if calls != 1 {
		t.Fatalf("probed %d times, want once", calls)
	}
	names = []string{"claude_code_token_usage_tokens_total"}
	now = now.Add(2 * time.Minute)
	if r, _ := d.Get(ctx); r.Dialect != catalog.Suffixed || calls != 2 {
		t.Fatalf("after TTL: %s, %d probes", r.Dialect, calls)
	}

	o := NewDetector(cat, "utf8", func(context.Context) ([]string, error) { return nil, errors.New("must not probe") }, time.Minute)
	if r, err := o.Get(ctx); err != nil || r.Dialect != catalog.UTF8 || r.How != "settings" {
		t.Fatal(r, err)
	}
	bad := NewDetector(cat, "prom", nil, time.Minute)
	if _, err := bad.Get(ctx); err == nil {
		t.Fatal("bad override must fail")
	}
}
