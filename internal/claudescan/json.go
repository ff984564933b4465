// Package claudescan is the native reader behind the seatmeter CLI's Claude Code adapter
// (cli/src/adapters/claude.ts): it finds the transcript lines that carry usage and reads each one's usage
// members exactly as the adapter's TypeScript fast path does (cli/src/adapters/claudeFast.ts), on every
// core, without decoding message.content. Whatever it is not sure of it hands back as the raw line, which
// the TypeScript adapter then reads itself; so both readers give the same records (line_test.go, file_test.go and
// cli/src/io/nativeScan.test.ts hold them equal).
package claudescan

import (
	"encoding/binary"
	"math/bits"
	"strconv"
)

const (
	lowBits     = 0x0101010101010101
	highBits    = 0x8080808080808080
	quotes      = '"' * lowBits
	backslashes = '\\' * lowBits
	controls    = 0x20 * lowBits
)

// below has the high bit set under each byte of w below n's (n: one byte value ≤ 0x80 in every byte): exact
// for the lowest such byte, maybe set above it too (the subtraction's borrow).
func below(w, n uint64) uint64 { return (w - n) &^ w }

// refusal is panicked (and recovered per line) when the text is not what the fast path reads.
type refusal struct{}

func refuse() { panic(refusal{}) }

// scanner reads JSON tokens as strictly as JavaScript's JSON.parse (cli/src/adapters/jsonScan.ts).
type scanner struct {
	b   []byte
	p   int
	end int
}

func (s *scanner) ws() {
	for s.p < s.end {
		switch s.b[s.p] {
		case ' ', '\t', '\r', '\n':
			s.p++
		default:
			return
		}
	}
}

// at is the byte at the position, -1 past the end.
func (s *scanner) at() int {
	if s.p < s.end {
		return int(s.b[s.p])
	}
	return -1
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f')
}

// skipString moves past the string at the position ('"'); plain: printable ASCII without escapes.
func (s *scanner) skipString() (plain bool) {
	b, e := s.b, s.end
	i := s.p + 1
	// 8 bytes a step until one that is '"', '\\', a control byte or not ASCII (SWAR); the byte loop below
	// goes on from there
	for i+8 <= e {
		w := binary.LittleEndian.Uint64(b[i:])
		if m := (below(w^quotes, lowBits) | below(w^backslashes, lowBits) | below(w, controls) | w) & highBits; m != 0 {
			i += bits.TrailingZeros64(m) >> 3
			break
		}
		i += 8
	}
	for i < e {
		c := b[i]
		if c == '"' {
			s.p = i + 1
			return true
		}
		if c < 0x20 || c >= 0x80 || c == '\\' {
			break
		}
		i++
	}
	for {
		if i >= e {
			refuse()
		}
		c := b[i]
		switch {
		case c == '"':
			s.p = i + 1
			return false
		case c < 0x20:
			refuse()
		case c == '\\':
			if i+1 >= e {
				refuse()
			}
			switch b[i+1] {
			case 'u':
				if i+5 >= e || !isHex(b[i+2]) || !isHex(b[i+3]) || !isHex(b[i+4]) || !isHex(b[i+5]) {
					refuse()
				}
				i += 6
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			default:
				refuse()
			}
		default:
			i++
		}
	}
}

func (s *scanner) digits() int {
	st := s.p
	for s.p < s.end && s.b[s.p] >= '0' && s.b[s.p] <= '9' {
		s.p++
	}
	return s.p - st
}

// number reads a number by JSON's grammar; its value is what JavaScript's Number() gives for the text.
func (s *scanner) number() float64 {
	st := s.p
	neg := s.b[st] == '-'
	if neg {
		s.p++
	}
	first := s.at()
	n := s.digits()
	if n == 0 || (first == '0' && n > 1) {
		refuse()
	}
	simple := n < 16
	if s.at() == '.' {
		s.p++
		simple = false
		if s.digits() == 0 {
			refuse()
		}
	}
	if c := s.at(); c == 'e' || c == 'E' {
		s.p++
		simple = false
		if c := s.at(); c == '+' || c == '-' {
			s.p++
		}
		if s.digits() == 0 {
			refuse()
		}
	}
	if !simple {
		// correctly rounded like Number(); out of range gives ±Inf or 0 as Number() does
		v, _ := strconv.ParseFloat(string(s.b[st:s.p]), 64)
		return v
	}
	v := 0.0
	from := st
	if neg {
		from++
	}
	for i := from; i < s.p; i++ {
		v = v*10 + float64(s.b[i]-'0')
	}
	if neg {
		return -v
	}
	return v
}

func (s *scanner) literal(text string) {
	if s.p+len(text) > s.end || string(s.b[s.p:s.p+len(text)]) != text {
		refuse()
	}
	s.p += len(text)
}
