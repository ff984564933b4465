package claudescan

import (
	"unicode/utf16"
	"unicode/utf8"
)

// decodeString is JSON.parse of a string token (quotes included) the scanner accepted, as UTF-8; false
// where the JavaScript string would hold what UTF-8 cannot (a lone surrogate) or the bytes are not UTF-8
// (the TypeScript reader then decides).
func decodeString(tok []byte) ([]byte, bool) {
	out := make([]byte, 0, len(tok))
	for i := 1; i < len(tok)-1; i++ {
		c := tok[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		switch tok[i] {
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r := hex4(tok[i+1 : i+5])
			i += 4
			if utf16.IsSurrogate(r) {
				if r >= 0xdc00 || i+6 >= len(tok) || tok[i+1] != '\\' || tok[i+2] != 'u' {
					return nil, false
				}
				lo := hex4(tok[i+3 : i+7])
				if lo < 0xdc00 || lo > 0xdfff {
					return nil, false
				}
				r = utf16.DecodeRune(r, lo)
				i += 6
			}
			out = utf8.AppendRune(out, r)
		default: // '"', '\\', '/'
			out = append(out, tok[i])
		}
	}
	return out, utf8.Valid(out)
}

func hex4(h []byte) rune {
	var r rune
	for _, c := range h {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		default:
			c -= 'A' - 10
		}
		r = r<<4 | rune(c)
	}
	return r
}
