package main

import (
	"math"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// The reader is a short run whose heap is mostly what it keeps until the end (rows, strings): collecting
// garbage on the way is ~7% of its CPU on a 1.3 GB corpus and frees little. So it runs without the
// collector until the heap reaches gcFreeHeap, then with Go's default pacing (a corpus that large would
// otherwise grow the process without bound).
const gcFreeHeap = 160 << 20

type gcSwitch struct {
	mu      sync.Mutex
	sample  []metrics.Sample
	limit   uint64
	stopped bool // the collector is off
}

// collectorOff turns the collector off until heapCheck sees the heap at limit bytes.
func collectorOff(limit uint64) *gcSwitch {
	debug.SetGCPercent(-1)
	// (a backstop between two checks: the runtime collects by itself above it)
	debug.SetMemoryLimit(int64(limit + limit/2))
	return &gcSwitch{sample: []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}, limit: limit, stopped: true}
}

// heapCheck turns the default collector back on once the heap has reached the limit; it reports whether it did.
func (g *gcSwitch) heapCheck() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.stopped {
		return false
	}
	metrics.Read(g.sample)
	if g.sample[0].Value.Kind() != metrics.KindUint64 || g.sample[0].Value.Uint64() < g.limit {
		return false
	}
	g.stopped = false
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)
	return true
}
