package rewrite

import (
	"regexp"
	"strconv"
	"strings"
)

// A placeholder stands in for a Grafana macro or dashboard variable while the query is parsed.
type placeholder struct {
	start, end int    // in the protected text
	origStart  int    // in the original text
	orig       string // the macro as the user wrote it
}

var macroRe = regexp.MustCompile(`^(?:\$\{[^}\s]+\}|\[\[[A-Za-z0-9_.:]+\]\]|\$[A-Za-z_][A-Za-z0-9_]*)`)

// protect swaps macros outside string literals for text the parser accepts: a duration where one is
// expected ([...], subquery step, offset), else an identifier. Inside strings macros are plain text.
func protect(s string) (string, []placeholder) {
	var (
		b     strings.Builder
		ph    []placeholder
		quote byte
	)
	for i := 0; i < len(s); {
		c := s[i]
		if quote != 0 {
			b.WriteByte(c)
			if c == '\\' && quote != '`' && i+1 < len(s) {
				b.WriteByte(s[i+1])
				i += 2
				continue
			}
			if c == quote {
				quote = 0
			}
			i++
			continue
		}
		if c == '"' || c == '\'' || c == '`' {
			quote = c
			b.WriteByte(c)
			i++
			continue
		}
		if c == '$' || (c == '[' && strings.HasPrefix(s[i:], "[[")) {
			if m := macroRe.FindString(s[i:]); m != "" {
				repl := "__seatmeter_macro_" + strconv.Itoa(len(ph)) + "__"
				if wantsDuration(b.String()) {
					repl = strconv.Itoa(len(ph)+1) + "ms"
				}
				ph = append(ph, placeholder{start: b.Len(), end: b.Len() + len(repl), origStart: i, orig: m})
				b.WriteString(repl)
				i += len(m)
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	return b.String(), ph
}

func wantsDuration(before string) bool {
	t := strings.TrimRight(before, " \t\r\n")
	if strings.HasSuffix(t, "[") || strings.HasSuffix(t, ":") {
		return true
	}
	if strings.HasSuffix(t, "offset") {
		p := strings.TrimSuffix(t, "offset")
		return p == "" || !isIdentByte(p[len(p)-1])
	}
	return false
}

func isIdentByte(c byte) bool {
	return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

// originalOffset maps an offset in the protected text back to the user's text.
func originalOffset(off int, ph []placeholder) int {
	delta := 0
	for _, p := range ph {
		if off < p.start {
			break
		}
		if off < p.end {
			return p.origStart
		}
		delta = p.origStart + len(p.orig) - p.end
	}
	return off + delta
}
