package query

import (
	"encoding/json"
	"sort"
	"sync"
	"time"

	"github.com/seatmeter/seatmeter/data"
	"github.com/seatmeter/seatmeter/pkg/pricing"
)

// datasetBoundaries are the dates any price row of data/prices.json starts or ends, read once.
var datasetBoundaries = sync.OnceValues(func() ([]time.Time, error) {
	raw, err := data.FS.ReadFile("prices.json")
	if err != nil {
		return nil, err
	}
	var f struct {
		Models map[string]struct {
			Prices []struct{ From, To string } `json:"prices"`
		} `json:"models"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, err
	}
	var out []time.Time
	for _, m := range f.Models {
		for _, r := range m.Prices {
			out = appendDates(out, r.From, r.To)
		}
	}
	return out, nil
})

func appendDates(out []time.Time, dates ...string) []time.Time {
	for _, d := range dates {
		if t, ok := pricing.ParseDate(d); ok && d != "" {
			out = append(out, t)
		}
	}
	return out
}

// PriceBoundaries lists, sorted, every time in (from, to) at which some price changes (dataset rows
// and overrides): between two of them every price is constant, so usage there is priced once.
func PriceBoundaries(ov *pricing.Overrides, from, to time.Time) []time.Time {
	all, _ := datasetBoundaries()
	all = append([]time.Time{}, all...)
	if ov != nil {
		for _, m := range ov.Models {
			for _, r := range m.Prices {
				all = appendDates(all, r.From, r.To)
			}
		}
	}
	seen := map[int64]bool{}
	var out []time.Time
	for _, t := range all {
		if t.After(from) && t.Before(to) && !seen[t.UnixNano()] {
			seen[t.UnixNano()] = true
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}
