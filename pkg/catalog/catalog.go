// Package catalog reads Seatmeter's one metric catalog (data/catalog.json) and derives, per naming
// dialect, the Prometheus names the store really holds.
package catalog

import (
	"encoding/json"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/prometheus/common/model"

	"github.com/seatmeter/seatmeter/data"
)

// Catalog is data/catalog.json.
type Catalog struct {
	Version         int               `json:"version"`
	Description     string            `json:"description"`
	Sources         map[string]string `json:"sources"`
	CanonicalLabels map[string]string `json:"canonicalLabels"`
	TokenTypes      []string          `json:"tokenTypes"`
	SubTypes        map[string]string `json:"subTypes"`
	Agents          []Agent           `json:"agents"`
	Measures        []Measure         `json:"measures"`
	Pipeline        Pipeline          `json:"pipeline"`

	raw []byte
}

// Pipeline holds the facts about the collector pipeline that change how counters are read.
type Pipeline struct {
	DeltaToCumulativeMaxStale string `json:"deltaToCumulativeMaxStale"`
	maxStale                  time.Duration
}

// MaxStale is how long the collector keeps a silent series' running total before restarting it.
func (c *Catalog) MaxStale() time.Duration { return c.Pipeline.maxStale }

// Agent is one coding agent that exports OTel.
type Agent struct {
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	Meter          string   `json:"meter"`
	ServiceNames   []string `json:"serviceNames"`
	Transport      string   `json:"transport"`
	Temporality    string   `json:"temporality"`
	Identity       string   `json:"identity"`
	UserAttributes []string `json:"userAttributes"`
}

// Measure is one canonical measure and the per-agent metrics carrying it.
type Measure struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Unit        string   `json:"unit"`
	Kind        string   `json:"kind"`
	Source      string   `json:"source"`
	Description string   `json:"description"`
	Formula     string   `json:"formula"`
	Metrics     []Metric `json:"metrics"`
}

// Metric is one agent's OTel metric for a measure.
type Metric struct {
	Agent      string            `json:"agent"`
	OTel       string            `json:"otel"`
	Instrument string            `json:"instrument"` // counter | histogram | gauge | updowncounter
	OTelUnit   string            `json:"otelUnit"`
	Series     string            `json:"series"` // histogram series: sum | count | bucket
	Labels     map[string]string `json:"labels"` // canonical label -> OTel attribute
	// TypeMap maps the raw type attribute value to the canonical type; null drops the value.
	TypeMap  map[string]*string `json:"typeMap"`
	SubsetOf map[string]string  `json:"subsetOf"` // raw type -> raw type it is already counted in
}

var (
	loadOnce sync.Once
	loaded   *Catalog
	loadErr  error
)

// Default is the embedded catalog, parsed once.
func Default() (*Catalog, error) {
	loadOnce.Do(func() {
		b, err := data.FS.ReadFile("catalog.json")
		if err != nil {
			loadErr = fmt.Errorf("catalog: %w", err)
			return
		}
		loaded, loadErr = Parse(b)
	})
	return loaded, loadErr
}

// Parse reads and checks a catalog.
func Parse(b []byte) (*Catalog, error) {
	var c Catalog
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("catalog: not valid JSON: %w", err)
	}
	c.raw = b
	if err := c.validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// Raw is the catalog file as embedded, served to the front end unchanged.
func (c *Catalog) Raw() []byte { return c.raw }

func (c *Catalog) validate() error {
	d, err := model.ParseDuration(c.Pipeline.DeltaToCumulativeMaxStale)
	if err != nil || d <= 0 {
		return fmt.Errorf("catalog: pipeline.deltaToCumulativeMaxStale %q is not a positive duration", c.Pipeline.DeltaToCumulativeMaxStale)
	}
	c.Pipeline.maxStale = time.Duration(d)
	agents := map[string]bool{}
	for _, a := range c.Agents {
		if a.ID == "" {
			return fmt.Errorf("catalog: an agent has no id")
		}
		agents[a.ID] = true
	}
	seen := map[string]bool{}
	for _, m := range c.Measures {
		if m.ID == "" || seen[m.ID] {
			return fmt.Errorf("catalog: measure id %q is empty or repeated", m.ID)
		}
		seen[m.ID] = true
		if _, ok := c.Sources[m.Source]; !ok {
			return fmt.Errorf("catalog: measure %s: source %q is not one of sources", m.ID, m.Source)
		}
		for _, mt := range m.Metrics {
			if !agents[mt.Agent] {
				return fmt.Errorf("catalog: measure %s: agent %q is not in agents", m.ID, mt.Agent)
			}
			if mt.OTel == "" {
				return fmt.Errorf("catalog: measure %s/%s: otel name is empty", m.ID, mt.Agent)
			}
			switch mt.Instrument {
			case "counter", "updowncounter", "gauge":
			case "histogram":
				if mt.Series == "" {
					return fmt.Errorf("catalog: measure %s/%s: a histogram needs series (sum|count|bucket)", m.ID, mt.Agent)
				}
			default:
				return fmt.Errorf("catalog: measure %s/%s: instrument %q unknown", m.ID, mt.Agent, mt.Instrument)
			}
		}
	}
	return nil
}

// Measure finds a measure by id.
func (c *Catalog) Measure(id string) (Measure, bool) {
	for _, m := range c.Measures {
		if m.ID == id {
			return m, true
		}
	}
	return Measure{}, false
}

// Agent finds an agent by id.
func (c *Catalog) Agent(id string) (Agent, bool) {
	for _, a := range c.Agents {
		if a.ID == id {
			return a, true
		}
	}
	return Agent{}, false
}

// AgentIDs lists the agents' ids in catalog order.
func (c *Catalog) AgentIDs() []string {
	out := make([]string, len(c.Agents))
	for i, a := range c.Agents {
		out[i] = a.ID
	}
	return out
}

// Metrics lists every distinct (agent, OTel name, series) metric of the catalog, sorted.
func (c *Catalog) Metrics() []Metric {
	seen := map[string]bool{}
	var out []Metric
	for _, m := range c.Measures {
		for _, mt := range m.Metrics {
			k := mt.Agent + "\x00" + mt.OTel + "\x00" + mt.Series
			if !seen[k] {
				seen[k] = true
				out = append(out, mt)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].OTel != out[j].OTel {
			return out[i].OTel < out[j].OTel
		}
		return out[i].Series < out[j].Series
	})
	return out
}

// CanonicalType maps a raw type value to its canonical type; ok is false when the catalog drops it
// (null) or does not know it.
func (m Metric) CanonicalType(raw string) (string, bool) {
	v, known := m.TypeMap[raw]
	if !known || v == nil {
		return "", false
	}
	return *v, true
}

// RawTypes lists the raw type values that map to a canonical type, sorted.
func (m Metric) RawTypes(canonical string) []string {
	var out []string
	for raw, v := range m.TypeMap {
		if v != nil && *v == canonical {
			out = append(out, raw)
		}
	}
	sort.Strings(out)
	return out
}
