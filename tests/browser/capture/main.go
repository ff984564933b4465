// Command capture records what the real backend answers, for the browser harness: the test bed's real
// pipeline (simulators → OpenTelemetry Collector → Prometheus, suffixed dialect) is read through the
// real plugin over the plugin gRPC protocol, and every answer is written to
// tests/browser/fixtures/backend-capture.json together with the simulators' ground truth.
//
//	go run ./tests/browser/capture            (from the repository root; about a minute with a cached collector)
//
// What it records: every query of every bundled dashboard (src/dashboards/*.json, variables at All) and
// the resources the app pages and the query editor call (health/pipeline, prices, label-values, rewrite).
// One extra series is written straight into the store with the labels of a real token series and a model
// no price covers, so the harness can show how an unpriced model is flagged.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/experimental/datasourcetest"

	"github.com/seatmeter/seatmeter/internal/promserver"
	"github.com/seatmeter/seatmeter/pkg/catalog"
	"github.com/seatmeter/seatmeter/pkg/plugin"
	"github.com/seatmeter/seatmeter/tests/testbed"
)

// UnpricedModel is the model id of the extra series: no price row covers it.
const UnpricedModel = "harness-unpriced-model"

type recordedQuery struct {
	Source   string          `json:"source"` // dashboard file and panel title
	Query    json.RawMessage `json:"query"`
	Response json.RawMessage `json:"response"` // Grafana's /api/ds/query shape: {"results": {refId: {frames}}}
}

type recordedResource struct {
	Method string          `json:"method"`
	Path   string          `json:"path"` // with query string
	Body   json.RawMessage `json:"body,omitempty"`
	Status int             `json:"status"`
	Answer json.RawMessage `json:"answer"`
}

type capture struct {
	How        string `json:"how"`
	CapturedAt string `json:"capturedAt"`
	Dialect    string `json:"dialect"`
	From       string `json:"from"`
	To         string `json:"to"`
	Unpriced   string `json:"unpricedModel"`
	// UnpricedTokens were written under the unpriced model besides the simulators' traffic.
	UnpricedTokens float64            `json:"unpricedTokens"`
	Truth          *testbed.Truth     `json:"truth"`
	Rewrites       map[string]string  `json:"rewriteExamples"`
	Queries        []recordedQuery    `json:"queries"`
	Resources      []recordedResource `json:"resources"`
}

func main() {
	root, err := testbed.RepoRoot()
	if err == nil {
		var c *capture
		path := filepath.Join(root, "tests", "browser", "fixtures", "backend-capture.json")
		if c, err = run(root, path); err == nil {
			fmt.Printf("capture: %d queries, %d resources → %s\n", len(c.Queries), len(c.Resources), path)
			return
		}
	}
	fmt.Fprintln(os.Stderr, "capture:", err)
	os.Exit(1)
}

// run captures into path and returns what it wrote.
func run(root, path string) (*capture, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	bed, err := testbed.Start(ctx, testbed.Options{})
	if err != nil {
		return nil, err
	}
	defer bed.Stop()
	// Ten minutes before the traffic: range panels get several steps (the backend steps by at least a minute).
	from := time.Now().Add(-10 * time.Minute).Truncate(time.Second)
	truth, out, err := testbed.Simulate(ctx, bed.Collector, testbed.SimOptions{
		Seed: 7, Developers: 3, Sessions: 2, Requests: 12, DurationMs: 9000, ExportIntervalMs: 1000,
		TruthPath: filepath.Join(bed.Dir, "truth.json"),
	})
	if err != nil {
		return nil, fmt.Errorf("%v\n%s", err, out)
	}
	store, err := bed.Store(catalog.Suffixed)
	if err != nil {
		return nil, err
	}
	if _, err := testbed.WaitStable(ctx, store.URL, catalog.Suffixed, time.Second, time.Minute); err != nil {
		return nil, err
	}
	if err := writeUnpriced(ctx, store); err != nil {
		return nil, err
	}
	// End a step past the traffic: range panels step by a minute, and a step ending before the traffic is empty.
	to := time.Now().Add(70 * time.Second).Truncate(time.Second)

	port, err := promserver.FreePort()
	if err != nil {
		return nil, err
	}
	srv, err := datasourcetest.Manage(plugin.NewDatasource, datasourcetest.ManageOpts{Address: fmt.Sprintf("127.0.0.1:%d", port)})
	if err != nil {
		return nil, err
	}
	defer func() { _ = srv.Shutdown() }()
	pc := backend.PluginContext{DataSourceInstanceSettings: &backend.DataSourceInstanceSettings{
		ID: 1, UID: "harness", Name: "Seatmeter (test bed)", URL: store.URL, Updated: time.Now(),
		JSONData: json.RawMessage(captureSettings),
	}}

	c := capture{
		How:            "go run ./tests/browser/capture: test bed (seed 7, 3 developers) through the real plugin over gRPC",
		CapturedAt:     time.Now().UTC().Format(time.RFC3339),
		Dialect:        string(catalog.Suffixed),
		From:           from.UTC().Format(time.RFC3339),
		To:             to.UTC().Format(time.RFC3339),
		Unpriced:       UnpricedModel,
		UnpricedTokens: unpricedTokens,
		Truth:          truth,
	}
	if c.Queries, err = dashboardQueries(ctx, srv.Client, pc, root, from, to); err != nil {
		return nil, err
	}
	if c.Rewrites, c.Resources, err = resources(ctx, srv.Client, pc); err != nil {
		return nil, err
	}
	js, err := json.MarshalIndent(c, "", " ")
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(path, append(js, '\n'), 0o644); err != nil {
		return nil, err
	}
	return &c, nil
}

const unpricedTokens = 4242

// captureSettings are the data source's settings: a negotiated discount shows in every cost.
const captureSettings = `{"cacheWriteTTL":"5m","priceOverrides":{"discountPercent":10}}`

// writeUnpriced copies the labels of one real token series onto a model nobody prices.
func writeUnpriced(ctx context.Context, store *promserver.Server) error {
	cat, err := catalog.Default()
	if err != nil {
		return err
	}
	m, ok := cat.Measure("tokens")
	if !ok {
		return fmt.Errorf("catalog has no tokens measure")
	}
	name := m.Metrics[0].Name(catalog.Suffixed)
	series, err := testbed.Query(ctx, store.URL, name)
	if err != nil || len(series) == 0 {
		return fmt.Errorf("no %s series to copy labels from: %v", name, err)
	}
	labels := map[string]string{}
	for k, v := range series[0].Labels {
		labels[k] = v
	}
	labels["__name__"] = name
	labels[catalog.Label("model", catalog.Suffixed)] = UnpricedModel
	now := time.Now()
	return store.RemoteWrite(ctx, []promserver.Sample{
		{Labels: labels, Time: now.Add(-20 * time.Second), Value: 0},
		{Labels: labels, Time: now.Add(-10 * time.Second), Value: unpricedTokens},
		{Labels: labels, Time: now, Value: unpricedTokens},
	})
}

// dashboardQueries runs every target of every bundled dashboard with the variables at All.
func dashboardQueries(ctx context.Context, cl *datasourcetest.TestPluginClient, pc backend.PluginContext, root string, from, to time.Time) ([]recordedQuery, error) {
	files, err := filepath.Glob(filepath.Join(root, "src", "dashboards", "*.json"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no dashboards in src/dashboards: %v", err)
	}
	sort.Strings(files)
	var out []recordedQuery
	for _, f := range files {
		var dash struct {
			Panels []struct {
				Title   string           `json:"title"`
				Targets []map[string]any `json:"targets"`
			} `json:"panels"`
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, &dash); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for _, p := range dash.Panels {
			for _, t := range p.Targets {
				q, err := ask(ctx, cl, pc, filepath.Base(f)+" / "+p.Title, t, from, to)
				if err != nil {
					return nil, err
				}
				out = append(out, q)
			}
		}
	}
	// What a user makes of a panel in Grafana's editor: the cost panel grouped by developer needs the
	// developer and the model in its token query (the bundled one asks by model, to fit 1,000 developers).
	q, err := ask(ctx, cl, pc, EditedCostPanel, map[string]any{"refId": "A", "queryType": "usage", "measure": "tokens",
		"groupBy": []string{"agent", "model", "user", "type"}, "instant": true}, from, to)
	if err != nil {
		return nil, err
	}
	out = append(out, q)
	return out, nil
}

// EditedCostPanel names the recorded query of the cost panel as a user regroups it by developer.
const EditedCostPanel = "edited panel / Cost panel by developer and model"

// ask runs one target through the plugin with the variables at All and records it.
func ask(ctx context.Context, cl *datasourcetest.TestPluginClient, pc backend.PluginContext, source string, t map[string]any, from, to time.Time) (recordedQuery, error) {
	delete(t, "filters") // every filter is a dashboard variable, and All means no filter
	delete(t, "datasource")
	js, _ := json.Marshal(t)
	refID, _ := t["refId"].(string)
	qt, _ := t["queryType"].(string)
	resp, err := cl.QueryData(ctx, &backend.QueryDataRequest{PluginContext: pc, Queries: []backend.DataQuery{{
		RefID: refID, QueryType: qt, JSON: js, Interval: time.Minute, MaxDataPoints: 300,
		TimeRange: backend.TimeRange{From: from, To: to},
	}}})
	if err != nil {
		return recordedQuery{}, err
	}
	r := resp.Responses[refID]
	if r.Error != nil {
		return recordedQuery{}, fmt.Errorf("%s: %v", source, r.Error)
	}
	if len(r.Frames) == 0 {
		return recordedQuery{}, fmt.Errorf("%s: no frames", source)
	}
	rjs, err := json.Marshal(resp)
	if err != nil {
		return recordedQuery{}, err
	}
	return recordedQuery{Source: source, Query: js, Response: rjs}, nil
}

func resources(ctx context.Context, cl *datasourcetest.TestPluginClient, pc backend.PluginContext) (map[string]string, []recordedResource, error) {
	cat, err := catalog.Default()
	if err != nil {
		return nil, nil, err
	}
	m, _ := cat.Measure("tokens")
	// Users write OTel-style names with dots as underscores; the backend rewrites them for the store.
	name := strings.ReplaceAll(m.Metrics[0].OTel, ".", "_")
	rewrites := map[string]string{
		"good":   fmt.Sprintf("sum by (model) (increase(%s[$__range]))", name),
		"broken": fmt.Sprintf("sum by (model) (\n  rate(%s[5m])", name),
	}
	calls := []recordedResource{
		{Method: http.MethodGet, Path: "health/pipeline"},
		{Method: http.MethodGet, Path: "prices"},
		{Method: http.MethodGet, Path: "label-values?label=user"},
		{Method: http.MethodGet, Path: "label-values?label=model"},
	}
	for _, k := range []string{"good", "broken"} {
		body, _ := json.Marshal(map[string]string{"expr": rewrites[k]})
		calls = append(calls, recordedResource{Method: http.MethodPost, Path: "rewrite", Body: body})
	}
	for i := range calls {
		rc := &calls[i]
		u, _ := url.Parse(rc.Path)
		var got *backend.CallResourceResponse
		err := cl.CallResource(ctx, &backend.CallResourceRequest{
			PluginContext: pc, Method: rc.Method, Path: u.Path, URL: rc.Path, Body: rc.Body,
		}, backend.CallResourceResponseSenderFunc(func(r *backend.CallResourceResponse) error {
			got = r
			return nil
		}))
		if err != nil {
			return nil, nil, fmt.Errorf("%s %s: %w", rc.Method, rc.Path, err)
		}
		if got == nil || !json.Valid(got.Body) {
			return nil, nil, fmt.Errorf("%s %s: no JSON answer", rc.Method, rc.Path)
		}
		rc.Status, rc.Answer = got.Status, got.Body
	}
	return rewrites, calls, nil
}
