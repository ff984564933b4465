// Package dialect finds out how the store names OTel metrics (no-suffix, suffixed, UTF-8) by probing
// its metric names once, caching the answer for a while.
package dialect

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/seatmeter/seatmeter/pkg/catalog"
)

// Fallback is assumed when the store holds no catalog metric yet: the bundled stack's Mimir default.
const Fallback = catalog.NoSuffix

// Result is what detection found.
type Result struct {
	Dialect catalog.Dialect `json:"dialect"`
	// How: "settings" (overridden), "detected", or "assumed" (no catalog metric found).
	How string `json:"how"`
	// Matches counts the catalog metrics found under each dialect's names.
	Matches map[catalog.Dialect]int `json:"matches,omitempty"`
	At      time.Time               `json:"at"`
}

// Describe is a one-line human account of the result.
func (r Result) Describe() string {
	switch r.How {
	case "settings":
		return fmt.Sprintf("naming dialect %s (set in the data source settings)", r.Dialect)
	case "detected":
		return fmt.Sprintf("naming dialect %s (detected: %d catalog metrics found under its names)", r.Dialect, r.Matches[r.Dialect])
	default:
		return fmt.Sprintf("naming dialect %s assumed: no catalog metric found in the store yet", r.Dialect)
	}
}

// NameLister lists the store's metric names (the __name__ label values).
type NameLister func(ctx context.Context) ([]string, error)

// Detector caches one store's dialect.
type Detector struct {
	override string
	list     NameLister
	cat      *catalog.Catalog
	ttl      time.Duration
	// emptyTTL: while the store holds no catalog metric the answer is not cached, so the first
	// data of a new pipeline is picked up at once (probing an empty store is cheap).
	emptyTTL time.Duration
	now      func() time.Time

	mu     sync.Mutex
	cached *Result
}

// NewDetector makes a detector; override is the settings value ("auto" or "" to detect).
func NewDetector(cat *catalog.Catalog, override string, list NameLister, ttl time.Duration) *Detector {
	return &Detector{override: override, list: list, cat: cat, ttl: ttl, emptyTTL: 0, now: time.Now}
}

// Get returns the cached dialect, probing the store when the cache is stale.
func (d *Detector) Get(ctx context.Context) (Result, error) {
	if d.override != "" && d.override != "auto" {
		dl, err := catalog.ParseDialect(d.override)
		if err != nil {
			return Result{}, fmt.Errorf("settings: %w (or auto to detect)", err)
		}
		return Result{Dialect: dl, How: "settings", At: d.now()}, nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if c := d.cached; c != nil {
		ttl := d.ttl
		if c.How == "assumed" {
			ttl = d.emptyTTL
		}
		if d.now().Sub(c.At) < ttl {
			return *c, nil
		}
	}
	names, err := d.list(ctx)
	if err != nil {
		return Result{}, fmt.Errorf("detecting the naming dialect: %w", err)
	}
	r := Detect(d.cat, names)
	r.At = d.now()
	d.cached = &r
	return r, nil
}

// Detect picks the dialect whose names match the most catalog metrics. Names shared by several
// dialects (Codex histograms) count for each; ties go to the earlier dialect in catalog.Dialects.
func Detect(cat *catalog.Catalog, names []string) Result {
	have := make(map[string]bool, len(names))
	for _, n := range names {
		have[n] = true
	}
	r := Result{Dialect: Fallback, How: "assumed", Matches: map[catalog.Dialect]int{}}
	best := 0
	for _, dl := range catalog.Dialects {
		n := 0
		for _, m := range cat.Metrics() {
			if have[m.Name(dl)] {
				n++
			}
		}
		r.Matches[dl] = n
		if n > best {
			best, r.Dialect, r.How = n, dl, "detected"
		}
	}
	return r
}
