package main

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
)

type entry struct {
	name string
	body string
	mode uint32
}

func build(t *testing.T, entries []entry) *zip.Reader {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name}
		h.SetMode(0o644)
		if e.mode != 0 {
			h.SetMode(0o755)
		}
		f, err := w.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = f.Write([]byte(e.body))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	return zr
}

func goodEntries() []entry {
	es := []entry{
		{name: root + "plugin.json", body: `{"id":"seatmeter-app","type":"app","info":{"version":"0.1.0"},"includes":[{"type":"dashboard","path":"dashboards/a.json"}]}`},
		{name: root + "module.js", body: "x"},
		{name: root + "dashboards/a.json", body: "{}"},
		{name: root + "datasource/plugin.json", body: `{"id":"seatmeter-datasource","type":"datasource","backend":true,"executable":"gpx_seatmeter","info":{"version":"0.1.0"}}`},
		{name: root + "datasource/module.js", body: "x"},
		{name: root + "panels/cost/plugin.json", body: `{"id":"seatmeter-cost-panel","type":"panel","info":{"version":"0.1.0"}}`},
		{name: root + "panels/cost/module.js", body: "x"},
		{name: root + "go_plugin_build_manifest", body: strings.Repeat("a", 64) + ":pkg/main.go\n"},
	}
	for _, p := range Platforms {
		es = append(es, entry{name: root + "datasource/gpx_seatmeter_" + p, body: "bin", mode: 1})
	}
	return es
}

func TestWellFormedZipPasses(t *testing.T) {
	if probs := Check(build(t, goodEntries())); len(probs) != 0 {
		t.Fatalf("unexpected problems: %v", probs)
	}
}

func TestEveryDefectIsReported(t *testing.T) {
	es := goodEntries()
	var bad []entry
	for _, e := range es {
		switch {
		case strings.HasSuffix(e.name, "linux_arm64"): // missing binary
		case strings.HasSuffix(e.name, "darwin_arm64"):
			e.mode = 0 // not executable
			bad = append(bad, e)
		case e.name == root+"dashboards/a.json": // included file missing
		case e.name == root+"panels/cost/plugin.json":
			e.body = `{"id":"seatmeter-cost-panel","type":"panel","info":{"version":"%VERSION%"}}`
			bad = append(bad, e)
		default:
			bad = append(bad, e)
		}
	}
	bad = append(bad, entry{name: "stray.txt", body: "x"})
	probs := strings.Join(Check(build(t, bad)), "\n")
	for _, want := range []string{
		"missing backend binary seatmeter-app/datasource/gpx_seatmeter_linux_arm64",
		"gpx_seatmeter_darwin_arm64 has mode 644",
		"includes dashboards/a.json",
		`version "%VERSION%" was not filled in`,
		"stray.txt is outside the single top-level folder",
	} {
		if !strings.Contains(probs, want) {
			t.Errorf("missing problem %q in:\n%s", want, probs)
		}
	}
}
