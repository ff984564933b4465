package claudescan

import (
	"bytes"
	"math/rand"
	"testing"
)

// indexLineStart (AVX2 under GOEXPERIMENT=simd, bytes.Index otherwise; the test step runs both) finds what
// bytes.Index finds, at every alignment, near both ends and among near-misses.
func TestIndexLineStartAgreesWithBytesIndex(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	parts := [][]byte{[]byte(`"usage"`), []byte(`"usag`), []byte(`usage"`), []byte(`"u`), []byte(`g`), []byte(`"uXXgX"`), []byte(`{"a":1}`), lineStart, []byte(`{"parentUuid"`), []byte(`{"pXXXXXU`), []byte("é"), {0}}
	for n := 0; n < 20000; n++ {
		var b []byte
		for len(b) < r.Intn(200) {
			if r.Intn(3) == 0 {
				b = append(b, parts[r.Intn(len(parts))]...)
			} else {
				b = append(b, byte(r.Intn(256)))
			}
		}
		for from := 0; from <= len(b) && from < 40; from++ {
			if got, want := indexLineStart(b[from:]), bytes.Index(b[from:], lineStart); got != want {
				t.Fatalf("indexLineStart(%q) = %d, bytes.Index = %d", b[from:], got, want)
			}
		}
	}
}

// lineAndMarker (one AVX2 pass under GOEXPERIMENT=simd) finds the line's end and its first marker as
// bytes.IndexByte and bytes.Index do, wherever the line starts, on short and long lines.
func TestLineAndMarkerAgreesWithBytes(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	parts := [][]byte{[]byte(`"usage"`), []byte(`"usag`), []byte(`usage"`), []byte(`"u`), []byte(`g`), []byte("\"usa\nge\""), []byte(`"uXXgX"`), []byte("é"), {0}}
	for n := 0; n < 20000; n++ {
		var b []byte
		for size := r.Intn(600); len(b) < size; {
			if r.Intn(1+r.Intn(300)) == 0 {
				b = append(b, '\n') // lines of a few bytes to a few hundred
			} else if r.Intn(12) == 0 {
				b = append(b, parts[r.Intn(len(parts))]...)
			} else {
				b = append(b, byte(' '+r.Intn(90)))
			}
		}
		for from := 0; from <= len(b); from += 1 + r.Intn(7) {
			gotNL, gotHit := lineAndMarker(b, from)
			wantNL, wantHit := lineAndMarkerBytes(b, from)
			if gotNL != wantNL || gotHit != wantHit {
				t.Fatalf("lineAndMarker(%q, %d) = %d, %d; want %d, %d", b, from, gotNL, gotHit, wantNL, wantHit)
			}
		}
	}
}

func TestLineAndMarkerBytes(t *testing.T) {
	b := []byte("{\"a\":\"usag\"}\n{\"usage\":1}\n{\"x\":\"\"usage\"")
	for _, c := range []struct{ from, nl, hit int }{{0, 12, -1}, {13, 24, 14}, {25, -1, 31}, {len(b), -1, -1}} {
		if nl, hit := lineAndMarkerBytes(b, c.from); nl != c.nl || hit != c.hit {
			t.Errorf("from %d: %d, %d; want %d, %d", c.from, nl, hit, c.nl, c.hit)
		}
	}
}
