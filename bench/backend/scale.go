// Package backend measures the Seatmeter backend: its overhead over querying Prometheus directly,
// and the dashboard queries' latency over a large store. Run it with bench/backend/run.sh.
package backend

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/seatmeter/seatmeter/internal/promserver"
	"github.com/seatmeter/seatmeter/pkg/catalog"
)

// Scale sizes the generated store.
type Scale struct {
	Developers int
	Days       int
	Interval   time.Duration // one sample per series per interval
	End        time.Time
	Dialect    catalog.Dialect
}

func (s Scale) key() string {
	return fmt.Sprintf("devs%d-days%d-every%s-%s-%d", s.Developers, s.Days, s.Interval, s.Dialect, s.End.Unix())
}

// series is one generated counter: labels and its rise per sample.
type series struct {
	labels map[string]string
	rise   float64
}

// developerSeries is what one developer's agents export (names from the catalog, in the dialect).
func developerSeries(cat *catalog.Catalog, d catalog.Dialect, i int) []series {
	tok, _ := cat.Measure("tokens")
	cost, _ := cat.Measure("cost_reported")
	user := fmt.Sprintf("dev%04d@example.com", i)
	var out []series
	add := func(mt catalog.Metric, rise float64, l map[string]string) {
		m := map[string]string{"__name__": mt.Name(d), "job": mt.Agent}
		for k, v := range l {
			m[k] = v
		}
		out = append(out, series{m, rise})
	}
	claudeModels := []string{"claude-sonnet-4-5", "claude-opus-4-5"}
	for _, mt := range tok.Metrics {
		switch mt.Agent {
		case "claude-code":
			model := claudeModels[i%2]
			for j, raw := range []string{"input", "output", "cacheRead", "cacheCreation"} {
				add(mt, float64(50*(j+1)+i%7), map[string]string{"user_email": user, "model": model, "type": raw})
			}
		case "codex":
			if i%3 != 0 {
				continue // a third of the team also uses Codex
			}
			for j, raw := range []string{"input", "cached_input", "output", "reasoning_output", "total"} {
				add(mt, float64(40*(5-j)+i%5), map[string]string{"user_email": user, "model": "gpt-5-codex", "token_type": raw})
			}
		}
	}
	for _, mt := range cost.Metrics {
		add(mt, 0.01*float64(1+i%4), map[string]string{"user_email": user, "model": claudeModels[i%2]})
	}
	return out
}

// writeOpenMetrics writes the scale's samples as OpenMetrics text for promtool's backfill.
func writeOpenMetrics(path string, s Scale) (int, error) {
	cat, err := catalog.Default()
	if err != nil {
		return 0, err
	}
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	start := s.End.Add(-time.Duration(s.Days) * 24 * time.Hour)
	steps := int(s.End.Sub(start) / s.Interval)
	n := 0
	for i := 0; i < s.Developers; i++ {
		for _, sr := range developerSeries(cat, s.Dialect, i) {
			lbl := promLabels(sr.labels)
			name := sr.labels["__name__"]
			for k := 0; k <= steps; k++ {
				ts := start.Add(time.Duration(k) * s.Interval)
				fmt.Fprintf(w, "%s%s %g %d\n", name, lbl, sr.rise*float64(k), ts.Unix())
				n++
			}
		}
	}
	if _, err := w.WriteString("# EOF\n"); err != nil {
		return n, err
	}
	return n, w.Flush()
}

func promLabels(m map[string]string) string {
	var keys []string
	for k := range m {
		if k != "__name__" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%q", k, m[k])
	}
	return "{" + strings.Join(parts, ",") + "}"
}

// Store backfills the scale into a TSDB (cached under cacheDir by its size) and starts Prometheus on it.
func Store(ctx context.Context, cacheDir string, s Scale) (*promserver.Server, int, error) {
	dir := filepath.Join(cacheDir, "bench-backend", s.key())
	samplesFile := filepath.Join(dir, "samples.count")
	if _, err := os.Stat(samplesFile); err != nil {
		_ = os.RemoveAll(dir)
		if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
			return nil, 0, err
		}
		om := filepath.Join(dir, "samples.om")
		n, err := writeOpenMetrics(om, s)
		if err != nil {
			return nil, 0, err
		}
		cmd := exec.CommandContext(ctx, "promtool", "tsdb", "create-blocks-from", "openmetrics",
			"--max-block-duration="+fmt.Sprintf("%dh", 24*s.Days), om, filepath.Join(dir, "data"))
		if out, err := cmd.CombinedOutput(); err != nil {
			return nil, 0, fmt.Errorf("promtool backfill: %v: %s", err, tail(out))
		}
		_ = os.Remove(om)
		if err := os.WriteFile(samplesFile, []byte(fmt.Sprint(n)), 0o644); err != nil {
			return nil, 0, err
		}
	}
	var n int
	if b, err := os.ReadFile(samplesFile); err == nil {
		_, _ = fmt.Sscan(string(b), &n)
	}
	srv, err := promserver.Start(ctx, dir, "--query.max-samples=500000000")
	return srv, n, err
}

func tail(b []byte) string {
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return string(b)
}
