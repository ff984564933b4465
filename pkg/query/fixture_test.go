package query

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/seatmeter/seatmeter/internal/promserver"
	"github.com/seatmeter/seatmeter/pkg/catalog"
	"github.com/seatmeter/seatmeter/pkg/dialect"
	"github.com/seatmeter/seatmeter/pkg/models"
	"github.com/seatmeter/seatmeter/pkg/pricing"
	"github.com/seatmeter/seatmeter/pkg/rewrite"
	"github.com/seatmeter/seatmeter/pkg/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// t0 is the fixture's start; every series has one sample a minute for an hour.
var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

const fixtureMinutes = 60

// Two real Prometheus servers hold the same fixture, one per dialect; started once per binary.
var (
	storesOnce sync.Once
	stores     map[catalog.Dialect]*promserver.Server
	storesErr  error
)

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	for _, s := range append([]*promserver.Server{sparseStore}, mapValues(stores)...) {
		if s != nil {
			s.Stop()
			_ = os.RemoveAll(s.Dir)
		}
	}
	os.Exit(code)
}

func mapValues(m map[catalog.Dialect]*promserver.Server) []*promserver.Server {
	var out []*promserver.Server
	for _, s := range m {
		out = append(out, s)
	}
	return out
}

// fixtureSeries is one counter: OTel metric, raw labels, and its rise per minute.
type fixtureSeries struct {
	measure, agent string
	labels         map[string]string
	perMinute      float64
}

// fixture is hand-written usage with known totals (one hour = 60 × perMinute, counters start at 0).
var fixture = []fixtureSeries{
	// Claude Code: ada signs in (email), bob uses an API key (id only).
	{"tokens", "claude-code", map[string]string{"user_email": "ada@example.com", "user_id": "u-ada", "model": "claude-sonnet-4-5", "type": "input", "session_id": "s1"}, 100},
	{"tokens", "claude-code", map[string]string{"user_email": "ada@example.com", "user_id": "u-ada", "model": "claude-sonnet-4-5", "type": "output", "session_id": "s1"}, 50},
	{"tokens", "claude-code", map[string]string{"user_email": "ada@example.com", "user_id": "u-ada", "model": "claude-sonnet-4-5", "type": "cacheRead", "session_id": "s1"}, 1000},
	{"tokens", "claude-code", map[string]string{"user_email": "ada@example.com", "user_id": "u-ada", "model": "claude-sonnet-4-5", "type": "cacheCreation", "session_id": "s1"}, 200},
	{"tokens", "claude-code", map[string]string{"user_id": "u-bob", "model": "claude-opus-4-5", "type": "input", "session_id": "s2"}, 10},
	{"tokens", "claude-code", map[string]string{"user_id": "u-bob", "model": "claude-opus-4-5", "type": "output", "session_id": "s2"}, 20},
	{"cost_reported", "claude-code", map[string]string{"user_email": "ada@example.com", "user_id": "u-ada", "model": "claude-sonnet-4-5", "session_id": "s1"}, 0.5},
	{"cost_reported", "claude-code", map[string]string{"user_id": "u-bob", "model": "claude-opus-4-5", "session_id": "s2"}, 0.25},
	// Codex as exported: cached_input inside input, reasoning inside output, total = input + output.
	{"tokens", "codex", map[string]string{"user_email": "cy@example.com", "model": "gpt-5-codex", "token_type": "input"}, 300},
	{"tokens", "codex", map[string]string{"user_email": "cy@example.com", "model": "gpt-5-codex", "token_type": "cached_input"}, 120},
	{"tokens", "codex", map[string]string{"user_email": "cy@example.com", "model": "gpt-5-codex", "token_type": "output", "x": "1"}, 40},
	{"tokens", "codex", map[string]string{"user_email": "cy@example.com", "model": "gpt-5-codex", "token_type": "reasoning_output"}, 15},
	{"tokens", "codex", map[string]string{"user_email": "cy@example.com", "model": "gpt-5-codex", "token_type": "total"}, 340},
	// Codex already normalised by a collector: input is uncached, cached reads are cache_read.
	{"tokens", "codex", map[string]string{"user_email": "dee@example.com", "model": "gpt-5-codex", "token_type": "input"}, 70},
	{"tokens", "codex", map[string]string{"user_email": "dee@example.com", "model": "gpt-5-codex", "token_type": "cache_read"}, 30},
	{"tokens", "codex", map[string]string{"user_email": "dee@example.com", "model": "gpt-5-codex", "token_type": "output"}, 5},
	// A model no price list knows.
	{"tokens", "codex", map[string]string{"user_email": "cy@example.com", "model": "acme-coder-9", "token_type": "input"}, 8},
	{"tokens", "codex", map[string]string{"user_email": "cy@example.com", "model": "acme-coder-9", "token_type": "output"}, 2},
}

func metricOf(t testing.TB, cat *catalog.Catalog, measure, agent string) catalog.Metric {
	meas, _ := cat.Measure(measure)
	for _, mt := range meas.Metrics {
		if mt.Agent == agent {
			return mt
		}
	}
	t.Fatalf("no %s metric for %s", measure, agent)
	return catalog.Metric{}
}

// fixtureSamples writes the fixture under dialect d's names.
func fixtureSamples(t testing.TB, d catalog.Dialect) []promserver.Sample {
	cat, _ := catalog.Default()
	var out []promserver.Sample
	for _, s := range fixture {
		mt := metricOf(t, cat, s.measure, s.agent)
		for i := 0; i <= fixtureMinutes; i++ {
			l := map[string]string{"__name__": mt.Name(d), "job": s.agent}
			for k, v := range s.labels {
				l[labelIn(cat, k, d)] = v
			}
			out = append(out, promserver.Sample{Labels: l, Time: t0.Add(time.Duration(i) * time.Minute), Value: s.perMinute * float64(i)})
		}
	}
	return out
}

// labelIn is the fixture's label key (an attribute as Prometheus names it) as dialect d names it.
func labelIn(cat *catalog.Catalog, key string, d catalog.Dialect) string {
	var attrs []string
	for _, a := range cat.Agents {
		attrs = append(attrs, a.UserAttributes...)
	}
	for _, m := range cat.Measures {
		for _, mt := range m.Metrics {
			for _, a := range mt.Labels {
				attrs = append(attrs, a)
			}
		}
	}
	for _, a := range attrs {
		if catalog.Label(a, catalog.Suffixed) == key {
			return catalog.Label(a, d)
		}
	}
	return key
}

// fixtureDialects are the stores every fixture query is answered from: Debian's Prometheus 2 in the two
// underscore dialects, a Prometheus 3 (built once, scripts/test-steps/16-prometheus3.sh) with OTel's own names.
var fixtureDialects = []catalog.Dialect{catalog.Suffixed, catalog.NoSuffix, catalog.UTF8}

func fixtureStores(t *testing.T) map[catalog.Dialect]*promserver.Server {
	t.Helper()
	storesOnce.Do(func() {
		stores = map[catalog.Dialect]*promserver.Server{}
		for _, d := range fixtureDialects {
			dir, err := os.MkdirTemp("", "seatmeter-query-")
			if err != nil {
				storesErr = err
				return
			}
			bin, err := promserver.Binary()
			if d == catalog.UTF8 && err == nil {
				bin, err = promserver.Binary3(context.Background())
			}
			if err != nil {
				storesErr = err
				return
			}
			s, err := promserver.StartBinary(context.Background(), bin, dir)
			if err != nil {
				storesErr = err
				return
			}
			stores[d] = s
			if storesErr = s.RemoteWrite(context.Background(), fixtureSamples(t, d)); storesErr != nil {
				return
			}
		}
	})
	if storesErr != nil {
		t.Fatal(storesErr)
	}
	return stores
}

// envFor is a handler environment over one store, detecting its dialect like the plugin does.
func envFor(t *testing.T, url string) Env {
	t.Helper()
	st := models.Settings{URL: url, Dialect: "auto", CacheWriteTTL: "5m", TimeoutSeconds: 30}
	c, err := store.New(st, nil)
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := catalog.Default()
	det := dialect.NewDetector(cat, "auto", c.MetricNames, time.Minute)
	return Env{Client: c, Settings: st, Catalog: cat, Names: rewrite.NewIndex(cat), Dialect: det.Get, Pricer: testPricer(t), PriceOverrides: testOverrides(t)}
}

// priceChange is an override in force from the middle of the fixture hour: gpt-5-codex input doubles,
// so effective dating shows in the totals.
var priceChange = `{"models":[{"id":"gpt-5-codex","prices":[{"from":"2026-03-02T09:30:00Z","input":2.5,"output":10,"cacheRead":0.125,"cacheWrite5m":2.5,"cacheWrite1h":2.5}]}]}`

func testOverrides(t *testing.T) *pricing.Overrides {
	t.Helper()
	ov, err := pricing.ParseOverrides([]byte(priceChange))
	if err != nil {
		t.Fatal(err)
	}
	return ov
}

func testPricer(t *testing.T) Pricer {
	t.Helper()
	book, err := pricing.Load(testOverrides(t))
	if err != nil {
		t.Fatal(err)
	}
	return BookPricer{Book: book}
}

// fixtureQuery is a query over the whole fixture hour.
func fixtureQuery(refID, qt string, model any) backend.DataQuery {
	js, _ := json.Marshal(model)
	return backend.DataQuery{RefID: refID, QueryType: qt, JSON: js, Interval: time.Minute, MaxDataPoints: 1000,
		TimeRange: backend.TimeRange{From: t0, To: t0.Add(fixtureMinutes * time.Minute)}}
}

// serveBoth answers the query from every dialect's store and checks they agree.
func serveBoth(t *testing.T, q backend.DataQuery) backend.DataResponse {
	t.Helper()
	st := fixtureStores(t)
	mux := NewMux()
	var first backend.DataResponse
	var firstJSON string
	for _, d := range fixtureDialects {
		r := mux.Serve(context.Background(), envFor(t, st[d].URL), q)
		if r.Error != nil {
			t.Fatalf("%s: %v", d, r.Error)
		}
		for _, f := range r.Frames {
			if cu, ok := f.Meta.Custom.(Custom); ok && cu.Dialect != "" && cu.Dialect != string(d) {
				t.Fatalf("the %s store was read as %s", d, cu.Dialect)
			}
		}
		js := dialectFree(t, r)
		if d == catalog.Suffixed {
			first, firstJSON = r, js
		} else if js != firstJSON {
			t.Fatalf("frames differ between dialects:\nsuffixed %s\n%s %s", firstJSON, d, js)
		}
	}
	return first
}

// dialectFree is the response's JSON without what legitimately differs per dialect.
func dialectFree(t *testing.T, r backend.DataResponse) string {
	t.Helper()
	var fs data.Frames
	for _, f := range r.Frames {
		c := *f
		m := *f.Meta
		m.ExecutedQueryString = ""
		if cu, ok := m.Custom.(Custom); ok {
			cu.Dialect = ""
			m.Custom = cu
		}
		c.Meta = &m
		fs = append(fs, &c)
	}
	js, err := json.Marshal(backend.DataResponse{Frames: fs})
	if err != nil {
		t.Fatal(err)
	}
	return string(js)
}

// values maps each value field's display name to its last value (instant: one frame per series;
// range: one wide frame).
func values(r backend.DataResponse) map[string]float64 {
	out := map[string]float64{}
	for name, pts := range points(r) {
		out[name] = pts[len(pts)-1]
	}
	return out
}

// points maps each value field's display name to its non-null values in time order.
func points(r backend.DataResponse) map[string][]float64 {
	out := map[string][]float64{}
	for _, f := range r.Frames {
		for _, fl := range f.Fields[1:] {
			for i := 0; i < fl.Len(); i++ {
				switch v := fl.At(i).(type) {
				case float64:
					out[fl.Config.DisplayNameFromDS] = append(out[fl.Config.DisplayNameFromDS], v)
				case *float64:
					if v != nil {
						out[fl.Config.DisplayNameFromDS] = append(out[fl.Config.DisplayNameFromDS], *v)
					}
				}
			}
		}
	}
	return out
}
