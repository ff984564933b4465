package query

import (
	"context"
	"strings"
	"sync"
	"time"
)

// presenceTTL is how long a probe of which raw type values a metric holds is reused.
const presenceTTL = time.Minute

// PresenceCache remembers, per probe, which label values a metric holds (all time, so a store that
// ever held collector-normalised series keeps the formula that copes with them).
type PresenceCache struct {
	mu  sync.Mutex
	m   map[string]presenceEntry
	now func() time.Time
}

type presenceEntry struct {
	at   time.Time
	vals map[string]bool
}

// NewPresenceCache makes an empty cache; one per data source instance.
func NewPresenceCache() *PresenceCache {
	return &PresenceCache{m: map[string]presenceEntry{}, now: time.Now}
}

// values returns the label's values over the selectors, probing the store when not cached.
func (c *PresenceCache) values(ctx context.Context, env Env, label string, sels []string) (map[string]bool, error) {
	key := label + "\x00" + strings.Join(sels, "\x00")
	if c != nil {
		c.mu.Lock()
		e, ok := c.m[key]
		c.mu.Unlock()
		if ok && c.now().Sub(e.at) < presenceTTL {
			return e.vals, nil
		}
	}
	vals, _, err := env.Client.LabelValues(ctx, label, sels, time.Time{}, time.Time{})
	if err != nil {
		return nil, err
	}
	set := make(map[string]bool, len(vals))
	for _, v := range vals {
		set[string(v)] = true
	}
	if c != nil {
		c.mu.Lock()
		c.m[key] = presenceEntry{at: c.now(), vals: set}
		c.mu.Unlock()
	}
	return set, nil
}
