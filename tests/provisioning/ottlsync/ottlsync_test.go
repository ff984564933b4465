package ottlsync

import (
	"strings"
	"testing"
)

const alloyDoc = `otelcol.processor.transform "x" {
` + begin + `  stale = true
` + end + `
  output {}
}
`

func TestSpliceRewritesOnlyTheGeneratedRegion(t *testing.T) {
	src := []byte(`error_mode: ignore
metric_statements:
  - context: datapoint
    conditions: ['metric.name == "a"']
    statements:
      - delete_key(attributes, "session.id")
`)
	out, err := Splice([]byte(alloyDoc), src)
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	for _, want := range []string{
		`otelcol.processor.transform "x" {` + "\n" + begin,
		`  error_mode = "ignore"`,
		`    context    = "datapoint"`,
		`      "metric.name == \"a\"",`,
		`      "delete_key(attributes, \"session.id\")",`,
		end + "\n  output {}\n}\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("spliced config lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "stale") {
		t.Error("the old region survived")
	}
	again, err := Splice(out, src)
	if err != nil || string(again) != got {
		t.Errorf("splicing twice changed the file (err=%v)", err)
	}
}

func TestParseRejectsWhatAlloyWouldNotCarry(t *testing.T) {
	for name, src := range map[string]string{
		"unknown key":   "metric_statements: []\nflatten_data: true\n",
		"no statements": "log_statements: []\n",
		"not yaml":      "metric_statements: [",
	} {
		if _, err := Parse([]byte(src)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if s, err := Parse([]byte("log_statements:\n  - context: log\n    statements: [x]\n")); err != nil || s.EffectiveErrorMode() != CollectorDefaultErrorMode {
		t.Errorf("no error_mode: got %q, %v; want the Collector default", s.EffectiveErrorMode(), err)
	}
}

func TestRegionNeedsExactlyOnePairOfMarkers(t *testing.T) {
	for name, doc := range map[string]string{
		"none":     "otelcol.processor.transform \"x\" {}\n",
		"reversed": end + begin,
		"twice":    alloyDoc + alloyDoc,
	} {
		if _, _, _, err := Region([]byte(doc)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
