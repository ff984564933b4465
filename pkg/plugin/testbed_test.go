package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/seatmeter/seatmeter/pkg/catalog"
	"github.com/seatmeter/seatmeter/pkg/pricing"
	"github.com/seatmeter/seatmeter/tests/testbed"
)

// The real pipeline (simulators → collector → both dialect stores) read back through the plugin
// protocol: both dialects give identical frames, token totals match the simulators' ground truth,
// and cache-aware cost matches the shared price engine run on the ground truth.
func TestTestBedTotalsThroughThePluginMatchGroundTruth(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	bed, err := testbed.Start(ctx, testbed.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(bed.Stop)
	from := time.Now().Add(-time.Minute).Truncate(time.Second)
	truth, out, err := testbed.Simulate(ctx, bed.Collector, testbed.SimOptions{
		Seed: 11, Developers: 3, Sessions: 2, Requests: 8, DurationMs: 4000, ExportIntervalMs: 1000,
		TruthPath: filepath.Join(bed.Dir, "truth.json"),
	})
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, d := range []catalog.Dialect{catalog.Suffixed, catalog.NoSuffix} {
		s, _ := bed.Store(d)
		if _, err := testbed.WaitStable(ctx, s.URL, d, time.Second, time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	to := time.Now().Add(time.Second).Truncate(time.Second)

	client := startPlugin(t)
	ask := func(url string, uid string, m map[string]any) backend.DataResponse {
		js, _ := json.Marshal(m)
		pc := pluginContext(url)
		pc.DataSourceInstanceSettings.UID = uid
		r, err := client.QueryData(ctx, &backend.QueryDataRequest{PluginContext: pc, Queries: []backend.DataQuery{{
			RefID: "A", QueryType: m["queryType"].(string), JSON: js, TimeRange: backend.TimeRange{From: from, To: to}}}})
		if err != nil {
			t.Fatal(err)
		}
		if e := r.Responses["A"].Error; e != nil {
			t.Fatal(e)
		}
		return r.Responses["A"]
	}
	tokensQ := map[string]any{"queryType": "usage", "measure": "tokens", "groupBy": []string{"agent", "user", "model", "type"}, "instant": true}
	costQ := map[string]any{"queryType": "cost", "basis": "cache-aware", "groupBy": []string{"agent", "model"}, "instant": true}
	tokens := map[catalog.Dialect]map[string]float64{}
	costs := map[catalog.Dialect]map[string]float64{}
	for _, d := range []catalog.Dialect{catalog.Suffixed, catalog.NoSuffix} {
		s, _ := bed.Store(d)
		tokens[d] = byLabels(ask(s.URL, "bed-"+string(d), tokensQ).Frames, "agent", "user", "model", "type")
		costs[d] = byLabels(ask(s.URL, "bed-"+string(d), costQ).Frames, "agent", "model")
	}
	if fmt.Sprint(tokens[catalog.Suffixed]) != fmt.Sprint(tokens[catalog.NoSuffix]) || fmt.Sprint(costs[catalog.Suffixed]) != fmt.Sprint(costs[catalog.NoSuffix]) {
		t.Fatalf("dialects disagree:\n%v\n%v\n%v\n%v", tokens[catalog.Suffixed], tokens[catalog.NoSuffix], costs[catalog.Suffixed], costs[catalog.NoSuffix])
	}

	// Exact: every token the simulators sent, in instant totals and in the sum of a range query's points.
	want := testbed.TotalsByKey(truth.Totals)
	rangeQ := map[string]any{"queryType": "usage", "measure": "tokens", "groupBy": []string{"agent", "user", "model", "type"}}
	s, _ := bed.Store(catalog.Suffixed)
	sums := sumPoints(ask(s.URL, "bed-suffixed", rangeQ).Frames, "agent", "user", "model", "type")
	got := tokens[catalog.Suffixed]
	var sumWant, sumGot float64
	for k, w := range want {
		sumWant, sumGot = sumWant+w, sumGot+got[k]
		if got[k] != w {
			t.Errorf("%s: backend %.0f, truth %.0f", k, got[k], w)
		}
		if sums[k] != w {
			t.Errorf("%s: range points add up to %.0f, truth %.0f", k, sums[k], w)
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok && g != 0 {
			t.Errorf("%s: backend %.0f, not in the ground truth", k, g)
		}
	}

	// Cost: the shared engine on the ground truth.
	book, err := pricing.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	wantCost := map[string]float64{}
	for _, tt := range truth.Totals {
		b, err := tt.Price(book, to)
		if err != nil {
			t.Fatal(err)
		}
		wantCost[tt.Agent+"|"+tt.Model] += b.Total
	}
	for k, w := range wantCost {
		if g := costs[catalog.Suffixed][k]; math.Abs(g-w) > 1e-9*math.Max(1, w) {
			t.Errorf("cost %s: backend %.9f, engine on truth %.9f", k, g, w)
		}
	}
	t.Logf("%d token series and %d cost series checked against the ground truth in both dialects; tokens: truth %.0f, backend %.0f", len(want), len(wantCost), sumWant, sumGot)
}

// sumPoints maps "l1|l2|..." of each frame's value labels to the sum of its points.
func sumPoints(fs data.Frames, names ...string) map[string]float64 {
	out := map[string]float64{}
	for _, f := range fs {
		for _, fl := range f.Fields[1:] {
			key := ""
			for i, n := range names {
				if i > 0 {
					key += "|"
				}
				key += fl.Labels[n]
			}
			for i := 0; i < fl.Len(); i++ {
				switch v := fl.At(i).(type) {
				case float64:
					out[key] += v
				case *float64:
					if v != nil {
						out[key] += *v
					}
				}
			}
		}
	}
	return out
}

// byLabels maps "l1|l2|..." of each frame's value labels to its last value.
func byLabels(fs data.Frames, names ...string) map[string]float64 {
	out := map[string]float64{}
	for _, f := range fs {
		if f.Rows() == 0 {
			continue
		}
		key := ""
		for i, n := range names {
			if i > 0 {
				key += "|"
			}
			key += f.Fields[1].Labels[n]
		}
		out[key] = f.Fields[1].At(f.Rows() - 1).(float64)
	}
	return out
}
