package query

import (
	v1 "github.com/prometheus/client_golang/api/prometheus/v1"
	"testing"
	"time"
)

// An instant window covers exactly (at-length, at]: n sub-buckets of at most maxSub, the last ending at `at`.
func TestInstantWindowCoversTheRangeExactly(t *testing.T) {
	day := 24 * time.Hour
	for _, c := range []struct {
		length time.Duration
		n      int
	}{{time.Minute, 1}, {2 * time.Minute, 1}, {time.Hour, 30}, {day, 100}, {7 * day, 100}, {90*day + 1234*time.Millisecond, 100}, {400 * day, 400}} {
		at := time.UnixMilli(1_763_000_000_777)
		w := instantWindow(c.length, subBucket(c.length, day), at)
		if w.n != c.n || w.step > day || (w.n > 1 && w.step < minUsageStep) {
			t.Fatalf("%v: n=%d step=%v, want n=%d and 2m <= step <= 24h", c.length, w.n, w.step, c.n)
		}
		if w.n == 1 {
			if w.step != c.length || w.shift != 0 {
				t.Fatalf("%v: %+v", c.length, w)
			}
			continue
		}
		// Subquery points are the multiples of step in [at-span+1ms, at]; each reads (p+shift-step, p+shift].
		last := at.UnixMilli() - at.UnixMilli()%w.step.Milliseconds()
		if last+w.shift.Milliseconds() != at.UnixMilli() {
			t.Fatalf("%v: last sub-bucket ends at %d, want %d", c.length, last+w.shift.Milliseconds(), at.UnixMilli())
		}
		first := last - int64(w.n-1)*w.step.Milliseconds()
		if first < at.UnixMilli()-w.span().Milliseconds()+1 {
			t.Fatalf("%v: first point %d before the subquery range", c.length, first)
		}
		if cover := w.span(); cover < c.length || cover-c.length >= time.Duration(w.n)*time.Millisecond {
			t.Fatalf("%v: covers %v", c.length, cover)
		}
	}
}

func TestRangeStepSplitsLongStepsIntoEqualSubBuckets(t *testing.T) {
	day := 24 * time.Hour
	if s, w := rangeStep(time.Hour, day); s != time.Hour || w.n != 1 || w.step != time.Hour {
		t.Fatalf("1h: %v %+v", s, w)
	}
	s, w := rangeStep(35*time.Hour+17*time.Second, day)
	if w.n != 2 || s != 2*w.step || w.step > day || s < 35*time.Hour || w.step%time.Second != 0 {
		t.Fatalf("35h: %v %+v", s, w)
	}
}

func TestDeltaReadsTheLastSampleBeforeTheBucketAndFallsBackOnResets(t *testing.T) {
	got := window{step: 2 * time.Minute, n: 1}.delta(`m{u="a"}`, 25*time.Hour)
	want := `((last_over_time(m{u="a"}[2m]) - last_over_time(m{u="a"}[1d1h] offset 2m)) >= 0 or last_over_time(m{u="a"}[2m]) * 1)`
	if got != want {
		t.Fatalf("\n got %s\nwant %s", got, want)
	}
	got = window{step: 12 * time.Hour, n: 3, shift: 90 * time.Second}.delta(`m`, 25*time.Hour)
	want = `sum_over_time(((last_over_time(m[12h] offset -1m30s) - last_over_time(m[1d1h] offset 11h58m30s)) >= 0 or last_over_time(m[12h] offset -1m30s) * 1)[1d11h59m59s999ms:12h])`
	if got != want {
		t.Fatalf("\n got %s\nwant %s", got, want)
	}
}

func TestSplitRangeKeepsEveryStepOnce(t *testing.T) {
	start := time.UnixMilli(1_763_000_000_000)
	r := v1.Range{Start: start, End: start.Add(100 * time.Minute), Step: time.Minute} // 101 steps
	parts := splitRange(r, 2, 40)
	if len(parts) != 2 || !parts[0].Start.Equal(r.Start) || !parts[1].End.Equal(r.End) ||
		parts[1].Start.Sub(parts[0].End) != time.Minute {
		t.Fatalf("parts %+v", parts)
	}
	if got := splitRange(r, 2, 60); len(got) != 1 || got[0] != r {
		t.Fatalf("a range shorter than two parts stays whole: %+v", got)
	}
}

// The two halves of a 90-day total share its sub-bucket: 50 sub-buckets each, not 100.
func TestHalvesShareTheWholeRangesSubBucket(t *testing.T) {
	day := 24 * time.Hour
	sub := subBucket(90*day, day)
	if w := instantWindow(45*day, sub, time.UnixMilli(1_763_000_000_000)); w.n != 50 {
		t.Fatalf("half of 90 days: %d sub-buckets of %v", w.n, w.step)
	}
}

func TestBucketsAreRoundSizes(t *testing.T) {
	day := 24 * time.Hour
	for min, want := range map[time.Duration]time.Duration{
		time.Second: 2 * time.Minute, 3 * time.Minute: 5 * time.Minute, 18 * time.Hour: day, 90 * day / maxUsagePoints: day,
		8 * day: 8 * day, 7*day + time.Second: 8 * day,
	} {
		if got := bucketFor(min); got != want {
			t.Errorf("bucketFor(%v) = %v, want %v", min, got, want)
		}
	}
}
