package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/seatmeter/seatmeter/tests/testbed"
)

type frameShape struct {
	Schema struct {
		Meta struct {
			Custom map[string]any `json:"custom"`
		} `json:"meta"`
		Fields []struct {
			Type   string            `json:"type"`
			Labels map[string]string `json:"labels"`
			Config struct {
				Unit string `json:"unit"`
			} `json:"config"`
		} `json:"fields"`
	} `json:"schema"`
	Data struct {
		Values [][]any `json:"values"`
	} `json:"data"`
}

func framesOf(t *testing.T, q recordedQuery) []frameShape {
	var r struct {
		Results map[string]struct {
			Frames []frameShape `json:"frames"`
		} `json:"results"`
	}
	if err := json.Unmarshal(q.Response, &r); err != nil {
		t.Fatalf("%s: %v", q.Source, err)
	}
	var out []frameShape
	for _, res := range r.Results {
		out = append(out, res.Frames...)
	}
	return out
}

func compact(raw json.RawMessage) string {
	var b bytes.Buffer
	_ = json.Compact(&b, raw)
	return b.String()
}

// shape is what the harness relies on: per frame, the label names, units and meta keys (not the values).
func shape(t *testing.T, q recordedQuery) string {
	seen := map[string]bool{}
	for _, f := range framesOf(t, q) {
		var keys []string
		for k := range f.Schema.Meta.Custom {
			keys = append(keys, k)
		}
		for _, fld := range f.Schema.Fields {
			var names []string
			for k := range fld.Labels {
				names = append(names, k)
			}
			sort.Strings(names)
			sort.Strings(keys)
			seen[fmt.Sprintf("%s %s %v meta%v", fld.Type, fld.Config.Unit, names, keys)] = true
		}
	}
	var out []string
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, "; ")
}

// Every bundled dashboard panel's query runs on the test bed through the real plugin, returns frames
// (run fails otherwise), the token totals match the simulators' ground truth, and the committed
// harness fixture still has the shape the backend gives today.
func TestDashboardQueriesOnTheTestBedAndFixtureFresh(t *testing.T) {
	root, err := testbed.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	freshPath := os.Getenv("SEATMETER_CAPTURE_OUT")
	if freshPath == "" {
		freshPath = filepath.Join(t.TempDir(), "capture.json")
	}
	fresh, err := run(root, freshPath)
	if err != nil {
		t.Fatal(err)
	}
	var committed capture
	b, err := os.ReadFile(filepath.Join(root, "tests", "browser", "fixtures", "backend-capture.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &committed); err != nil {
		t.Fatal(err)
	}
	if len(fresh.Queries) != len(committed.Queries) {
		t.Fatalf("dashboards now have %d queries, the fixture %d: run go run ./tests/browser/capture", len(fresh.Queries), len(committed.Queries))
	}
	instant := func(q recordedQuery) bool { return strings.Contains(compact(q.Query), `"instant":true`) }
	for _, q := range fresh.Queries {
		rows := 0
		for _, f := range framesOf(t, q) {
			if len(f.Data.Values) > 0 {
				rows += len(f.Data.Values[0])
			}
		}
		if rows == 0 {
			t.Errorf("%s: frames without a single row", q.Source)
		}
	}
	for i, q := range fresh.Queries {
		c := committed.Queries[i]
		if q.Source != c.Source || compact(q.Query) != compact(c.Query) {
			t.Errorf("query %d: %s %s, fixture has %s %s: run go run ./tests/browser/capture", i, q.Source, q.Query, c.Source, c.Query)
			continue
		}
		if !instant(q) {
			continue // range answers depend on where the minute steps fall; their shape is checked in use
		}
		if got, want := shape(t, q), shape(t, c); got != want {
			t.Errorf("%s: the backend now answers\n  %s\nthe fixture holds\n  %s\nrun go run ./tests/browser/capture", q.Source, got, want)
		}
	}

	checked := checkTotals(t, *fresh)
	t.Logf("%d dashboard queries answered with rows; %d of them held to the ground truth (tokens and costs exactly, instant and range; active developers counted per bucket)", len(fresh.Queries), checked)
}
