// Command validatorreport reads plugincheck2's JSON output, prints every finding above "ok", and exits 1
// when any finding is error-level.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
)

type diagnostic struct {
	Severity string `json:"Severity"`
	Title    string `json:"Title"`
	Detail   string `json:"Detail"`
	Name     string `json:"Name"`
}

type report struct {
	ID          string                  `json:"id"`
	Version     string                  `json:"version"`
	Diagnostics map[string][]diagnostic `json:"plugin-validator"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: validatorreport <plugincheck2 json output>")
		os.Exit(2)
	}
	raw, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "validatorreport:", err)
		os.Exit(1)
	}
	var r report
	if err := json.Unmarshal(raw, &r); err != nil {
		fmt.Fprintf(os.Stderr, "validatorreport: plugincheck2 output is not JSON (%v):\n%s\n", err, raw)
		os.Exit(1)
	}
	errs, counts := summarize(r)
	fmt.Printf("plugincheck2 %s %s: %d error, %d warning, %d recommendation\n",
		r.ID, r.Version, counts["error"], counts["warning"], counts["recommendation"])
	if errs > 0 {
		os.Exit(1)
	}
}

func summarize(r report) (int, map[string]int) {
	counts := map[string]int{}
	analyzers := make([]string, 0, len(r.Diagnostics))
	for a := range r.Diagnostics {
		analyzers = append(analyzers, a)
	}
	sort.Strings(analyzers)
	for _, a := range analyzers {
		for _, d := range r.Diagnostics[a] {
			counts[d.Severity]++
			if d.Severity != "ok" {
				fmt.Printf("  %s [%s/%s] %s — %s\n", d.Severity, a, d.Name, d.Title, d.Detail)
			}
		}
	}
	return counts["error"], counts
}
