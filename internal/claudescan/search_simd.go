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

func indexLineStart(b []byte) int { return lineStartNeedle.index(b) }

var newlines = archsimd.BroadcastUint8x32('\n')

// lineAndMarker is lineAndMarkerBytes in one pass: the marker's candidates (its '"' and 'g' in place) and the
// newlines from the same loads, 64 bytes a step, until the line ends (newlines only once the marker is found).
func lineAndMarker(b []byte, from int) (nl, hit int) {
	if !hasAVX2 {
		return lineAndMarkerBytes(b, from)
	}
	n := markerNeedle // (o1 == 0: the '"' loads are the line's bytes)
	v1, v2, vn := n.v1, n.v2, newlines
	i := from
	if last := len(b) - n.o2 - 64; i <= last {
		p := unsafe.Pointer(unsafe.SliceData(b))
		for ; i <= last; i += 64 {
			l0 := archsimd.LoadUint8x32((*[32]uint8)(unsafe.Add(p, i)))
			l1 := archsimd.LoadUint8x32((*[32]uint8)(unsafe.Add(p, i+32)))
			m0 := l0.Equal(v1).And(archsimd.LoadUint8x32((*[32]uint8)(unsafe.Add(p, i+n.o2))).Equal(v2))
			m1 := l1.Equal(v1).And(archsimd.LoadUint8x32((*[32]uint8)(unsafe.Add(p, i+32+n.o2))).Equal(v2))
			n0, n1 := l0.Equal(vn), l1.Equal(vn)
			if m0.Or(n0).Or(m1.Or(n1)).ToBits() == 0 {
				continue // most steps: no newline, no candidate
			}
			nls := uint64(n0.ToBits()) | uint64(n1.ToBits())<<32
			m := uint64(m0.ToBits()) | uint64(m1.ToBits())<<32
			if nls != 0 {
				m &= nls&-nls - 1 // candidates before the line's end
			}
			for ; m != 0; m &= m - 1 {
				if j := i + bits.TrailingZeros64(m); string(b[j:min(j+len(marker), len(b))]) == string(marker) {
					if nls != 0 {
						return i + bits.TrailingZeros64(nls), j
					}
					if k := bytes.IndexByte(b[i+64:], '\n'); k >= 0 {
						return i + 64 + k, j
					}
					return -1, j
				}
			}
			if nls != 0 {
				return i + bits.TrailingZeros64(nls), -1
			}
		}
	}
	return lineAndMarkerBytes(b, i)
}
