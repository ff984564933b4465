package pricing

import (
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/seatmeter/seatmeter/data"
)

// The shape of data/prices.json (written by scripts/update-prices.ts).
type datasetFile struct {
	Source struct {
		Package string `json:"package"`
		Version string `json:"version"`
	} `json:"source"`
	AsOf      string                     `json:"as_of"`
	Providers map[string]datasetProvider `json:"providers"`
	Models    map[string]datasetModel    `json:"models"`
}

type datasetProvider struct {
	FastMultiplier float64            `json:"fastMultiplier"`
	GeoMultipliers map[string]float64 `json:"geoMultipliers"`
}

type datasetModel struct {
	Provider string       `json:"provider"`
	Aliases  []string     `json:"aliases"`
	Prices   []datasetRow `json:"prices"`
}

type datasetRow struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Tiers []tier `json:"tiers"`
	Prices
}

type tier struct {
	AboveInputTokens float64 `json:"aboveInputTokens"`
	Prices
}

// row is a price row ready for lookup.
type row struct {
	from     string
	fromT    time.Time
	toT      time.Time
	bounded  bool
	tiers    []tier
	override bool
	Prices
}

func (r row) inForce(t time.Time) bool {
	return !t.Before(r.fromT) && (!r.bounded || t.Before(r.toT))
}

var (
	loadOnce  sync.Once
	loaded    *datasetFile
	index     map[string]string // model id or alias -> dataset model id
	loadError error
)

func dataset() (*datasetFile, map[string]string, error) {
	loadOnce.Do(func() {
		raw, err := data.FS.ReadFile("prices.json")
		if err != nil {
			loadError = fmt.Errorf("pricing: reading data/prices.json: %w", err)
			return
		}
		var d datasetFile
		if err := json.Unmarshal(raw, &d); err != nil {
			loadError = fmt.Errorf("pricing: data/prices.json is not valid: %w", err)
			return
		}
		index = map[string]string{}
		for id, m := range d.Models {
			index[id] = id
			for _, a := range m.Aliases {
				index[a] = id
			}
		}
		loaded = &d
	})
	return loaded, index, loadError
}

func lookup(idx map[string]string, raw string) (string, bool) {
	for _, c := range modelIDCandidates(raw) {
		if id, ok := idx[c]; ok {
			return id, true
		}
	}
	return "", false
}

// datasetModelID resolves a raw id against the dataset only (no overrides).
func datasetModelID(raw string) (string, bool) {
	_, idx, err := dataset()
	if err != nil || IsSynthetic(raw) {
		return "", false
	}
	return lookup(idx, raw)
}

func toRow(from, to string, tiers []tier, p Prices, override bool) (row, error) {
	r := row{from: from, tiers: tiers, override: override, Prices: p}
	var ok bool
	if r.fromT, ok = ParseDate(from); !ok {
		return r, fmt.Errorf("pricing: bad price row date %q", from)
	}
	if to != "" {
		r.bounded = true
		if r.toT, ok = ParseDate(to); !ok {
			return r, fmt.Errorf("pricing: bad price row date %q", to)
		}
	}
	return r, nil
}
