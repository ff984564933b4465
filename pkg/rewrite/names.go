package rewrite

import (
	"github.com/seatmeter/seatmeter/pkg/catalog"
)

// Index knows every name a catalog metric goes by: its OTel name, its name in each dialect, and
// the canonical name (the no-suffix form), with histogram series suffixes.
type Index struct {
	byName map[string]entry
}

type entry struct {
	metric catalog.Metric
	series string // histogram series suffix: sum | count | bucket; "" for others
}

// NewIndex builds the name index of a catalog. A name two metrics share keeps the first.
func NewIndex(cat *catalog.Catalog) *Index {
	idx := &Index{byName: map[string]entry{}}
	add := func(name string, e entry) {
		if _, dup := idx.byName[name]; !dup {
			idx.byName[name] = e
		}
	}
	for _, m := range cat.Metrics() {
		if m.Instrument == "histogram" {
			for _, series := range []string{"sum", "count", "bucket"} {
				for _, d := range catalog.Dialects {
					add(m.BaseName(d)+"_"+series, entry{m, series})
				}
			}
			continue
		}
		add(m.OTel, entry{m, ""})
		for _, d := range catalog.Dialects {
			add(m.Name(d), entry{m, ""})
		}
	}
	return idx
}

// Target is the store's name for a known name in dialect d; ok is false for names the catalog
// does not know, which are left as written.
func (idx *Index) Target(name string, d catalog.Dialect) (string, bool) {
	e, ok := idx.byName[name]
	if !ok {
		return "", false
	}
	if e.series != "" {
		return e.metric.BaseName(d) + "_" + e.series, true
	}
	return e.metric.Name(d), true
}
