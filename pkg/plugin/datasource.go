// Package plugin wires the Seatmeter data source into Grafana's plugin SDK: one file per handler.
package plugin

import (
	"context"
	"net/http"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"
	"github.com/grafana/grafana-plugin-sdk-go/backend/resource/httpadapter"

	"github.com/seatmeter/seatmeter/pkg/models"
	"github.com/seatmeter/seatmeter/pkg/query"
	"github.com/seatmeter/seatmeter/pkg/store"
)

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
	d := &Datasource{settings: st, client: c, mux: query.NewMux(), transport: tr}
	d.resources = httpadapter.New(d.routes())
	return d, nil
}

// Dispose closes idle connections when Grafana replaces the instance after a settings change.
func (d *Datasource) Dispose() { d.transport.CloseIdleConnections() }

func (d *Datasource) env() query.Env { return query.Env{Client: d.client, Settings: d.settings} }
