package claudescan

import (
	"bytes"
	"math"
	"time"
)

// A message is written as one line per content block, each with the message's usage so far. Consecutive
// lines of one (message.id, requestId) are collapsed here into the one the adapter's dedupe would keep
// (cli/src/adapters/claude.ts dedupeClaude: the larger usage, then the main chain; the first on a tie), but
// only lines certain to become rows: anything the TypeScript reader might judge otherwise is sent as is.

// usage member indexes (levels[2]) and split member indexes (levels[3])
const (
	uInput, uOutput, uRead, uWrite, uSplit = 0, 1, 2, 3, 4
	sFiveMin, sOneHour                     = 0, 1
	uSpeed, uGeo                           = 5, 6
	tTimestamp, tSession, tCwd, tBranch    = 0, 1, 2, 3
	tRequest, tSidechain                   = 4, 5
	mID, mModel, mUsage, mSpeed            = 0, 1, 2, 3
)

var synthetic = []byte("<synthetic>")

// What a line read into members becomes in claudeRow (claude.ts), where the reader can tell.
type lineKind uint8

const (
	kindUnsure    lineKind = iota // the TypeScript reader decides (its members are sent)
	kindRow                       // a row (certain: collapsible; row: buildable here)
	kindDrop                      // no row: message.usage is not an object, or the model is <synthetic>
	kindMalformed                 // its timestamp is neither a string nor a finite number
)

type rowInfo struct {
	kind      lineKind
	certain   bool
	id, req   []byte
	size      float64
	sidechain bool
	// the row itself, when the reader can build it as claude.ts claudeRow does (row): else the members go
	row       bool
	timestamp float64
	tokens    [6]float64 // input, output, cache read, 5m write, 1h write, write of unknown TTL
	strs      [6]strRef  // model, session, cwd, branch, inference geo, speed
}

// strRef is a string member as claudeRow's str() reads it: its bytes in the line, or decoded from its
// escapes (dec), or none (not a string: the empty string).
type strRef struct {
	s, e int
	ok   bool
	dec  []byte
}

func (s strRef) text(b []byte) []byte {
	if s.dec != nil {
		return s.dec
	}
	return b[s.s:s.e]
}

// ref is the strRef of a member's value; false when JSON.parse would give a string this reader cannot tell.
func ref(v value, b []byte) (strRef, bool) {
	switch v.tag {
	case tString:
		return strRef{s: v.s, e: v.e, ok: true}, true
	case tJSONString:
		d, ok := decodeString(b[v.s:v.e])
		return strRef{ok: ok, dec: d}, ok
	}
	return strRef{}, true
}

const (
	rModel, rSession, rCwd, rBranch, rGeo, rSpeed = 0, 1, 2, 3, 4, 5
)

// tokenCount is usage.ts num() of a member: false when it is of a kind num() reads otherwise (strings).
func tokenCount(v value) (float64, bool) {
	switch v.tag {
	case tNumber:
		if v.num > 0 && !math.IsInf(v.num, 1) {
			return math.Round(v.num), true // positive: Math.round and math.Round agree
		}
		return 0, true
	case tAbsent, tNull:
		return 0, true
	}
	return 0, false
}

func digitsAt(b []byte, i, n int) (int, bool) {
	v := 0
	for _, c := range b[i : i+n] {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// isoTimestamp: `YYYY-MM-DDTHH:MM:SS.sssZ` with fields JavaScript's Date.parse accepts (it takes any day
// 1-31 in any month).
func isoTimestamp(t []byte) bool {
	if len(t) != 24 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != '.' || t[23] != 'Z' {
		return false
	}
	_, okY := digitsAt(t, 0, 4)
	mo, okM := digitsAt(t, 5, 2)
	d, okD := digitsAt(t, 8, 2)
	h, okH := digitsAt(t, 11, 2)
	mi, okMi := digitsAt(t, 14, 2)
	s, okS := digitsAt(t, 17, 2)
	_, okMs := digitsAt(t, 20, 3)
	return okY && okM && okD && okH && okMi && okS && okMs && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && s <= 59
}

func info(b []byte, top *node) (r rowInfo) {
	msg := top.slots[messageKey].node
	id, model, usage := msg.slots[mID], msg.slots[mModel], msg.slots[mUsage]
	ts, req := top.slots[tTimestamp], top.slots[tRequest]
	if usage.tag != tNode || (model.tag == tString && bytes.Equal(b[model.s:model.e], synthetic)) {
		r.kind = kindDrop
		return r
	}
	switch {
	case ts.tag == tString && isoTimestamp(b[ts.s:ts.e]):
	case ts.tag == tNumber && !math.IsInf(ts.num, 0):
	case ts.tag == tString || ts.tag == tJSONString:
		return r // Date.parse may read it
	default:
		r.kind = kindMalformed // isoToMs: NaN
		return r
	}
	if id.tag != tString || id.s == id.e || model.tag != tString {
		return r
	}
	switch req.tag {
	case tString:
		r.req = b[req.s:req.e]
	case tAbsent:
	default:
		return r
	}
	if ts.tag == tString {
		r.timestamp = isoMillis(b[ts.s:ts.e])
	} else if r.timestamp = ts.num; ts.num < 1e12 {
		r.timestamp = ts.num * 1000 // isoToMs: seconds
	}
	u := usage.node.slots
	var sum [4]float64
	for i := range sum {
		n, ok := tokenCount(u[i])
		if !ok {
			return r
		}
		sum[i] = n
	}
	unknown := sum[uWrite]
	var w5, w1 float64
	switch split := u[uSplit]; split.tag {
	case tNode:
		var ok5, ok1 bool
		w5, ok5 = tokenCount(split.node.slots[sFiveMin])
		w1, ok1 = tokenCount(split.node.slots[sOneHour])
		if !ok5 || !ok1 {
			return r
		}
		if split.node.slots[sFiveMin].tag != tAbsent || split.node.slots[sOneHour].tag != tAbsent {
			unknown = max(0, unknown-w5-w1) // the split is authoritative; a remainder has no known TTL
		}
	case tAbsent, tNull, tObject:
	default:
		return r
	}
	r.kind = kindRow
	r.certain = true
	r.id = b[id.s:id.e]
	r.tokens = [6]float64{sum[uInput], sum[uOutput], sum[uRead], w5, w1, unknown}
	r.size = sum[uInput] + sum[uOutput] + sum[uRead] + w5 + w1 + unknown
	r.sidechain = top.slots[tSidechain].tag == tTrue
	r.row = model.s < model.e
	for i, v := range [6]value{model, top.slots[tSession], top.slots[tCwd], top.slots[tBranch], u[uGeo], u[uSpeed]} {
		var ok bool
		if r.strs[i], ok = ref(v, b); !ok {
			r.row = false // the members go
		}
	}
	if sp := r.strs[rSpeed]; !sp.ok || len(sp.text(b)) == 0 { // str(usage.speed) || str(message.speed)
		var ok bool
		if r.strs[rSpeed], ok = ref(msg.slots[mSpeed], b); !ok {
			r.row = false
		}
	}
	return r
}

// isoMillis is Date.parse of an isoTimestamp (days past a month's end roll over, as in JavaScript).
func isoMillis(t []byte) float64 {
	n := func(i, w int) int { v, _ := digitsAt(t, i, w); return v }
	return float64(time.Date(n(0, 4), time.Month(n(5, 2)), n(8, 2), n(11, 2), n(14, 2), n(17, 2), n(20, 3)*1e6, time.UTC).UnixMilli())
}

func sameRow(a, b rowInfo) bool {
	return a.certain && b.certain && bytes.Equal(a.id, b.id) && bytes.Equal(a.req, b.req)
}

// newWins: dedupeClaude's better(a, b) picks b.
func newWins(a, b rowInfo) bool {
	if a.size != b.size {
		return b.size > a.size
	}
	return a.sidechain && !b.sidechain
}
