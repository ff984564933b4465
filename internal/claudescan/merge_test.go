package claudescan

import (
	"fmt"
	"math/rand"
	"sync"
	"testing"
)

// referenceDedupe is dedupeClaude as claude.ts writes it, with plain string maps.
func referenceDedupe(rows []*Row) []*Row {
	index := map[string]int{}
	var winners []*Row
	for _, r := range rows {
		i, seen := index[r.key]
		if !seen {
			index[r.key] = len(winners)
			winners = append(winners, r)
			continue
		}
		a := winners[i]
		if sa, sb := a.size(), r.size(); sa != sb && sb > sa || sa == sb && a.sidechain && !r.sidechain {
			winners[i] = r
		}
	}
	main := map[string]bool{}
	for _, r := range winners {
		if !r.sidechain {
			main[r.id] = true
		}
	}
	var out []*Row
	for _, r := range winners {
		if !(r.sidechain && main[r.id]) {
			out = append(out, r)
		}
	}
	return out
}

// randomFiles: rows of few message ids and request ids (many duplicates, sidechain copies, equal sizes).
func randomFiles(rng *rand.Rand, files int) [][]*Row {
	out := make([][]*Row, files)
	for f := range out {
		for range rng.Intn(40) {
			id := fmt.Sprintf("msg_%d", rng.Intn(30))
			key := id + "\x00" + fmt.Sprintf("req_%d", rng.Intn(3))
			r := &Row{id: id, key: key, sidechain: rng.Intn(3) == 0, hash: hashKey(key), idHash: hashKey(id)}
			r.tokens[rng.Intn(6)] = float64(rng.Intn(4))
			out[f] = append(out[f], r)
		}
	}
	return out
}

func concat(files [][]*Row) []*Row {
	var all []*Row
	for _, f := range files {
		all = append(all, f...)
	}
	return all
}

func sameRows(t *testing.T, what string, got, want []*Row) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d rows, want %d", what, len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%s: row %d is %+v, want %+v", what, i, *got[i], *want[i])
		}
	}
}

func TestDedupeByHashEqualsByKey(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	// every hash, one bit of it (many clashes), and one value (every string a clash)
	for name, h := range map[string]func(uint64) uint64{"full": func(v uint64) uint64 { return v }, "one bit": func(v uint64) uint64 { return v & 1 }, "constant": func(uint64) uint64 { return 0 }} {
		for round := range 300 {
			files := randomFiles(rng, 1+rng.Intn(5))
			for _, r := range concat(files) {
				r.hash, r.idHash = h(hashKey(r.key)), h(hashKey(r.id))
			}
			sameRows(t, fmt.Sprintf("%s hash, round %d", name, round), dedupe(concat(files)), referenceDedupe(concat(files)))
		}
	}
}

func TestMergeInAnyOrderEqualsDedupeInJobOrder(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	for round := range 200 {
		files := randomFiles(rng, 1+rng.Intn(12))
		want := referenceDedupe(concat(files))
		m := NewMerge(len(files))
		var wg sync.WaitGroup
		for _, i := range rng.Perm(len(files)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				m.Add(i, FileCounts{}, files[i], true)
			}()
		}
		wg.Wait()
		<-m.done
		sameRows(t, fmt.Sprintf("round %d", round), m.d.rows(), want)
		if n := len(concat(files)); m.merged != n {
			t.Fatalf("round %d: %d rows merged, want %d", round, m.merged, n)
		}
	}
	m := NewMerge(2)
	m.Add(1, FileCounts{}, nil, true)
	m.Add(0, FileCounts{}, nil, false)
	if _, ok := m.Final(nil, Splits{}); ok {
		t.Fatal("a file that was not clean gave a final frame")
	}
}
