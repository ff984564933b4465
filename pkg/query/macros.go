package query

import (
	"strconv"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/prometheus/common/model"
)

// minStep keeps range queries within Prometheus's 11,000 points per series.
const maxPointsPerSeries = 11000

// Step picks the range-query step: Grafana's interval, at least 1s, and never more than
// maxPointsPerSeries points.
func Step(q backend.DataQuery) time.Duration {
	step := q.Interval
	if step < time.Second {
		step = time.Second
	}
	span := q.TimeRange.To.Sub(q.TimeRange.From)
	if min := span / maxPointsPerSeries; step < min {
		step = min.Truncate(time.Second) + time.Second
	}
	return step
}

// RateInterval mirrors Grafana's $__rate_interval: max(4 × scrape interval, step + scrape interval),
// with the 15s scrape interval Prometheus and Mimir use by default.
func RateInterval(step time.Duration) time.Duration {
	const scrape = 15 * time.Second
	r := step + scrape
	if r < 4*scrape {
		r = 4 * scrape
	}
	return r
}

// ExpandMacros replaces Grafana's range macros, which the backend must resolve itself so that
// alerting and server-side expressions get the same answer as dashboards.
func ExpandMacros(expr string, q backend.DataQuery) string {
	step := Step(q)
	span := q.TimeRange.To.Sub(q.TimeRange.From)
	if span < time.Second {
		span = time.Second
	}
	r := strings.NewReplacer(
		"$__rate_interval", dur(RateInterval(step)),
		"${__rate_interval}", dur(RateInterval(step)),
		"$__interval_ms", strconv.FormatInt(step.Milliseconds(), 10),
		"$__interval", dur(step),
		"${__interval}", dur(step),
		"$__range_ms", strconv.FormatInt(span.Milliseconds(), 10),
		"$__range_s", strconv.FormatInt(int64(span.Seconds()), 10),
		"$__range", dur(span),
		"${__range}", dur(span),
	)
	return r.Replace(expr)
}

func dur(d time.Duration) string { return model.Duration(d.Truncate(time.Second)).String() }
