package query

import (
	"context"
	"os"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/seatmeter/seatmeter/internal/promserver"
	"github.com/seatmeter/seatmeter/pkg/catalog"
)

// sparsePoint is one export as the collector writes it after deltatocumulative: a series gets a point
// only when new usage arrived, and starts at its first delta.
type sparsePoint struct {
	user  string
	at    time.Duration // from t0
	value float64
}

// Hand-made sparse series (Claude Code input tokens, one per developer) with their exact totals
// over (t0, t0+1h0m17s]:
var sparse = []sparsePoint{
	// sp-a: born mid-range on a bucket edge, a gap, and a point in the last partial bucket. 500+300+200+50.
	{"sp-a", 10 * time.Minute, 500}, {"sp-a", 13 * time.Minute, 800}, {"sp-a", 47 * time.Minute, 1000}, {"sp-a", 60*time.Minute + 10*time.Second, 1050},
	// sp-b: the collector restarts at 30m (counter reset to its next delta). 40 + 25 + 35. (A reset is
	// exact when it is the first point of its bucket; the usage before it in the same bucket is lost.)
	{"sp-b", 3 * time.Minute, 40}, {"sp-b", 30 * time.Minute, 25}, {"sp-b", 35 * time.Minute, 60},
	// sp-c: silent for 50 h, longer than max_stale, so the collector restarted the series: 70 is new usage.
	{"sp-c", -50 * time.Hour, 10}, {"sp-c", 20 * time.Minute, 70},
	// sp-d: silent for 5 h only: the running total continued, 30 is new usage.
	{"sp-d", -5 * time.Hour, 100}, {"sp-d", 25 * time.Minute, 130},
}

var sparseWant = map[string]float64{"sp-a": 1050, "sp-b": 100, "sp-c": 70, "sp-d": 30}

const sparseSpan = 60*time.Minute + 17*time.Second

var (
	sparseOnce  sync.Once
	sparseStore *promserver.Server
	sparseErr   error
)

func sparseEnv(t *testing.T) Env {
	t.Helper()
	sparseOnce.Do(func() {
		dir, err := os.MkdirTemp("", "seatmeter-sparse-")
		if err != nil {
			sparseErr = err
			return
		}
		if sparseStore, sparseErr = promserver.Start(context.Background(), dir); sparseErr != nil {
			return
		}
		cat, _ := catalog.Default()
		name := metricOf(t, cat, "tokens", "claude-code").Name(catalog.Suffixed)
		var samples []promserver.Sample
		for _, p := range sparse {
			samples = append(samples, promserver.Sample{Time: t0.Add(p.at), Value: p.value,
				Labels: map[string]string{"__name__": name, "job": "claude-code", "user_email": p.user, "model": "claude-sonnet-4-5", "type": "input"}})
		}
		// The TSDB head takes a first write in time order only.
		sort.Slice(samples, func(i, j int) bool { return samples[i].Time.Before(samples[j].Time) })
		sparseErr = sparseStore.RemoteWrite(context.Background(), samples)
	})
	if sparseErr != nil {
		t.Fatal(sparseErr)
	}
	return envFor(t, sparseStore.URL)
}

func sparseQuery(instant bool) Model {
	return Model{Measure: "tokens", GroupBy: []string{"user"}, Instant: instant, Filters: Filters{User: []string{"sp-a", "sp-b", "sp-c", "sp-d"}}}
}

// Over three days (answered in two parts at once, by time) the earlier points count too: sp-c's first
// point (10) and, after its 50-hour silence, 70 anew; sp-d's first point (100) and its rise of 30. (sp-b's
// restart shares a bucket with its next point in buckets this long: the known limit, left out here.)
func TestSparseCountersOverDaysAreCountedExactlyInParts(t *testing.T) {
	env := sparseEnv(t)
	want := map[string]float64{"sp-a": 1050, "sp-c": 80, "sp-d": 130}
	for _, instant := range []bool{true, false} {
		m := sparseQuery(instant)
		m.Filters.User = []string{"sp-a", "sp-c", "sp-d"}
		q := fixtureQuery("S", TypeUsage, m)
		q.TimeRange = backend.TimeRange{From: t0.Add(-3 * 24 * time.Hour), To: t0.Add(sparseSpan)}
		r := NewMux().Serve(context.Background(), env, q)
		if r.Error != nil {
			t.Fatal(r.Error)
		}
		assertValues(t, pointSums(r), want)
	}
}

// Sparse counters are counted exactly: new series from zero, the rise across a gap, a collector
// restart, a series restarted after max_stale, and the partial last bucket, in instant totals and in
// the sum of a range query's points alike.
func TestSparseCountersAreCountedExactly(t *testing.T) {
	env := sparseEnv(t)
	mux := NewMux()
	q := fixtureQuery("S", TypeUsage, sparseQuery(true))
	q.TimeRange.To = t0.Add(sparseSpan)
	r := mux.Serve(context.Background(), env, q)
	if r.Error != nil {
		t.Fatal(r.Error)
	}
	assertValues(t, values(r), sparseWant)

	q = fixtureQuery("S", TypeUsage, sparseQuery(false))
	q.TimeRange.To = t0.Add(sparseSpan)
	r = mux.Serve(context.Background(), env, q)
	if r.Error != nil {
		t.Fatal(r.Error)
	}
	assertValues(t, pointSums(r), sparseWant)
	times := r.Frames[0].Fields[0]
	if last := times.At(times.Len() - 1).(time.Time); !last.Equal(q.TimeRange.To) {
		t.Fatalf("the partial last bucket is stamped %v, want the range end %v", last, q.TimeRange.To)
	}
}

// pointSums adds up each series' points (a range answer's buckets, or an instant answer's one value).
func pointSums(r backend.DataResponse) map[string]float64 {
	sums := map[string]float64{}
	for name, pts := range points(r) {
		for _, v := range pts {
			sums[name] += v
		}
	}
	return sums
}
