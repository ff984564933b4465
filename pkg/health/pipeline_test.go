package health

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/common/model"

	"github.com/seatmeter/seatmeter/internal/promserver"
	"github.com/seatmeter/seatmeter/pkg/catalog"
	"github.com/seatmeter/seatmeter/pkg/dialect"
	"github.com/seatmeter/seatmeter/pkg/models"
	"github.com/seatmeter/seatmeter/pkg/store"
)

var now = time.Date(2026, 4, 1, 12, 0, 0, 0, time.UTC)

func checkerFor(t *testing.T, prom *promserver.Server) *Checker {
	t.Helper()
	c, err := store.New(models.Settings{URL: prom.URL}, nil)
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := catalog.Default()
	det := dialect.NewDetector(cat, "auto", c.MetricNames, time.Minute)
	return &Checker{Catalog: cat, Dialect: det.Get, Now: func() time.Time { return now },
		Query: func(ctx context.Context, expr string, at time.Time) (model.Value, error) {
			v, _, err := c.Query(ctx, expr, at)
			return v, err
		}}
}

// series writes one sample a minute for the hour before now; value(i) gives the i-th value.
func series(labels map[string]string, value func(i int) float64) []promserver.Sample {
	var out []promserver.Sample
	for i := 0; i <= 60; i++ {
		out = append(out, promserver.Sample{Labels: labels, Time: now.Add(time.Duration(i-60) * time.Minute), Value: value(i)})
	}
	return out
}

func hops(r Report) map[string]Hop {
	out := map[string]Hop{}
	for _, h := range r.Hops {
		out[h.ID] = h
	}
	return out
}

func TestPipelineFindsEveryKnownWayDataGoesMissing(t *testing.T) {
	prom := promserver.StartT(t)
	deltaLike := func(i int) float64 { return float64(3 + (i*7)%5) } // falls back most minutes
	var s []promserver.Sample
	s = append(s, series(map[string]string{"__name__": "claude_code_token_usage_tokens_total", "user_email": "ada@example.com", "type": "input", "model": "m", "session_id": "s-1"}, deltaLike)...)
	s = append(s, series(map[string]string{"__name__": "claude_code_token_usage_tokens_total", "user_email": "ada@example.com", "type": "input", "model": "m", "session_id": "s-2"}, deltaLike)...)
	s = append(s, series(map[string]string{"__name__": "codex_turn_token_usage_sum", "token_type": "input", "model": "gpt-5-codex"}, func(i int) float64 { return float64(10 * i) })...)
	s = append(s, series(map[string]string{"__name__": "target_info", "job": "codex-cli", "user_email": "cy@example.com"}, func(int) float64 { return 1 })...)
	s = append(s, series(map[string]string{"__name__": "cortex_discarded_samples_total", "reason": "per_metric_series_limit", "user": "anonymous"}, func(i int) float64 { return float64(4 * i) })...)
	if err := prom.RemoteWrite(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	r := checkerFor(t, prom).Run(context.Background())
	h := hops(r)
	if r.Dialect != "suffixed" || h["store"].Status != OK || h["dialect"].Status != OK {
		t.Fatalf("report %+v", r)
	}
	for id, want := range map[string]string{
		"delta":          "unconverted deltas",
		"identity":       "target_info",
		"cardinality":    "2 session ids",
		"mimir-discards": "per_metric_series_limit: 240",
	} {
		if h[id].Status != Warn || !strings.Contains(h[id].Message, want) || h[id].Fix == "" {
			t.Errorf("%s: %+v (want a warning mentioning %q with a fix)", id, h[id], want)
		}
	}
	if r.Worst() != Warn {
		t.Errorf("worst = %s", r.Worst())
	}
	if len(r.Agents) != 2 || r.Agents[0].Agent != "claude-code" || r.Agents[0].Users[0].User != "ada@example.com" ||
		!r.Agents[0].LastSample.Equal(now) || r.Agents[1].Users[0].User != "" {
		t.Errorf("agents %+v", r.Agents)
	}
}

func TestPipelineHealthyAndUnreachable(t *testing.T) {
	prom := promserver.StartT(t)
	var s []promserver.Sample
	s = append(s, series(map[string]string{"__name__": "claude_code_token_usage", "user_email": "ada@example.com", "type": "input", "model": "m"}, func(i int) float64 { return float64(5 * i) })...)
	s = append(s, series(map[string]string{"__name__": "cortex_discarded_samples_total", "reason": "sample-out-of-order"}, func(int) float64 { return 7 })...)
	if err := prom.RemoteWrite(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	c := checkerFor(t, prom)
	r := c.Run(context.Background())
	for _, h := range r.Hops {
		if h.Status != OK {
			t.Errorf("%s: %+v", h.ID, h)
		}
	}
	if r.Dialect != "nosuffix" || len(r.Agents) != 1 {
		t.Errorf("report %+v", r)
	}
	prom.Stop()
	r = c.Run(context.Background())
	if len(r.Hops) != 1 || r.Hops[0].Status != Error || !strings.Contains(r.Hops[0].Message, "store unreachable") || r.Hops[0].Fix == "" {
		t.Errorf("unreachable: %+v", r.Hops)
	}
}

// A developer whose first samples arrived after the last subquery step (on a 4-minute boundary) is seen, with
// the time of the newest sample, not reported as silent.
func TestPipelineSeesSamplesNewerThanTheLastStep(t *testing.T) {
	prom := promserver.StartT(t)
	labels := map[string]string{"__name__": "claude_code_token_usage", "user_email": "bob@example.com", "type": "input", "model": "m"}
	err := prom.RemoteWrite(context.Background(), []promserver.Sample{
		{Labels: labels, Time: now.Add(30 * time.Second), Value: 1},
		{Labels: labels, Time: now.Add(90 * time.Second), Value: 2},
	})
	if err != nil {
		t.Fatal(err)
	}
	c := checkerFor(t, prom)
	c.Now = func() time.Time { return now.Add(100 * time.Second) }
	r := c.Run(context.Background())
	if len(r.Agents) != 1 || len(r.Agents[0].Users) != 1 || r.Agents[0].Users[0].User != "bob@example.com" ||
		!r.Agents[0].Users[0].LastSample.Equal(now.Add(90*time.Second)) {
		t.Fatalf("agents: %+v", r.Agents)
	}
}

// A developer silent for days is found by the hourly search (the exact search covers the last two hours
// only, as it costs one evaluation per series and 4 minutes): reported at the end of the hour of the last
// sample. A developer active now keeps the exact time.
func TestPipelineFindsDevelopersSilentForDaysToTheHour(t *testing.T) {
	prom := promserver.StartT(t)
	old := map[string]string{"__name__": "claude_code_token_usage", "user_email": "old@example.com", "type": "input", "model": "m"}
	cur := map[string]string{"__name__": "claude_code_token_usage", "user_email": "cur@example.com", "type": "input", "model": "m"}
	last := now.Add(-3*24*time.Hour - 100*time.Minute) // 10:20 three days before
	err := prom.RemoteWrite(context.Background(), []promserver.Sample{
		{Labels: old, Time: last.Add(-time.Minute), Value: 1},
		{Labels: old, Time: last, Value: 2},
		{Labels: cur, Time: now.Add(-7 * time.Minute), Value: 5},
	})
	if err != nil {
		t.Fatal(err)
	}
	r := checkerFor(t, prom).Run(context.Background())
	seen := map[string]time.Time{}
	for _, a := range r.Agents {
		for _, u := range a.Users {
			seen[u.User] = u.LastSample
		}
	}
	if got, want := seen["old@example.com"], last.Truncate(time.Hour).Add(time.Hour); !got.Equal(want) {
		t.Errorf("silent developer: last sample %v, want the end of its hour %v", got, want)
	}
	if got, want := seen["cur@example.com"], now.Add(-7*time.Minute); !got.Equal(want) {
		t.Errorf("active developer: last sample %v, want the exact %v", got, want)
	}
}
