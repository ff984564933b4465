// Package ottlsync writes the OTTL statements of provisioning/ottl/statements.yaml (the one source, which the
// OpenTelemetry Collector config loads whole) into provisioning/alloy/config.alloy, between two marker
// comments inside otelcol.processor.transform. Run it after editing the statements:
//
//	go run ./tests/provisioning/cmd/syncottl
//
// tests/provisioning fails while config.alloy is stale.
package ottlsync

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

const (
	SourcePath = "provisioning/ottl/statements.yaml"
	AlloyPath  = "provisioning/alloy/config.alloy"
	begin      = "  // BEGIN generated from " + SourcePath + " by `go run ./tests/provisioning/cmd/syncottl`; do not edit\n"
	end        = "  // END generated from " + SourcePath + "\n"
	// What the Collector's transform processor does when the source sets no error_mode; written out because
	// Alloy's own default ("ignore") differs.
	CollectorDefaultErrorMode = "propagate"
)

// Group is one metric_statements / log_statements / trace_statements entry: a YAML list item in the source,
// a block of otelcol.processor.transform in Alloy (the alloy tags let Alloy's evaluator decode into it).
type Group struct {
	Context    string   `yaml:"context" alloy:"context,attr"`
	Statements []string `yaml:"statements" alloy:"statements,attr"`
	Conditions []string `yaml:"conditions" alloy:"conditions,attr,optional"`
	ErrorMode  string   `yaml:"error_mode" alloy:"error_mode,attr,optional"`
}

// Source is the transform processor configuration the Collector loads from SourcePath. Unknown keys are an
// error: anything new must be carried to Alloy on purpose.
type Source struct {
	ErrorMode        string  `yaml:"error_mode"`
	MetricStatements []Group `yaml:"metric_statements"`
	LogStatements    []Group `yaml:"log_statements"`
	TraceStatements  []Group `yaml:"trace_statements"`
}

// Parse decodes the source strictly.
func Parse(src []byte) (Source, error) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	var s Source
	if err := dec.Decode(&s); err != nil {
		return s, fmt.Errorf("%s: %w", SourcePath, err)
	}
	if len(s.MetricStatements) == 0 && len(s.LogStatements) == 0 && len(s.TraceStatements) == 0 {
		return s, fmt.Errorf("%s: no statements", SourcePath)
	}
	return s, nil
}

// EffectiveErrorMode is the error mode the Collector runs the statements with.
func (s Source) EffectiveErrorMode() string {
	if s.ErrorMode == "" {
		return CollectorDefaultErrorMode
	}
	return s.ErrorMode
}

// Render is the Alloy text for the body of otelcol.processor.transform, markers included.
func Render(s Source) string {
	var b strings.Builder
	b.WriteString(begin)
	fmt.Fprintf(&b, "  error_mode = %s\n", strconv.Quote(s.EffectiveErrorMode()))
	for _, kind := range []struct {
		block  string
		groups []Group
	}{{"metric_statements", s.MetricStatements}, {"log_statements", s.LogStatements}, {"trace_statements", s.TraceStatements}} {
		for _, g := range kind.groups {
			fmt.Fprintf(&b, "\n  %s {\n    context    = %s\n", kind.block, strconv.Quote(g.Context))
			if g.ErrorMode != "" {
				fmt.Fprintf(&b, "    error_mode = %s\n", strconv.Quote(g.ErrorMode))
			}
			writeList(&b, "conditions", g.Conditions)
			writeList(&b, "statements", g.Statements)
			b.WriteString("  }\n")
		}
	}
	b.WriteString(end)
	return b.String()
}

func writeList(b *strings.Builder, name string, items []string) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(b, "    %s = [\n", name)
	for _, it := range items {
		fmt.Fprintf(b, "      %s,\n", strconv.Quote(it))
	}
	b.WriteString("    ]\n")
}

// Region returns the generated region of an Alloy config (markers included) and where it sits.
func Region(alloy []byte) (string, int, int, error) {
	s := string(alloy)
	i := strings.Index(s, begin)
	j := strings.Index(s, end)
	if i < 0 || j < i || strings.Count(s, begin) != 1 || strings.Count(s, end) != 1 {
		return "", 0, 0, fmt.Errorf("%s: exactly one pair of generated-region markers expected", AlloyPath)
	}
	return s[i : j+len(end)], i, j + len(end), nil
}

// Splice replaces the generated region of alloy with the rendering of src.
func Splice(alloy, src []byte) ([]byte, error) {
	s, err := Parse(src)
	if err != nil {
		return nil, err
	}
	_, i, j, err := Region(alloy)
	if err != nil {
		return nil, err
	}
	return []byte(string(alloy[:i]) + Render(s) + string(alloy[j:])), nil
}
