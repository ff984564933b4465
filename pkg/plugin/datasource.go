// Package plugin wires the Seatmeter data source into Grafana's plugin SDK: one file per handler.
package plugin

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"
	"github.com/grafana/grafana-plugin-sdk-go/backend/resource/httpadapter"

	"github.com/seatmeter/seatmeter/pkg/catalog"
	"github.com/seatmeter/seatmeter/pkg/dialect"
	"github.com/seatmeter/seatmeter/pkg/health"
	"github.com/seatmeter/seatmeter/pkg/models"
	"github.com/seatmeter/seatmeter/pkg/pricing"
	"github.com/seatmeter/seatmeter/pkg/query"
	"github.com/seatmeter/seatmeter/pkg/rewrite"
	"github.com/seatmeter/seatmeter/pkg/store"
)

// dialectTTL is how long a detected naming dialect is trusted before the store is probed again.
const dialectTTL = 10 * time.Minute

// PluginID is the nested data source's id in src/datasource/plugin.json.
const PluginID = "seatmeter-datasource"

var (
	_ backend.QueryDataHandler      = (*Datasource)(nil)
	_ backend.CheckHealthHandler    = (*Datasource)(nil)
	_ backend.CallResourceHandler   = (*Datasource)(nil)
	_ instancemgmt.InstanceDisposer = (*Datasource)(nil)
)

// Datasource is one configured instance of the Seatmeter data source.
type Datasource struct {
	settings  models.Settings
	client    *store.Client
	mux       *query.Mux
	resources backend.CallResourceHandler
	transport *http.Transport
	catalog   *catalog.Catalog
	names     *rewrite.Index
	dialect   *dialect.Detector
	prices    *pricing.Book
	overrides *pricing.Overrides
	presence  *query.PresenceCache
}

// loadPrices loads the price dataset with the settings' overrides and cache-write TTL.
func loadPrices(st models.Settings) (*pricing.Book, *pricing.Overrides, error) {
	var ov *pricing.Overrides
	if raw := st.PriceOverrides; len(raw) > 0 && string(raw) != "null" {
		var err error
		if ov, err = pricing.ParseOverrides(raw); err != nil {
			return nil, nil, fmt.Errorf("settings: priceOverrides: %w", err)
		}
	}
	book, err := pricing.Load(ov, pricing.WithAssumedCacheWriteTTL(pricing.CacheTTL(st.CacheWriteTTL)))
	if err != nil {
		return nil, nil, fmt.Errorf("settings: %w", err)
	}
	return book, ov, nil
}

// NewDatasource creates an instance from Grafana's settings. A settings error is returned here so
// Grafana shows it on "Save & test" and on every query.
func NewDatasource(_ context.Context, s backend.DataSourceInstanceSettings) (instancemgmt.Instance, error) {
	st, err := models.Load(s)
	if err != nil {
		return nil, err
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	c, err := store.New(st, tr)
	if err != nil {
		return nil, err
	}
	cat, err := catalog.Default()
	if err != nil {
		return nil, err
	}
	if st.Dialect != "auto" {
		if _, err := catalog.ParseDialect(st.Dialect); err != nil {
			return nil, fmt.Errorf("settings: %w (or auto to detect)", err)
		}
	}
	book, overrides, err := loadPrices(st)
	if err != nil {
		return nil, err
	}
	d := &Datasource{settings: st, client: c, mux: query.NewMux(), transport: tr, catalog: cat, names: rewrite.NewIndex(cat), prices: book, overrides: overrides, presence: query.NewPresenceCache()}
	d.dialect = dialect.NewDetector(cat, st.Dialect, c.MetricNames, dialectTTL)
	d.resources = httpadapter.New(d.routes())
	return d, nil
}

// Dispose closes idle connections when Grafana replaces the instance after a settings change.
func (d *Datasource) Dispose() { d.transport.CloseIdleConnections() }

func (d *Datasource) env() query.Env {
	return query.Env{Client: d.client, Settings: d.settings, Catalog: d.catalog, Names: d.names, Dialect: d.dialect.Get,
		Pricer: query.BookPricer{Book: d.prices}, PriceOverrides: d.overrides, Presence: d.presence,
		Pipeline: func(ctx context.Context) health.Report { return d.checker().Run(ctx) }}
}
