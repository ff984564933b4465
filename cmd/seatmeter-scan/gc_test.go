package main

import (
	"runtime/debug"
	"testing"
)

func TestCollectorComesBackAtTheLimit(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	g := collectorOff(8 << 20)
	if g.heapCheck() {
		t.Fatal("the collector came back before the heap reached the limit")
	}
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Fatalf("collector percent %d while off, want -1", p)
	}
	var keep [][]byte
	for i := 0; i < 16; i++ {
		keep = append(keep, make([]byte, 1<<20))
	}
	if !g.heapCheck() {
		t.Fatal("the collector did not come back with 16 MiB held and an 8 MiB limit")
	}
	if p := debug.SetGCPercent(100); p != 100 {
		t.Fatalf("collector percent %d after the switch, want 100", p)
	}
	if g.heapCheck() {
		t.Fatal("a second switch")
	}
	_ = keep
}
