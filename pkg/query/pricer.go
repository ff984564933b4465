package query

import (
	"errors"
	"time"

	"github.com/seatmeter/seatmeter/pkg/pricing"
)

// BookPricer prices with pkg/pricing's effective-dated book. OTel cache writes carry no TTL, so they
// go in as cacheWriteUnknown and the book prices them at its assumed TTL.
type BookPricer struct{ Book *pricing.Book }

// Price implements Pricer.
func (p BookPricer) Price(agent, model string, at time.Time, t Tokens) (Priced, bool, string, error) {
	bd, err := p.Book.Price(pricing.Request{Agent: agent, Model: model, Timestamp: at,
		Tokens: pricing.Tokens{Input: t.Input, Output: t.Output, CacheRead: t.CacheRead, CacheWriteUnknown: t.CacheWrite}})
	var ue *pricing.UnpricedError
	if errors.As(err, &ue) {
		return Priced{}, false, ue.Reason, nil
	}
	if err != nil {
		return Priced{}, false, "", err
	}
	return Priced{Input: bd.Input, Output: bd.Output, CacheRead: bd.CacheRead, CacheWrite: bd.CacheWrite,
		Total: bd.Total, ListCeiling: bd.ListCeiling, AssumedCacheWriteTTL: string(bd.AssumedCacheWriteTTL)}, true, "", nil
}
