package claudescan

import (
	"bytes"
	"math/rand"
	"testing"
)

// indexMarker and indexLineStart (AVX2 under GOEXPERIMENT=simd, bytes.Index otherwise; the test step runs both) finds what
// bytes.Index finds, at every alignment, near both ends and among near-misses.
func TestIndexMarkerAgreesWithBytesIndex(t *testing.T) {
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
			if got, want := indexMarker(b[from:]), bytes.Index(b[from:], marker); got != want {
				t.Fatalf("indexMarker(%q) = %d, bytes.Index = %d", b[from:], got, want)
			}
			if got, want := indexLineStart(b[from:]), bytes.Index(b[from:], lineStart); got != want {
				t.Fatalf("indexLineStart(%q) = %d, bytes.Index = %d", b[from:], got, want)
			}
		}
	}
}
