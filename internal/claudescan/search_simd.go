//go:build goexperiment.simd && amd64

package claudescan

import (
	"bytes"
	"math/bits"
	"simd/archsimd"
)

var (
	hasAVX2 = archsimd.X86.AVX2()
	wantU   = archsimd.BroadcastUint8x32('u')
	wantG   = archsimd.BroadcastUint8x32('g')
)

// indexMarker is bytes.Index(b, marker) for `"usage"`: 32 positions a step, where the 'u' and the 'g' are
// both in place (then checked whole). bytes.Index is slower on JSON: its first byte, '"', is everywhere.
func indexMarker(b []byte) int {
	if !hasAVX2 {
		return bytes.Index(b, marker)
	}
	i := 0
	for ; i+4+32 <= len(b); i += 32 {
		u := archsimd.LoadUint8x32Slice(b[i+1:]).Equal(wantU)
		g := archsimd.LoadUint8x32Slice(b[i+4:]).Equal(wantG)
		for m := u.And(g).ToBits(); m != 0; m &= m - 1 {
			j := i + bits.TrailingZeros32(m)
			if j+len(marker) <= len(b) && string(b[j:j+len(marker)]) == string(marker) {
				return j
			}
		}
	}
	if k := bytes.Index(b[i:], marker); k >= 0 {
		return i + k
	}
	return -1
}
