package claudescan

const tailWindow = 256

func isKeyChar(c byte) bool {
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'
}

// contentClose is the ']' closing message.content: walking back from `,"usage":{` at u over the scalar
// members Claude Code writes between content and usage (`,"stop_reason":"end_turn"`, ...); -1 if none fits.
// (cli/src/adapters/claudeBounds.ts, byte for byte.)
func contentClose(b []byte, from, u int) int {
	low := u - tailWindow
	if low < from {
		low = from
	}
	q := u - 1
	for q >= low {
		c := b[q]
		if c == ']' {
			return q
		}
		if c == '"' {
			q--
			for q >= low && (isKeyChar(b[q]) || b[q] == ' ' || b[q] == '-') {
				q--
			}
			if q < low || b[q] != '"' {
				return -1
			}
			q--
		} else {
			s := q
			for q >= low && ((b[q] >= '0' && b[q] <= '9') || b[q] == '.' || b[q] == '-' || isKeyChar(b[q])) {
				q--
			}
			if q == s {
				return -1
			}
		}
		// ':' then a "key" then ','
		if q < low || b[q] != ':' || q-1 < 0 || b[q-1] != '"' {
			return -1
		}
		q -= 2
		keyEnd := q
		for q >= low && isKeyChar(b[q]) {
			q--
		}
		if q == keyEnd || q-1 < low || b[q] != '"' || b[q-1] != ',' {
			return -1
		}
		q -= 2
	}
	return -1
}
