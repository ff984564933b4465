package claudescan

import (
	"encoding/binary"
	"math"
	"sort"
)

// Final mode (a report without a cache: nothing per file is kept): when every usage line of every file
// becomes a row here, the reader also does what the CLI does next — the dedupe of cli/src/adapters/claude.ts
// (dedupeClaude, per file and then across files in job order) and the bucketing of
// cli/src/report/groupPricing.ts (bucketRecords) — and sends only the price items, each a sum of requests
// the CLI prices once. Otherwise it sends the files' frames as usual.

// Splits are groupPricing.ts PriceSplits: where a price can change besides the model (sorted), and the time
// grid requests are summed on (timeGrid.ts; quarter hours when absent).
type Splits struct {
	Boundaries []float64 `json:"boundaries"`
	Thresholds []float64 `json:"thresholds"`
	Grid       *Grid     `json:"grid"`
}

// Grid is timeGrid.ts TimeGrid: cells [origin + k·width, origin + (k+1)·width) in epoch ms.
type Grid struct {
	WidthMs  float64 `json:"widthMs"`
	OriginMs float64 `json:"originMs"`
}

var quarterHours = Grid{WidthMs: 15 * 60 * 1000}

// cellStart is timeGrid.ts cellStart (the same float operations, so the same result).
func (g Grid) cellStart(ms float64) float64 {
	return math.Floor((ms-g.OriginMs)/g.WidthMs)*g.WidthMs + g.OriginMs
}

// Row is a row of claudeRow with what the dedupe and the bucketing read.
type Row struct {
	timestamp                            float64
	tokens                               [6]float64
	sidechain, fast                      bool
	model, session, project, branch, geo string
	id, key                              string
	hash, idHash                         uint64 // of key and id (merge.go)
}

func (r *Row) size() float64 {
	t := r.tokens
	return t[0] + t[1] + t[2] + t[3] + t[4] + t[5]
}

// priceItem is groupPricing.ts's: the first request of a sum, the sum, and how many requests it holds.
type priceItem struct {
	first    *Row
	ts       float64
	tokens   [6]float64
	requests uint32
}

type bucketKey struct {
	model, session, project, branch, geo string
	ts                                   float64
	fast, unknownTTL                     bool
	period                               int
}

// countBelow: how many of the sorted xs are below v (strict) or at most v.
func countBelow(xs []float64, v float64, strict bool) int {
	return sort.Search(len(xs), func(i int) bool {
		if strict {
			return xs[i] >= v
		}
		return xs[i] > v
	})
}

// bucket is groupPricing.ts bucketRecords: requests that may be in a long-context tier (priced per request:
// one by one, or summed when above every threshold), then the sums per bucket, each in the order opened.
func bucket(records []*Row, s Splits) (tiers, buckets []priceItem) {
	grid := quarterHours
	if s.Grid != nil && s.Grid.WidthMs > 0 {
		grid = *s.Grid
	}
	top := len(s.Thresholds)
	var inTiers, inBuckets sums
	for _, r := range records {
		t := r.tokens
		ts := grid.cellStart(r.timestamp)
		level := 0
		if top > 0 {
			level = countBelow(s.Thresholds, t[0]+t[2]+t[3]+t[4]+t[5], true)
		}
		switch {
		case level == 0:
			buckets = inBuckets.add(buckets, r, ts, s)
		case level == top:
			tiers = inTiers.add(tiers, r, ts, s)
		default:
			tiers = append(tiers, priceItem{r, ts, t, 1})
		}
	}
	return tiers, buckets
}

// sums finds a request's bucket among items: records come in file order, and most are in the last one's.
type sums struct {
	index map[bucketKey]int
	prev  bucketKey
	at    int // prev's item + 1 (0: none yet)
}

func (m *sums) add(items []priceItem, r *Row, ts float64, s Splits) []priceItem {
	t := r.tokens
	k := bucketKey{r.model, r.session, r.project, r.branch, r.geo, ts, r.fast, t[5] > 0, countBelow(s.Boundaries, r.timestamp, false)}
	j := m.at - 1
	if m.at == 0 || k != m.prev {
		if m.index == nil {
			m.index = map[bucketKey]int{}
		}
		var ok bool
		if j, ok = m.index[k]; !ok {
			j = len(items)
			m.index[k] = j
			items = append(items, priceItem{first: r, ts: ts})
		}
		m.prev, m.at = k, j+1
	}
	b := &items[j]
	for f := range b.tokens {
		b.tokens[f] += t[f]
	}
	b.requests++
	return items
}

// FileCounts is what a file contributes to the scan's figures in final mode.
type FileCounts struct {
	Result
	Duplicates uint32 // collapsed lines and rows the file's own dedupe removed
}

// FinalJob marks the final frame (it is no file's); ProgressJob a frame saying a file was read in final
// mode (body: u32 job), for the CLI's progress line.
const (
	FinalJob    = math.MaxUint32
	ProgressJob = math.MaxUint32 - 1
)

// Progress is the progress frame of job.
func Progress(job uint32) []byte {
	return appendU32(appendU32(appendU32(nil, ProgressJob), 4), job)
}

// appendFinal appends the final frame of the files (their rows across files: `rows`; the deduplicated
// requests: records, in dedupe order):
//
//	u32 FinalJob | u32 body length | body
//	body: u32 files | per file: f64 end offset | u8 flags | u32 lines | u32 malformed | u32 duplicates
//	      | u32 rows across files | u32 duplicates across files | u32 strings | strings (as in file frames)
//	      | u32 tier items | u32 bucket items | items
//	item: f64 first timestamp | f64 quarter hour | 6 × f64 tokens | u32 requests | u8 flags (1 unknown TTL,
//	      2 fast) | u32 model | u32 session | u32 project | u32 branch | u32 inference geo (2^32-1: none)
func appendFinal(out []byte, files []FileCounts, rows int, records []*Row, s Splits) []byte {
	tiers, buckets := bucket(records, s)
	f := newFrame()
	body := appendU32(nil, uint32(len(files)))
	for _, c := range files {
		body = binary.LittleEndian.AppendUint64(body, math.Float64bits(float64(c.EndOffset)))
		var flags byte
		if c.Unterminated {
			flags = flagUnterminated
		}
		body = append(body, flags)
		body = appendU32(body, c.Lines)
		body = appendU32(body, c.Malformed)
		body = appendU32(body, c.Duplicates)
	}
	body = appendU32(body, uint32(rows))
	body = appendU32(body, uint32(rows-len(records)))
	var items []byte
	str := func(v string) uint32 { return f.text([]byte(v)) }
	for _, it := range append(tiers, buckets...) {
		items = binary.LittleEndian.AppendUint64(items, math.Float64bits(it.first.timestamp))
		items = binary.LittleEndian.AppendUint64(items, math.Float64bits(it.ts))
		for _, t := range it.tokens {
			items = binary.LittleEndian.AppendUint64(items, math.Float64bits(t))
		}
		items = appendU32(items, it.requests)
		var flags byte
		if it.first.tokens[5] > 0 {
			flags |= 1
		}
		if it.first.fast {
			flags |= 2
		}
		items = append(items, flags)
		for _, v := range []string{it.first.model, it.first.session, it.first.project, it.first.branch} {
			items = appendU32(items, str(v))
		}
		if it.first.geo == "" {
			items = appendU32(items, noString)
		} else {
			items = appendU32(items, str(it.first.geo))
		}
	}
	body = appendU32(body, f.nStrs)
	body = append(body, f.strs...)
	body = appendU32(body, uint32(len(tiers)))
	body = appendU32(body, uint32(len(buckets)))
	body = append(body, items...)
	out = appendU32(out, FinalJob)
	out = appendU32(out, uint32(len(body)))
	return append(out, body...)
}
