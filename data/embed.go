// Package data embeds the shared data files (metric catalog, price dataset, golden cost vectors)
// so the Go backend reads exactly what the TypeScript side imports.
package data

import "embed"

// FS holds every JSON data file in this folder.
//
//go:embed *.json
var FS embed.FS
