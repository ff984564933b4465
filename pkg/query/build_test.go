package query

import (
	"strings"
	"testing"
	"time"

	"github.com/seatmeter/seatmeter/pkg/catalog"
	"github.com/seatmeter/seatmeter/pkg/rewrite"
)

// Every stored measure, in every dialect and grouping, builds PromQL the strict parser accepts;
// UTF-8 names and labels come out quoted.
func TestEveryMeasureBuildsValidPromQLInEveryDialect(t *testing.T) {
	cat, _ := catalog.Default()
	groupings := [][]string{nil, {"type"}, {"agent", "user", "model", "type"}}
	f := Filters{User: []string{`a"b\c`, "x.y"}, Model: []string{"m|n"}}
	for _, d := range catalog.Dialects {
		for _, meas := range cat.Measures {
			if len(meas.Metrics) == 0 {
				continue
			}
			for i, g := range groupings {
				// one bucket, and a 90-day instant split into sub-buckets by a subquery
				win := window{step: time.Hour, n: 1}
				if i%2 == 1 {
					win = instantWindow(90*24*time.Hour, subBucket(90*24*time.Hour, cat.MaxStale()), time.UnixMilli(1_700_000_123_456))
				}
				e, err := newBuilder(cat, d, win).measureExpr(meas, f, g)
				if err != nil {
					t.Fatalf("%s %s %v: %v", d, meas.ID, g, err)
				}
				if _, err := rewrite.Parse(e); err != nil {
					t.Fatalf("%s %s %v: %v\n%s", d, meas.ID, g, err, e)
				}
				if d == catalog.UTF8 && meas.ID == "tokens" && len(g) == 4 && (!strings.Contains(e, `__name__="claude_code.token.usage"`) || !strings.Contains(e, `"user.email"`)) {
					t.Fatalf("utf8 names not quoted: %s", e)
				}
			}
		}
	}
}
