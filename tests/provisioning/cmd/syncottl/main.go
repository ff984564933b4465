// Command syncottl rewrites the OTTL statements in provisioning/alloy/config.alloy from
// provisioning/ottl/statements.yaml. Run from the repository root: go run ./tests/provisioning/cmd/syncottl
package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/seatmeter/seatmeter/tests/provisioning/ottlsync"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "syncottl:", err)
		os.Exit(1)
	}
}

func run() error {
	src, err := os.ReadFile(ottlsync.SourcePath)
	if err != nil {
		return fmt.Errorf("%w (run from the repository root)", err)
	}
	alloy, err := os.ReadFile(ottlsync.AlloyPath)
	if err != nil {
		return err
	}
	out, err := ottlsync.Splice(alloy, src)
	if err != nil {
		return err
	}
	if bytes.Equal(out, alloy) {
		fmt.Println(ottlsync.AlloyPath, "already up to date")
		return nil
	}
	if err := os.WriteFile(ottlsync.AlloyPath, out, 0o644); err != nil {
		return err
	}
	fmt.Println("rewrote the OTTL statements in", ottlsync.AlloyPath)
	return nil
}
