package claudescan

import (
	"hash/maphash"
	"sync"
)

// Final mode's dedupe across files runs while files are still being read: a Merge takes each file's rows as
// its reader finishes and dedupes them in job order (the order dedupeClaude reads them in) as soon as every
// earlier file is in, so only the sidechain pass and the bucketing are left after the last file.

var keySeed = maphash.MakeSeed()

// hashKey is a row key's or id's hash, computed on the reader's thread: the merge hashes 8 bytes, not the key.
var hashKey = func(key string) uint64 { return maphash.String(keySeed, key) }

// hashIndex maps strings to row positions by their hash (computed on the reader's threads); a string whose
// hash another one already holds (a clash) is kept by the string itself.
type hashIndex struct {
	byHash map[uint64]int32
	clash  map[string]int32
}

func newHashIndex(n int) hashIndex {
	return hashIndex{byHash: make(map[uint64]int32, n), clash: map[string]int32{}}
}

// find: the position of s (hash h); of(i) is the string at position i.
func (x *hashIndex) find(h uint64, s string, of func(i int32) string) (int32, bool) {
	i, ok := x.byHash[h]
	if !ok {
		return 0, false
	}
	if of(i) == s {
		return i, true
	}
	i, ok = x.clash[s]
	return i, ok
}

func (x *hashIndex) has(h uint64, s string, of func(i int32) string) bool {
	_, ok := x.find(h, s, of)
	return ok
}

func (x *hashIndex) add(h uint64, s string, i int32) {
	if _, taken := x.byHash[h]; taken {
		x.clash[s] = i
	} else {
		x.byHash[h] = i
	}
}

// deduper is dedupeClaude's first pass (the largest usage per key; a main-chain row over a sidechain one of
// the same size) over rows given in order.
type deduper struct {
	index   hashIndex
	winners []*Row
}

func newDeduper(n int) *deduper { return &deduper{index: newHashIndex(n), winners: make([]*Row, 0, n)} }

func (d *deduper) keyAt(i int32) string { return d.winners[i].key }

func (d *deduper) add(rows []*Row) {
	for _, r := range rows {
		i, seen := d.index.find(r.hash, r.key, d.keyAt)
		if !seen {
			d.index.add(r.hash, r.key, int32(len(d.winners)))
			d.winners = append(d.winners, r)
			continue
		}
		a := d.winners[i]
		if sa, sb := a.size(), r.size(); sa != sb && sb > sa || sa == sb && a.sidechain && !r.sidechain {
			d.winners[i] = r
		}
	}
}

// rows is the second pass: a sidechain row goes when its message id has a main-chain row. Sidechain rows are
// few: the ids of theirs are indexed, and each main-chain row looks its id up there (a small index).
func (d *deduper) rows() []*Row {
	var ids []string // of sidechain rows, once each
	side := newHashIndex(0)
	idAt := func(i int32) string { return ids[i] }
	for _, r := range d.winners {
		if r.sidechain && !side.has(r.idHash, r.id, idAt) {
			side.add(r.idHash, r.id, int32(len(ids)))
			ids = append(ids, r.id)
		}
	}
	if len(ids) == 0 {
		return d.winners
	}
	replayed := make([]bool, len(ids)) // a main-chain row has the id
	for _, r := range d.winners {
		if !r.sidechain {
			if i, ok := side.find(r.idHash, r.id, idAt); ok {
				replayed[i] = true
			}
		}
	}
	out := d.winners[:0] // (in place: the index reads ids, not the winners)
	for _, r := range d.winners {
		if r.sidechain {
			if i, _ := side.find(r.idHash, r.id, idAt); replayed[i] {
				continue
			}
		}
		out = append(out, r)
	}
	return out
}

// dedupe is dedupeClaude for rows that all have a message id.
func dedupe(rows []*Row) []*Row {
	var d deduper
	return d.dedupe(rows)
}

// dedupe is dedupeClaude on a deduper used before (its index's memory is used again).
func (d *deduper) dedupe(rows []*Row) []*Row {
	if d.index.byHash == nil {
		d.index = newHashIndex(len(rows))
	} else {
		clear(d.index.byHash)
		clear(d.index.clash)
	}
	d.winners = make([]*Row, 0, len(rows)) // (the caller keeps the result)
	d.add(rows)
	return d.rows()
}

// Merge collects final mode's files (Add, from any goroutine) and dedupes them across files in job order
// as they come in; Final then buckets the requests and writes the final frame.
type Merge struct {
	mu     sync.Mutex
	files  []FileCounts
	rows   [][]*Row
	in     []bool
	clean  bool
	wake   chan struct{}
	done   chan struct{}
	d      *deduper
	merged int // rows across files
}

func NewMerge(files int) *Merge {
	m := &Merge{files: make([]FileCounts, files), rows: make([][]*Row, files), in: make([]bool, files), clean: true,
		wake: make(chan struct{}, 1), done: make(chan struct{}), d: newDeduper(0)}
	go m.run()
	return m
}

// Add gives file i's counts and rows; ok false: some usage line of it did not become a row.
func (m *Merge) Add(i int, counts FileCounts, rows []*Row, ok bool) {
	m.mu.Lock()
	m.files[i], m.rows[i], m.in[i] = counts, rows, true
	m.clean = m.clean && ok
	m.mu.Unlock()
	select {
	case m.wake <- struct{}{}:
	default:
	}
}

func (m *Merge) run() {
	defer close(m.done)
	for next := 0; next < len(m.files); {
		m.mu.Lock()
		end := next
		for end < len(m.files) && m.in[end] {
			end++
		}
		ready := m.rows[next:end]
		m.mu.Unlock()
		if end == next {
			<-m.wake
			continue
		}
		for k, rows := range ready {
			m.d.add(rows)
			m.merged += len(rows)
			ready[k] = nil // (the winners hold what is kept)
		}
		next = end
	}
}

// Final waits for every file and appends the final frame (appendFinal); ok false when some file was not clean.
func (m *Merge) Final(out []byte, s Splits) (frame []byte, ok bool) {
	<-m.done
	if !m.clean {
		return out, false
	}
	return appendFinal(out, m.files, m.merged, m.d.rows(), s), true
}
