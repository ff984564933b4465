package testbed

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/seatmeter/seatmeter/pkg/catalog"
)

// 4. The collector is killed (SIGKILL) and restarted while the agents are exporting. The stores end
// within one export interval of the ground truth per series (what the collector held in memory is
// lost; what the clients retried arrives), never above it (nothing counted twice), and increase()
// never goes negative.
func TestCollectorKilledAndRestartedMidStream(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	bed, err := Start(ctx, Options{DebugVerbosity: "basic"})
	if err != nil {
		t.Fatal(err)
	}
	track(bed)
	defer bed.Stop()
	// Clients retry a failed export after ~1s, then ~1.5s more (OTel JS exporter), and gRPC reconnects
	// after ~1s: with an interval shorter than that, a retried export can land after the next one and
	// deltatocumulative drops it as out of order. Real agents export every 60s; 3s keeps that ordering.
	const interval = 3000
	sim, err := StartSimulator(ctx, bed.Collector, SimOptions{
		Seed: 11, Developers: 3, Sessions: 1, Requests: 24, DurationMs: 10000, ExportIntervalMs: interval,
		ClaudeModels: "claude-sonnet-4-5", CodexModels: "gpt-5-codex", NoContent: true, AllowExportErrors: true,
		TruthPath: filepath.Join(bed.Dir, "truth.json"),
	})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	time.Sleep(5 * time.Second)
	bed.Collector.Kill()
	if err := bed.Collector.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	track(bed)
	t.Logf("collector killed and back after %s", time.Since(start)-5*time.Second)
	out, err := sim.Wait()
	if err != nil {
		t.Fatalf("simulator: %v\n%s", err, out)
	}
	truth, err := ReadTruth(filepath.Join(bed.Dir, "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	want := TotalsByKey(truth.Totals)
	tol := TotalsByKey(truth.PerIntervalMax)
	for _, d := range dialects {
		store, _ := bed.Store(d)
		stored, err := WaitStable(ctx, store.URL, d, 1500*time.Millisecond, 30*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if diff := Diff(want, stored, tol); len(diff) > 0 {
			t.Errorf("%s store after the restart is not within one export interval of the truth:\n%s", d, Summary(diff, 20))
		}
		lost, sent := 0.0, 0.0
		for k, v := range want {
			lost += v - stored[k]
			sent += v
		}
		t.Logf("%s: %.0f of %.0f tokens lost in the crash (%.2f%%)", d, lost, sent, 100*lost/sent)
		checkIncreaseNeverNegative(ctx, t, store.URL, d, start)
	}
}

func checkIncreaseNeverNegative(ctx context.Context, t *testing.T, base string, d catalog.Dialect, start time.Time) {
	cat, _ := catalog.Default()
	m, _ := cat.Measure("tokens")
	for _, mt := range m.Metrics {
		if mt.Agent != "claude-code" && mt.Agent != "codex" {
			continue
		}
		end := time.Now()
		expr := fmt.Sprintf("increase(%s[7s])", mt.Name(d))
		series, err := QueryRange(ctx, base, expr, float64(start.Unix()-2), float64(end.Unix()+1), 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(series) == 0 {
			t.Errorf("%s: %s returned nothing", d, expr)
		}
		for _, s := range series {
			for i, v := range s.Values {
				if v < 0 {
					t.Errorf("%s: %s negative (%g) at %v for %v", d, expr, v, s.Times[i], s.Labels)
				}
			}
		}
	}
}
