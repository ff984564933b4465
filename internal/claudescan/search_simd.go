//go:build goexperiment.simd && amd64

package claudescan

import (
	"bytes"
	"math/bits"
	"simd/archsimd"
	"unsafe"
)

var hasAVX2 = archsimd.X86.AVX2()

// needle is a byte string searched 64 positions a step where two of its bytes are both in place
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
	markerNeedle    = newNeedle(marker, 0, 4)    // "usage": the '"' and the 'g' (4 apart: rare in text and JSON)
	lineStartNeedle = newNeedle(lineStart, 2, 8) // {"parentUuid": the 'p' and the 'U'
)

func (n *needle) index(b []byte) int {
	if !hasAVX2 {
		return bytes.Index(b, n.text)
	}
	v1, v2, o1, o2 := n.v1, n.v2, n.o1, n.o2 // locals stay in registers
	i := 0
	if last := len(b) - o2 - 64; last >= 0 {
		// 64 positions a step; loads through unsafe because a slice's bounds checks cost more than the compares
		p := unsafe.Pointer(unsafe.SliceData(b))
		for ; i <= last; i += 64 {
			a0 := archsimd.LoadUint8x32((*[32]uint8)(unsafe.Add(p, i+o1))).Equal(v1)
			c0 := archsimd.LoadUint8x32((*[32]uint8)(unsafe.Add(p, i+o2))).Equal(v2)
			a1 := archsimd.LoadUint8x32((*[32]uint8)(unsafe.Add(p, i+32+o1))).Equal(v1)
			c1 := archsimd.LoadUint8x32((*[32]uint8)(unsafe.Add(p, i+32+o2))).Equal(v2)
			for m := uint64(a0.And(c0).ToBits()) | uint64(a1.And(c1).ToBits())<<32; m != 0; m &= m - 1 {
				j := i + bits.TrailingZeros64(m)
				if j+len(n.text) <= len(b) && string(b[j:j+len(n.text)]) == string(n.text) {
					return j
				}
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
