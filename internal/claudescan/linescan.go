package claudescan

import "bytes"

// lineAndMarkerBytes is lineAndMarker by bytes.IndexByte and bytes.Index: the end of the line from `from` (the
// index of its '\n', or -1 when b holds none) and the first `"usage"` in it (or -1).
func lineAndMarkerBytes(b []byte, from int) (nl, hit int) {
	end := len(b)
	if k := bytes.IndexByte(b[from:], '\n'); k >= 0 {
		nl, end = from+k, from+k
	} else {
		nl = -1
	}
	if k := bytes.Index(b[from:end], marker); k >= 0 {
		return nl, from + k
	}
	return nl, -1
}
