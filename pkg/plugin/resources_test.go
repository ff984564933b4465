package plugin

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/seatmeter/seatmeter/internal/promserver"
)

// callResource sends one resource request over the plugin protocol and decodes the JSON answer.
func callResource(t *testing.T, pc backend.PluginContext, method, path string, body []byte, out any) int {
	t.Helper()
	var resp *backend.CallResourceResponse
	err := startPlugin(t).CallResource(context.Background(), &backend.CallResourceRequest{
		// As Grafana sends it: Path without the query string, URL with it.
		PluginContext: pc, Method: method, Path: strings.SplitN(path, "?", 2)[0], URL: path, Body: body,
	}, backend.CallResourceResponseSenderFunc(func(r *backend.CallResourceResponse) error {
		if resp == nil {
			resp = r
		} else {
			resp.Body = append(resp.Body, r.Body...)
		}
		return nil
	}))
	if err != nil || resp == nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	if out != nil {
		if err := json.Unmarshal(resp.Body, out); err != nil {
			t.Fatalf("%s %s: %v in %s", method, path, err, resp.Body)
		}
	}
	return resp.Status
}

func TestRewriteAndCatalogResourcesFollowTheStoresDialect(t *testing.T) {
	prom := promserver.StartT(t)
	pc := pluginContext(prom.URL)
	pc.DataSourceInstanceSettings.UID = "rewrite-test"
	pc.DataSourceInstanceSettings.ID = 11
	writeSuffixedProbe(t, prom)

	var cat struct {
		Measures []struct{ ID string } `json:"measures"`
	}
	if st := callResource(t, pc, http.MethodGet, "catalog", nil, &cat); st != 200 || len(cat.Measures) == 0 {
		t.Fatalf("catalog: %d %+v", st, cat)
	}

	var rw rewriteResponse
	callResource(t, pc, http.MethodPost, "rewrite", []byte(`{"expr":"sum(rate({\"claude_code.token.usage\"}[$__rate_interval]))"}`), &rw)
	if rw.Error != nil || rw.Dialect != "suffixed" || rw.Rewritten != "sum(rate(claude_code_token_usage_tokens_total{}[$__rate_interval]))" {
		t.Fatalf("rewrite: %+v", rw)
	}
	rw = rewriteResponse{}
	callResource(t, pc, http.MethodPost, "rewrite", []byte(`{"expr":"sum(rate(claude_code_token_usage[5m])\n by (user"}`), &rw)
	if rw.Error == nil || rw.Error.Line != 2 || rw.Error.Msg == "" {
		t.Fatalf("rewrite error: %+v", rw)
	}
}

func TestPricesAndPipelineResources(t *testing.T) {
	prom := promserver.StartT(t)
	pc := pluginContext(prom.URL)
	pc.DataSourceInstanceSettings.UID = "prices-test"
	pc.DataSourceInstanceSettings.ID = 12
	pc.DataSourceInstanceSettings.JSONData = json.RawMessage(`{"priceOverrides":{"discountPercent":10}}`)
	var samples []promserver.Sample
	for i := 0; i <= 10; i++ {
		ts := nowMinute().Add(time.Duration(i-10) * time.Minute)
		samples = append(samples,
			promserver.Sample{Labels: map[string]string{"__name__": "claude_code_token_usage", "user_email": "ada@example.com", "type": "input", "model": "acme-coder-9"}, Time: ts, Value: float64(100 * i)},
			promserver.Sample{Labels: map[string]string{"__name__": "claude_code_token_usage", "user_email": "ada@example.com", "type": "input", "model": "claude-sonnet-4-5"}, Time: ts, Value: float64(10 * i)})
	}
	if err := prom.RemoteWrite(context.Background(), samples); err != nil {
		t.Fatal(err)
	}
	var prices struct {
		AsOf      string         `json:"asOf"`
		Models    []string       `json:"models"`
		Overrides map[string]any `json:"overrides"`
		Unpriced  []struct {
			Model  string  `json:"model"`
			Tokens float64 `json:"tokens"`
		} `json:"unpriced"`
	}
	if st := callResource(t, pc, http.MethodGet, "prices", nil, &prices); st != 200 {
		t.Fatalf("prices status %d", st)
	}
	if prices.AsOf == "" || len(prices.Models) < 10 || prices.Overrides["discountPercent"] != 10.0 ||
		len(prices.Unpriced) != 1 || prices.Unpriced[0].Model != "acme-coder-9" || prices.Unpriced[0].Tokens < 1000 {
		t.Fatalf("prices: %+v", prices)
	}

	var pipe struct {
		Hops []struct {
			ID, Status string
		} `json:"hops"`
		Dialect string `json:"dialect"`
		Agents  []struct {
			Agent string `json:"agent"`
			Users []struct {
				User string `json:"user"`
			} `json:"users"`
		} `json:"agents"`
	}
	callResource(t, pc, http.MethodGet, "health/pipeline", nil, &pipe)
	if pipe.Dialect != "nosuffix" || len(pipe.Hops) != 7 || len(pipe.Agents) != 1 || pipe.Agents[0].Users[0].User != "ada@example.com" {
		t.Fatalf("pipeline: %+v", pipe)
	}

	// Editor pickers: canonical `user` maps to user_email through the catalog; raw labels pass through.
	var users, models, raw struct {
		Values []string `json:"values"`
	}
	callResource(t, pc, http.MethodGet, "label-values?label=user", nil, &users)
	callResource(t, pc, http.MethodGet, "label-values?label=model", nil, &models)
	callResource(t, pc, http.MethodGet, "label-values?label=user_email", nil, &raw)
	if strings.Join(users.Values, ",") != "ada@example.com" || strings.Join(models.Values, ",") != "acme-coder-9,claude-sonnet-4-5" ||
		strings.Join(raw.Values, ",") != "ada@example.com" {
		t.Fatalf("label values: user=%v model=%v user_email=%v", users.Values, models.Values, raw.Values)
	}

	bad := pluginContext(prom.URL)
	bad.DataSourceInstanceSettings.UID, bad.DataSourceInstanceSettings.ID = "bad-overrides", 13
	bad.DataSourceInstanceSettings.JSONData = json.RawMessage(`{"priceOverrides":{"models":[{"id":"x","prices":[{"from":"2026-01-01","input":-1}]}]}}`)
	h, err := startPlugin(t).CheckHealth(context.Background(), &backend.CheckHealthRequest{PluginContext: bad})
	msg := ""
	if err != nil {
		msg = err.Error()
	} else if h.Status == backend.HealthStatusError {
		msg = h.Message
	}
	if !strings.Contains(msg, "priceOverrides") || !strings.Contains(msg, "input") {
		t.Fatalf("bad overrides: err=%v health=%+v", err, h)
	}
}

func writeSuffixedProbe(t *testing.T, prom *promserver.Server) {
	t.Helper()
	err := prom.RemoteWrite(context.Background(), []promserver.Sample{{
		Labels: map[string]string{"__name__": "claude_code_token_usage_tokens_total", "type": "input"}, Time: nowMinute(), Value: 1,
	}})
	if err != nil {
		t.Fatal(err)
	}
}
