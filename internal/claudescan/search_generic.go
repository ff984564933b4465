//go:build !(goexperiment.simd && amd64)

package claudescan

import "bytes"

func indexMarker(b []byte) int    { return bytes.Index(b, marker) }
func indexLineStart(b []byte) int { return bytes.Index(b, lineStart) }
