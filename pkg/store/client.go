// Package store talks to the Prometheus-compatible store (Prometheus, Mimir, Grafana Cloud)
// through the Prometheus HTTP API client, adding the configured auth and headers.
package store

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/prometheus/client_golang/api"
	v1 "github.com/prometheus/client_golang/api/prometheus/v1"
	"github.com/prometheus/common/model"

	"github.com/seatmeter/seatmeter/pkg/models"
)

// Client is a thin wrapper over the Prometheus API that names the hop when something fails.
type Client struct {
	api v1.API
	url string
}

// New builds a client for the store described by the settings.
func New(s models.Settings, base http.RoundTripper) (*Client, error) {
	if base == nil {
		base = http.DefaultTransport
	}
	c, err := api.NewClient(api.Config{
		Address:      s.URL,
		RoundTripper: &authTransport{s: s, next: base},
	})
	if err != nil {
		return nil, fmt.Errorf("store client for %s: %w", s.URL, err)
	}
	return &Client{api: v1.NewAPI(c), url: s.URL}, nil
}

// URL is the store's API base as configured.
func (c *Client) URL() string { return c.url }

// Query runs an instant query.
func (c *Client) Query(ctx context.Context, q string, at time.Time) (model.Value, v1.Warnings, error) {
	v, w, _, err := c.api.Query(ctx, q, at)
	return v, w, c.wrap(err)
}

// QueryRange runs a range query.
func (c *Client) QueryRange(ctx context.Context, q string, r v1.Range) (model.Value, v1.Warnings, error) {
	v, w, _, err := c.api.QueryRange(ctx, q, r)
	return v, w, c.wrap(err)
}

// LabelValues lists the values of a label, optionally restricted by series matchers.
func (c *Client) LabelValues(ctx context.Context, label string, matches []string, start, end time.Time) (model.LabelValues, v1.Warnings, error) {
	v, w, _, err := c.api.LabelValues(ctx, label, matches, start, end)
	return v, w, c.wrap(err)
}

// StoreError is an error reaching or querying the store; Hop says which one failed.
type StoreError struct {
	Hop string
	URL string
	Err error
}

func (e *StoreError) Error() string {
	return fmt.Sprintf("%s (%s): %v", e.Hop, e.URL, e.Err)
}

func (e *StoreError) Unwrap() error { return e.Err }

func (c *Client) wrap(err error) error {
	if err == nil {
		return nil
	}
	var apiErr *v1.Error
	if errors.As(err, &apiErr) {
		switch apiErr.Type {
		case v1.ErrBadData:
			return &StoreError{Hop: "store rejected the query", URL: c.url, Err: err}
		case v1.ErrClient:
			return &StoreError{Hop: "store answered with a client error (check URL path, auth and tenant header)", URL: c.url, Err: err}
		}
		return &StoreError{Hop: "store failed to answer", URL: c.url, Err: err}
	}
	var netErr net.Error
	var urlErr *url.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &netErr) && netErr.Timeout()) {
		return &StoreError{Hop: "store timed out", URL: c.url, Err: err}
	}
	if errors.As(err, &urlErr) {
		return &StoreError{Hop: "store unreachable", URL: c.url, Err: err}
	}
	return &StoreError{Hop: "store request failed", URL: c.url, Err: err}
}

type authTransport struct {
	s    models.Settings
	next http.RoundTripper
}

func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	for k, v := range t.s.Headers {
		r.Header.Set(k, v)
	}
	switch t.s.AuthType {
	case models.AuthBasic:
		r.SetBasicAuth(t.s.BasicUser, t.s.BasicPassword)
	case models.AuthBearer:
		r.Header.Set("Authorization", "Bearer "+t.s.BearerToken)
	}
	return t.next.RoundTrip(r)
}

// MetricNames lists every metric name the store holds (the __name__ label's values, all time).
func (c *Client) MetricNames(ctx context.Context) ([]string, error) {
	vals, _, err := c.LabelValues(ctx, model.MetricNameLabel, nil, time.Time{}, time.Time{})
	if err != nil {
		return nil, err
	}
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = string(v)
	}
	return out, nil
}
