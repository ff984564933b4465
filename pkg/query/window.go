package query

import (
	"time"

	"github.com/prometheus/common/model"
)

// Agents' counters are sparse: a series gets a point only when an export carried new usage, and
// (after the collector's deltatocumulative) starts at its first delta, not at zero. increase()
// over a bucket sees only the samples inside it, so it misses a new series' first value and the
// rise between the last point before the bucket and the first inside it. Seatmeter counts exactly:
//
//	delta(bucket (t-s, t]) = last in the bucket − last before it        when that is ≥ 0
//	                       = last in the bucket                          when it fell (a counter reset)
//	                                                                      or nothing came before (a new series)
//
// "Before" looks back max_stale + 1h: a series silent for longer was restarted by the collector.
// A bucket longer than max_stale could hold several restarts, so it is summed from sub-buckets of
// at most max_stale by a subquery.

// window is what one evaluation covers: n sub-buckets of length step ending `shift` after the
// evaluation time, i.e. (t+shift-n·step, t+shift].
type window struct {
	step  time.Duration
	n     int
	shift time.Duration
}

func (w window) span() time.Duration { return time.Duration(w.n) * w.step }

// instantSubBuckets is how finely an instant total is split: a counter reset (a collector restart)
// loses the usage before it in its own sub-bucket only, so about 1/100 of the range at most.
const instantSubBuckets = 100

// subBucket is the sub-bucket for an instant total over span: about span/100, at least
// minUsageStep, at most maxSub. Parts of one answer share their whole range's sub-bucket.
func subBucket(span, maxSub time.Duration) time.Duration {
	return min(max(span/instantSubBuckets, minUsageStep), maxSub)
}

// instantWindow covers exactly (at-length, at] with n equal sub-buckets of at most sub. Subquery
// points fall on multiples of the sub-bucket, so the selectors are shifted forward by at's
// remainder to make the last sub-bucket end at `at`.
func instantWindow(length, sub time.Duration, at time.Time) window {
	if length <= sub {
		return window{step: length, n: 1}
	}
	n := int((length + sub - 1) / sub)
	ms := (length.Milliseconds() + int64(n) - 1) / int64(n)
	rem := time.Duration(at.UnixMilli()%ms) * time.Millisecond
	return window{step: time.Duration(ms) * time.Millisecond, n: n, shift: rem}
}

// rangeStep rounds a range query's step so it splits into equal sub-buckets of at most maxSub
// (whole seconds), and returns the window each step evaluates.
func rangeStep(step, maxSub time.Duration) (time.Duration, window) {
	if step <= maxSub {
		return step, window{step: step, n: 1}
	}
	n := int((step + maxSub - 1) / maxSub)
	sub := (step + time.Duration(n)*time.Second - 1) / time.Duration(n)
	sub = sub.Truncate(time.Second)
	return time.Duration(n) * sub, window{step: sub, n: n}
}

func promDuration(d time.Duration) string { return model.Duration(d).String() }

// delta is the exact increase of every series of sel over the window (see the top of this file).
func (w window) delta(sel string, lookback time.Duration) string {
	off := func(d time.Duration) string {
		switch {
		case d > 0:
			return " offset " + promDuration(d)
		case d < 0:
			return " offset -" + promDuration(-d)
		}
		return ""
	}
	last := "last_over_time(" + sel + "[" + promDuration(w.step) + "]" + off(-w.shift) + ")"
	before := "last_over_time(" + sel + "[" + promDuration(lookback) + "]" + off(w.step-w.shift) + ")"
	// "* 1" drops the metric name last_over_time keeps, so a series is one series on both sides of "or".
	d := "((" + last + " - " + before + ") >= 0 or " + last + " * 1)"
	if w.n <= 1 {
		return d
	}
	return "sum_over_time(" + d + "[" + promDuration(w.span()-time.Millisecond) + ":" + promDuration(w.step) + "])"
}
