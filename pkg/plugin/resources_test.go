package plugin

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/seatmeter/seatmeter/internal/promserver"
)

// callResource sends one resource request over the plugin protocol and decodes the JSON answer.
func callResource(t *testing.T, pc backend.PluginContext, method, path string, body []byte, out any) int {
	t.Helper()
	var resp *backend.CallResourceResponse
	err := startPlugin(t).CallResource(context.Background(), &backend.CallResourceRequest{
		PluginContext: pc, Method: method, Path: path, URL: path, Body: body,
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

func writeSuffixedProbe(t *testing.T, prom *promserver.Server) {
	t.Helper()
	err := prom.RemoteWrite(context.Background(), []promserver.Sample{{
		Labels: map[string]string{"__name__": "claude_code_token_usage_tokens_total", "type": "input"}, Time: nowMinute(), Value: 1,
	}})
	if err != nil {
		t.Fatal(err)
	}
}
