package claudescan

import (
	"math/rand"
	"testing"
)

// refSkip is skipString byte by byte (as before its 8-byte steps): the end, plain, and whether it accepts.
func refSkip(b []byte) (p int, plain bool, ok bool) {
	i := 1
	for i < len(b) {
		c := b[i]
		if c == '"' {
			return i + 1, true, true
		}
		if c < 0x20 || c >= 0x80 || c == '\\' {
			break
		}
		i++
	}
	for i < len(b) {
		c := b[i]
		switch {
		case c == '"':
			return i + 1, false, true
		case c < 0x20:
			return 0, false, false
		case c == '\\':
			if i+1 >= len(b) {
				return 0, false, false
			}
			switch b[i+1] {
			case 'u':
				if i+5 >= len(b) || !isHex(b[i+2]) || !isHex(b[i+3]) || !isHex(b[i+4]) || !isHex(b[i+5]) {
					return 0, false, false
				}
				i += 6
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			default:
				return 0, false, false
			}
		default:
			i++
		}
	}
	return 0, false, false
}

// skipString (8 bytes a step) agrees with the byte-by-byte reading on random strings dense in the bytes
// its steps stop at, at every length around the step.
func TestSkipStringAgreesWithByteLoop(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	alpha := []byte("abc\"\\\x00\x1f\x20\x21\x7f\x80\xffu0AF/nbé")
	for n := 0; n < 300000; n++ {
		l := r.Intn(40)
		b := []byte{'"'}
		for range l {
			if r.Intn(4) == 0 {
				b = append(b, alpha[r.Intn(len(alpha))])
			} else {
				b = append(b, byte(0x20+r.Intn(0x5f)))
			}
		}
		wp, wplain, wok := refSkip(b)
		s := scanner{b: b, p: 0, end: len(b)}
		var gp int
		var gplain bool
		gok := func() (ok bool) {
			defer func() {
				if recover() != nil {
					ok = false
				}
			}()
			gplain = s.skipString()
			gp = s.p
			return true
		}()
		if gok != wok || (wok && (gp != wp || gplain != wplain)) {
			t.Fatalf("%q: got %d %v %v want %d %v %v", b, gp, gplain, gok, wp, wplain, wok)
		}
	}
}
