//go:build !(goexperiment.simd && amd64)

package claudescan

import "bytes"

func indexLineStart(b []byte) int { return bytes.Index(b, lineStart) }

func lineAndMarker(b []byte, from int) (nl, hit int) { return lineAndMarkerBytes(b, from) }
