package backend

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/experimental/datasourcetest"
	v1 "github.com/prometheus/client_golang/api/prometheus/v1"

	"github.com/seatmeter/seatmeter/internal/promserver"
	"github.com/seatmeter/seatmeter/pkg/catalog"
	"github.com/seatmeter/seatmeter/pkg/models"
	"github.com/seatmeter/seatmeter/pkg/plugin"
	"github.com/seatmeter/seatmeter/pkg/store"
)

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// scaleStats is tests/scale/load.sh's stats.json (the shared 90-day scale history).
type scaleStats struct {
	Developers int    `json:"developers"`
	Days       int    `json:"days"`
	End        string `json:"end"` // last day of history (UTC)
	Samples    int    `json:"samples"`
}

func readScaleStats(dir string) (scaleStats, error) {
	var st scaleStats
	raw, err := os.ReadFile(filepath.Join(dir, "stats.json"))
	if err == nil {
		err = json.Unmarshal(raw, &st)
	}
	return st, err
}

// sharedScaleStore starts Prometheus on the blocks tests/scale/load.sh made.
func sharedScaleStore(dir string) (*promserver.Server, int, error) {
	st, err := readScaleStats(dir)
	if err != nil {
		return nil, 0, fmt.Errorf("BENCH_STORE_DIR: %w (run tests/scale/load.sh)", err)
	}
	srv, err := promserver.Start(context.Background(), dir)
	return srv, st.Samples, err
}

// scale is the store's size: the shared scale history (BENCH_STORE_DIR), else the smaller local
// set sized from the environment.
func scale() Scale {
	if dir := os.Getenv("BENCH_STORE_DIR"); dir != "" {
		if st, err := readScaleStats(dir); err == nil {
			last, _ := time.Parse("2006-01-02", st.End)
			return Scale{Developers: st.Developers, Days: st.Days, Interval: 15 * time.Minute, End: last.Add(24 * time.Hour), Dialect: catalog.Suffixed}
		}
	}
	return Scale{
		Developers: envInt("BENCH_DEVELOPERS", 200),
		Days:       envInt("BENCH_DAYS", 30),
		Interval:   time.Duration(envInt("BENCH_INTERVAL_MINUTES", 15)) * time.Minute,
		End:        time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
		Dialect:    catalog.Suffixed,
	}
}

var (
	setupOnce sync.Once
	prom      *promserver.Server
	samples   int
	client    *datasourcetest.TestPluginClient
	pluginSrv datasourcetest.TestPlugin
	setupErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if prom != nil {
		prom.Stop()
	}
	if client != nil {
		_ = pluginSrv.Shutdown()
	}
	os.Exit(code)
}

// setup starts the scale store and the real plugin over the plugin protocol, once per binary.
func setup(b *testing.B) {
	b.Helper()
	setupOnce.Do(func() {
		cache := os.Getenv("SEATMETER_CACHE")
		if cache == "" {
			home, _ := os.UserHomeDir()
			cache = filepath.Join(home, ".cache", "seatmeter")
		}
		t0 := time.Now()
		if dir := os.Getenv("BENCH_STORE_DIR"); dir != "" {
			prom, samples, setupErr = sharedScaleStore(dir)
		} else {
			prom, samples, setupErr = Store(context.Background(), cache, scale())
		}
		if setupErr != nil {
			return
		}
		fmt.Printf("store: %d samples (%+v) ready in %s at %s\n", samples, scale(), time.Since(t0).Round(time.Millisecond), prom.URL)
		port, err := promserver.FreePort()
		if err != nil {
			setupErr = err
			return
		}
		pluginSrv, setupErr = datasourcetest.Manage(plugin.NewDatasource, datasourcetest.ManageOpts{Address: "127.0.0.1:" + strconv.Itoa(port)})
		client = pluginSrv.Client
	})
	if setupErr != nil {
		b.Fatal(setupErr)
	}
}

func pluginContext() backend.PluginContext {
	return backend.PluginContext{DataSourceInstanceSettings: &backend.DataSourceInstanceSettings{
		ID: 1, UID: "bench", URL: prom.URL, JSONData: json.RawMessage(`{}`), Updated: time.Unix(1, 0),
	}}
}

// query is one dashboard query as the front end sends it.
type query struct {
	name, queryType string
	model           map[string]any
	span            time.Duration
	interval        time.Duration
}

// dashboardQueries reads every target and variable query of the bundled dashboards
// (src/dashboards/*.json), with the variables at "All" (the front end then sends no filter), over span.
func dashboardQueries(b *testing.B, span time.Duration) []query {
	files, err := filepath.Glob("../../src/dashboards/*.json")
	if err != nil || len(files) == 0 {
		b.Fatalf("no bundled dashboards found: %v", err)
	}
	seen := map[string]bool{}
	var out []query
	add := func(dash, title string, t map[string]any) {
		qt, _ := t["queryType"].(string)
		if qt == "" {
			return
		}
		m := map[string]any{}
		for k, v := range t {
			if k != "datasource" && k != "refId" && k != "filters" {
				m[k] = v
			}
		}
		key, _ := json.Marshal(m)
		if seen[string(key)] {
			return
		}
		seen[string(key)] = true
		// Grafana asks for about one point per pixel of a ~1000 px wide panel.
		out = append(out, query{name: dash + ": " + title, queryType: qt, model: m, span: span, interval: (span / 1000).Truncate(time.Second)})
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		var d struct {
			Panels []struct {
				Title   string           `json:"title"`
				Targets []map[string]any `json:"targets"`
			} `json:"panels"`
			Templating struct {
				List []struct {
					Name  string `json:"name"`
					Query any    `json:"query"`
				} `json:"list"`
			} `json:"templating"`
		}
		if err := json.Unmarshal(raw, &d); err != nil {
			b.Fatalf("%s: %v", f, err)
		}
		dash := strings.TrimSuffix(filepath.Base(f), ".json")
		for _, p := range d.Panels {
			for _, t := range p.Targets {
				add(dash, p.Title, t)
			}
		}
		for _, v := range d.Templating.List {
			if q, ok := v.Query.(map[string]any); ok {
				add(dash, "$"+v.Name, q)
			}
		}
	}
	return out
}

func (q query) dataQuery(end time.Time) backend.DataQuery {
	m := map[string]any{"queryType": q.queryType}
	for k, v := range q.model {
		m[k] = v
	}
	js, _ := json.Marshal(m)
	return backend.DataQuery{RefID: "A", QueryType: q.queryType, JSON: js, Interval: q.interval, MaxDataPoints: 1000,
		TimeRange: backend.TimeRange{From: end.Add(-q.span), To: end}}
}

func run(b *testing.B, q backend.DataQuery) *backend.QueryDataResponse {
	r, err := client.QueryData(context.Background(), &backend.QueryDataRequest{PluginContext: pluginContext(), Queries: []backend.DataQuery{q}})
	if err != nil {
		b.Fatal(err)
	}
	if e := r.Responses["A"].Error; e != nil {
		b.Fatal(e)
	}
	return r
}

// BenchmarkOverhead times one usage query through the plugin (gRPC, rewrite, frames, Arrow) and the
// same PromQL straight to Prometheus, interleaved in one run; reports backend/direct.
func BenchmarkOverhead(b *testing.B) {
	setup(b)
	end := scale().End
	step := 2 * scale().Interval // two samples per window, so every step has a value
	q := query{"tokens by user and type, 1 day", "usage", map[string]any{"measure": "tokens", "groupBy": []string{"user", "type"}}, 24 * time.Hour, step}.dataQuery(end)
	first := run(b, q)
	expr := first.Responses["A"].Frames[0].Meta.ExecutedQueryString
	c, err := store.New(models.Settings{URL: prom.URL}, nil)
	if err != nil {
		b.Fatal(err)
	}
	rng := v1.Range{Start: q.TimeRange.From.Truncate(step), End: q.TimeRange.To, Step: step}
	// Interleaved, alternating which goes first; the ratio is of the medians, so one slow round
	// (the machine is shared) does not decide it.
	viaPlugin, direct := make([]time.Duration, 0, b.N), make([]time.Duration, 0, b.N)
	timeDirect := func() {
		t0 := time.Now()
		if _, _, err := c.QueryRange(context.Background(), expr, rng); err != nil {
			b.Fatal(err)
		}
		direct = append(direct, time.Since(t0))
	}
	timePlugin := func() {
		t0 := time.Now()
		run(b, q)
		viaPlugin = append(viaPlugin, time.Since(t0))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%2 == 0 {
			timeDirect()
			timePlugin()
		} else {
			timePlugin()
			timeDirect()
		}
	}
	b.ReportMetric(float64(median(viaPlugin))/float64(median(direct)), "backend/direct")
	b.ReportMetric(float64(median(direct).Microseconds()), "direct-median-µs")
	b.ReportMetric(float64(median(viaPlugin).Microseconds()), "backend-median-µs")
}

func median(d []time.Duration) time.Duration {
	s := append([]time.Duration{}, d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

// BenchmarkDashboards times each dashboard query over the whole scale range through the plugin.
func BenchmarkDashboards(b *testing.B) {
	setup(b)
	s := scale()
	for _, dq := range dashboardQueries(b, time.Duration(s.Days)*24*time.Hour) {
		b.Run(dq.name, func(b *testing.B) {
			q := dq.dataQuery(s.End)
			for i := 0; i < b.N; i++ {
				r := run(b, q)
				if len(r.Responses["A"].Frames) == 0 {
					b.Fatal("no frames")
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/query")
		})
	}
}
