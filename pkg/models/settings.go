// Package models holds the data source's settings as Grafana stores them.
package models

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// AuthType says how the backend authenticates to the store.
type AuthType string

const (
	AuthNone   AuthType = "none"
	AuthBasic  AuthType = "basic"
	AuthBearer AuthType = "bearer"
)

// Settings is the data source configuration. Secrets come only from secureJsonData.
type Settings struct {
	URL      string   `json:"-"`
	AuthType AuthType `json:"authType"`
	// BasicUser is not a secret; the password is.
	BasicUser string `json:"basicAuthUser"`
	// Dialect overrides naming-dialect detection: "auto" (default), "nosuffix", "suffixed", "utf8".
	Dialect string `json:"dialect"`
	// CacheWriteTTL is the TTL assumed for aggregate cache writes when costing OTel data: "5m" or "1h".
	CacheWriteTTL string `json:"cacheWriteTTL"`
	// TimeoutSeconds bounds each request to the store.
	TimeoutSeconds int `json:"timeoutSeconds"`
	// PriceOverrides is the user's price overrides JSON (pkg/pricing.ParseOverrides checks it).
	PriceOverrides json.RawMessage `json:"priceOverrides,omitempty"`

	BasicPassword string            `json:"-"`
	BearerToken   string            `json:"-"`
	Headers       map[string]string `json:"-"`
}

// Load reads settings from Grafana's instance settings. Custom headers follow Grafana's
// convention: jsonData.httpHeaderName<N> with secureJsonData.httpHeaderValue<N>.
func Load(s backend.DataSourceInstanceSettings) (Settings, error) {
	var st Settings
	if len(s.JSONData) > 0 {
		if err := json.Unmarshal(s.JSONData, &st); err != nil {
			return st, fmt.Errorf("settings: jsonData is not valid JSON: %w", err)
		}
	}
	st.URL = strings.TrimRight(strings.TrimSpace(s.URL), "/")
	if st.URL == "" {
		return st, fmt.Errorf("settings: the store URL is empty; set it to the Prometheus API base (e.g. http://mimir:9009/prometheus)")
	}
	u, err := url.Parse(st.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return st, fmt.Errorf("settings: the store URL %q is not an http(s) URL", st.URL)
	}
	if st.AuthType == "" {
		st.AuthType = AuthNone
	}
	if st.Dialect == "" {
		st.Dialect = "auto"
	}
	if st.CacheWriteTTL == "" {
		st.CacheWriteTTL = "5m"
	}
	if st.TimeoutSeconds <= 0 {
		st.TimeoutSeconds = 30
	}
	secure := s.DecryptedSecureJSONData
	st.BasicPassword = secure["basicAuthPassword"]
	st.BearerToken = secure["bearerToken"]
	switch st.AuthType {
	case AuthNone:
	case AuthBasic:
		if st.BasicUser == "" {
			return st, fmt.Errorf("settings: basic auth needs jsonData.basicAuthUser")
		}
	case AuthBearer:
		if st.BearerToken == "" {
			return st, fmt.Errorf("settings: bearer auth needs secureJsonData.bearerToken")
		}
	default:
		return st, fmt.Errorf("settings: authType %q is not one of none, basic, bearer", st.AuthType)
	}
	var raw map[string]any
	_ = json.Unmarshal(s.JSONData, &raw)
	st.Headers = map[string]string{}
	for k, v := range raw {
		if !strings.HasPrefix(k, "httpHeaderName") {
			continue
		}
		name, _ := v.(string)
		if name == "" {
			continue
		}
		st.Headers[name] = secure["httpHeaderValue"+strings.TrimPrefix(k, "httpHeaderName")]
	}
	return st, nil
}
