// Command checkzip checks the plugin zip's structure before Grafana's validator sees it: one top-level
// folder, the three plugin manifests with their ids and types, a module.js each, every backend binary at
// mode 0755 and listed with its hash in go_plugin_build_manifest, and every file plugin.json includes.
package main

import (
	"archive/zip"
	"fmt"
	"os"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: checkzip <seatmeter-app-VERSION.zip>")
		os.Exit(2)
	}
	zr, err := zip.OpenReader(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "checkzip:", err)
		os.Exit(1)
	}
	defer zr.Close()
	problems := Check(&zr.Reader)
	for _, p := range problems {
		fmt.Println("checkzip: FAIL:", p)
	}
	if len(problems) > 0 {
		os.Exit(1)
	}
	fmt.Printf("checkzip: %s OK (%d files)\n", os.Args[1], len(zr.File))
}
