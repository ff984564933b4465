//go:build goexperiment.simd && amd64

package claudescan

import (
	"bytes"
	"math/bits"
	"simd/archsimd"
)

var hasAVX2 = archsimd.X86.AVX2()

// needle is a byte string searched 32 positions a step where two of its rarer bytes are both in place
// (then checked whole): bytes.Index is slower on JSON, where the first byte ('"', '{') is everywhere.
type needle struct {
	text   []byte
	o1, o2 int
	v1, v2 archsimd.Uint8x32
}

func newNeedle(text []byte, o1, o2 int) *needle {
	return &needle{text, o1, o2, archsimd.BroadcastUint8x32(text[o1]), archsimd.BroadcastUint8x32(text[o2])}
}

var (
	markerNeedle    = newNeedle(marker, 1, 4)    // "usage": the 'u' and the 'g'
	lineStartNeedle = newNeedle(lineStart, 2, 8) // {"parentUuid": the 'p' and the 'U'
)

func (n *needle) index(b []byte) int {
	if !hasAVX2 {
		return bytes.Index(b, n.text)
	}
	i := 0
	for ; i+n.o2+32 <= len(b); i += 32 {
		a := archsimd.LoadUint8x32Slice(b[i+n.o1:]).Equal(n.v1)
		c := archsimd.LoadUint8x32Slice(b[i+n.o2:]).Equal(n.v2)
		for m := a.And(c).ToBits(); m != 0; m &= m - 1 {
			j := i + bits.TrailingZeros32(m)
			if j+len(n.text) <= len(b) && string(b[j:j+len(n.text)]) == string(n.text) {
				return j
			}
		}
	}
	if k := bytes.Index(b[i:], n.text); k >= 0 {
		return i + k
	}
	return -1
}

func indexMarker(b []byte) int    { return markerNeedle.index(b) }
func indexLineStart(b []byte) int { return lineStartNeedle.index(b) }
