package plugin

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/grafana/grafana-plugin-sdk-go/experimental/datasourcetest"

	"github.com/seatmeter/seatmeter/internal/promserver"
)

// The SDK registers process-wide metrics when it serves, so one plugin server serves every test.
var (
	pluginOnce   sync.Once
	pluginClient *datasourcetest.TestPluginClient
	pluginServer datasourcetest.TestPlugin
	pluginErr    error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if pluginClient != nil {
		_ = pluginServer.Shutdown()
	}
	os.Exit(code)
}

// startPlugin runs the real backend over the plugin gRPC protocol, in process.
func startPlugin(t *testing.T) *datasourcetest.TestPluginClient {
	t.Helper()
	pluginOnce.Do(func() {
		port, err := promserver.FreePort()
		if err != nil {
			pluginErr = err
			return
		}
		pluginServer, pluginErr = datasourcetest.Manage(NewDatasource, datasourcetest.ManageOpts{Address: "127.0.0.1:" + itoa(port)})
		pluginClient = pluginServer.Client
	})
	if pluginErr != nil {
		t.Fatal(pluginErr)
	}
	return pluginClient
}

func pluginContext(url string) backend.PluginContext {
	return backend.PluginContext{DataSourceInstanceSettings: &backend.DataSourceInstanceSettings{
		ID: 1, UID: "sm", URL: url, JSONData: json.RawMessage(`{}`), Updated: time.Now(),
	}}
}

func TestBackendOverPluginProtocolAgainstRealPrometheus(t *testing.T) {
	prom := promserver.StartT(t)
	client := startPlugin(t)
	ctx := context.Background()
	pc := pluginContext(prom.URL)

	// An empty store: reachable, but no data yet.
	h, err := client.CheckHealth(ctx, &backend.CheckHealthRequest{PluginContext: pc})
	if err != nil {
		t.Fatal(err)
	}
	if h.Status != backend.HealthStatusUnknown || !strings.Contains(h.Message, "No agent token data") {
		t.Fatalf("empty store health = %v %q", h.Status, h.Message)
	}

	now := time.Now().Truncate(time.Minute)
	start := now.Add(-10 * time.Minute)
	var samples []promserver.Sample
	for i := 0; i <= 10; i++ {
		ts := start.Add(time.Duration(i) * time.Minute)
		samples = append(samples,
			promserver.Sample{Labels: map[string]string{"__name__": "seatmeter_test_tokens", "user": "ada@example.com"}, Time: ts, Value: float64(100 * i)},
			promserver.Sample{Labels: map[string]string{"__name__": "seatmeter_test_tokens", "user": "bob@example.com"}, Time: ts, Value: float64(7 * i)},
			promserver.Sample{Labels: map[string]string{"__name__": "claude_code_token_usage_tokens_total", "user_email": "ada@example.com", "type": "input", "model": "m"}, Time: ts, Value: float64(3 * i)},
		)
	}
	if err := prom.RemoteWrite(ctx, samples); err != nil {
		t.Fatal(err)
	}

	h, err = client.CheckHealth(ctx, &backend.CheckHealthRequest{PluginContext: pc})
	if err != nil {
		t.Fatal(err)
	}
	if h.Status != backend.HealthStatusOk || !strings.Contains(h.Message, "naming dialect suffixed (detected") ||
		!strings.Contains(h.Message, "claude-code (1 developer") || !strings.Contains(h.Message, prom.URL) {
		t.Fatalf("health = %v %q", h.Status, h.Message)
	}

	resp, err := client.QueryData(ctx, &backend.QueryDataRequest{PluginContext: pc, Queries: []backend.DataQuery{
		{RefID: "A", QueryType: "promql", Interval: time.Minute, TimeRange: backend.TimeRange{From: start, To: now},
			JSON: json.RawMessage(`{"expr":"sum by (user) (seatmeter_test_tokens)","legendFormat":"{{user}}"}`)},
		{RefID: "B", QueryType: "promql", TimeRange: backend.TimeRange{From: start, To: now},
			JSON: json.RawMessage(`{"expr":"sum(increase(seatmeter_test_tokens[$__range]))","instant":true}`)},
		{RefID: "C", QueryType: "promql", TimeRange: backend.TimeRange{From: start, To: now},
			JSON: json.RawMessage(`{"expr":"sum(rate(seatmeter_test_tokens[5m]) by (user"}`)},
	}})
	if err != nil {
		t.Fatal(err)
	}

	a := resp.Responses["A"]
	if a.Error != nil || len(a.Frames) != 1 || len(a.Frames[0].Fields) != 3 {
		t.Fatalf("A: err=%v frames=%d", a.Error, len(a.Frames))
	}
	wide := a.Frames[0]
	ada := wide.Fields[1]
	if ada.Labels["user"] != "ada@example.com" || ada.Config.DisplayNameFromDS != "ada@example.com" {
		t.Fatalf("A labels: %v", ada.Labels)
	}
	if wide.Rows() != 11 || *ada.At(10).(*float64) != 1000 || wide.Meta.Type != data.FrameTypeTimeSeriesWide {
		t.Fatalf("A values: rows=%d last=%v", wide.Rows(), ada.At(wide.Rows()-1))
	}

	b := resp.Responses["B"]
	if b.Error != nil || len(b.Frames) != 1 {
		t.Fatalf("B: err=%v frames=%d", b.Error, len(b.Frames))
	}
	if strings.Contains(b.Frames[0].Meta.ExecutedQueryString, "$__range") {
		t.Fatalf("macro not expanded: %s", b.Frames[0].Meta.ExecutedQueryString)
	}
	// increase() over the whole range extrapolates; the raw growth is 1000 + 70.
	if got := b.Frames[0].Fields[1].At(0).(float64); got < 1070 || got > 1070*1.2 {
		t.Fatalf("B increase = %v", got)
	}

	c := resp.Responses["C"]
	if c.Error == nil || !strings.Contains(c.Error.Error(), "invalid PromQL") || !strings.Contains(c.Error.Error(), "line 1, column") {
		t.Fatalf("C should be rejected with a position, got %v", c.Error)
	}
}

func TestUnreachableStoreNamesTheHop(t *testing.T) {
	port, _ := promserver.FreePort() // nothing listens there
	client := startPlugin(t)
	h, err := client.CheckHealth(context.Background(), &backend.CheckHealthRequest{PluginContext: pluginContext("http://127.0.0.1:" + itoa(port))})
	if err != nil {
		t.Fatal(err)
	}
	if h.Status != backend.HealthStatusError || !strings.Contains(h.Message, "store unreachable") {
		t.Fatalf("health = %v %q", h.Status, h.Message)
	}
}
