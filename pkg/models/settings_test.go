package models

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

func TestLoadReadsSecretsOnlyFromSecureJSON(t *testing.T) {
	s, err := Load(backend.DataSourceInstanceSettings{
		URL:      "http://mimir:9009/prometheus/",
		JSONData: json.RawMessage(`{"authType":"basic","basicAuthUser":"team","basicAuthPassword":"leaked","httpHeaderName1":"X-Scope-OrgID"}`),
		DecryptedSecureJSONData: map[string]string{
			"basicAuthPassword": "s3cret",
			"httpHeaderValue1":  "seatmeter",
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if s.URL != "http://mimir:9009/prometheus" {
		t.Errorf("URL = %q", s.URL)
	}
	if s.BasicPassword != "s3cret" {
		t.Errorf("password must come from secureJsonData, got %q", s.BasicPassword)
	}
	if s.Headers["X-Scope-OrgID"] != "seatmeter" {
		t.Errorf("headers = %v", s.Headers)
	}
	if s.Dialect != "auto" || s.CacheWriteTTL != "5m" || s.TimeoutSeconds != 30 {
		t.Errorf("defaults not applied: %+v", s)
	}
}

func TestLoadErrorsNameTheField(t *testing.T) {
	cases := map[string]struct {
		url, json, want string
	}{
		"empty url":       {"", `{}`, "URL is empty"},
		"bad scheme":      {"ftp://x", `{}`, "not an http(s) URL"},
		"bad json":        {"http://x", `{`, "jsonData is not valid JSON"},
		"basic no user":   {"http://x", `{"authType":"basic"}`, "basicAuthUser"},
		"bearer no token": {"http://x", `{"authType":"bearer"}`, "bearerToken"},
		"unknown auth":    {"http://x", `{"authType":"oauth"}`, `authType "oauth"`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Load(backend.DataSourceInstanceSettings{URL: c.url, JSONData: json.RawMessage(c.json)})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want it to mention %q", err, c.want)
			}
		})
	}
}
