package claudescan

import (
	"encoding/binary"
	"math"
)

// Codex rollouts: most lines read are token_count events, each sent as its time and totals (record kind 4:
// f64 time in ms | f64 input, cached input, output, reasoning, total tokens as usage.ts num() reads them);
// cli/src/adapters/codex.ts keeps the per-file state they are counted with. Other lines go as members.

const recordCodexTokens = 4

// codexSchema member indexes
const (
	cTimestamp, cType, cPayload = 0, 1, 2
	pType, pInfo                = 0, 10
	iTotals                     = 0
)

var codexTotals = [5]int{0, 1, 2, 3, 4} // input, cached input, output, reasoning, total (codexSchema level 5)

// codexTokens is the token_count event's time and totals, when the line is one whose every read member is
// of a kind read the same here and in codex.ts.
func codexTokens(b []byte, top *node) (ts float64, t [5]float64, ok bool) {
	typ, payload, when := top.slots[cType], top.slots[cPayload], top.slots[cTimestamp]
	if typ.tag != tString || string(b[typ.s:typ.e]) != "event_msg" || payload.tag != tNode {
		return 0, t, false
	}
	p := payload.node.slots
	if p[pType].tag != tString || string(b[p[pType].s:p[pType].e]) != "token_count" || p[pInfo].tag != tNode {
		return 0, t, false
	}
	totals := p[pInfo].node.slots[iTotals]
	if totals.tag != tNode {
		return 0, t, false
	}
	switch {
	case when.tag == tString && isoTimestamp(b[when.s:when.e]):
		ts = isoMillis(b[when.s:when.e])
	case when.tag == tNumber && !math.IsInf(when.num, 0):
		if ts = when.num; ts < 1e12 {
			ts *= 1000 // isoToMs: seconds
		}
	default:
		return 0, t, false
	}
	for i, k := range codexTotals {
		var good bool
		if t[i], good = tokenCount(totals.node.slots[k]); !good {
			return 0, t, false
		}
	}
	return ts, t, true
}

func (f *frame) codexTokens(ts float64, t [5]float64) {
	f.nRecs++
	f.recs = append(f.recs, recordCodexTokens)
	f.recs = binary.LittleEndian.AppendUint64(f.recs, math.Float64bits(ts))
	for _, v := range t {
		f.recs = binary.LittleEndian.AppendUint64(f.recs, math.Float64bits(v))
	}
}
