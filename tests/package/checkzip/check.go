package main

import (
	"archive/zip"
	"bufio"
	"encoding/json"
	"fmt"
	"path"
	"strings"
)

const root = "seatmeter-app/"

// Platforms are the os_arch suffixes Grafana's SDK builds and that the zip must carry.
var Platforms = []string{"linux_amd64", "linux_arm64", "linux_arm", "darwin_amd64", "darwin_arm64", "windows_amd64.exe"}

type manifest struct {
	ID         string `json:"id"`
	Type       string `json:"type"`
	Backend    bool   `json:"backend"`
	Executable string `json:"executable"`
	Info       struct {
		Version string `json:"version"`
	} `json:"info"`
	Includes []struct {
		Type string `json:"type"`
		Path string `json:"path"`
	} `json:"includes"`
}

// Check returns every structural problem of the archive; none means it is well-formed.
func Check(zr *zip.Reader) []string {
	var out []string
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, root) {
			out = append(out, fmt.Sprintf("%s is outside the single top-level folder %s", f.Name, root))
		}
		files[f.Name] = f
	}
	want := map[string]string{"": "app", "datasource/": "datasource", "panels/cost/": "panel"}
	ids := map[string]string{"": "seatmeter-app", "datasource/": "seatmeter-datasource", "panels/cost/": "seatmeter-cost-panel"}
	for dir, typ := range want {
		var m manifest
		if err := readJSON(files, root+dir+"plugin.json", &m); err != nil {
			out = append(out, err.Error())
			continue
		}
		if m.ID != ids[dir] || m.Type != typ {
			out = append(out, fmt.Sprintf("%splugin.json: id %q type %q, want %q %q", dir, m.ID, m.Type, ids[dir], typ))
		}
		if m.Info.Version == "" || strings.Contains(m.Info.Version, "%") {
			out = append(out, fmt.Sprintf("%splugin.json: version %q was not filled in", dir, m.Info.Version))
		}
		if files[root+dir+"module.js"] == nil {
			out = append(out, "missing "+dir+"module.js")
		}
		for _, inc := range m.Includes {
			if inc.Path != "" && !strings.HasPrefix(inc.Path, "/") && files[root+dir+inc.Path] == nil {
				out = append(out, fmt.Sprintf("%splugin.json includes %s, which is not in the zip", dir, inc.Path))
			}
		}
		if m.Backend {
			out = append(out, checkBinaries(files, dir, m.Executable)...)
		}
	}
	return out
}

func checkBinaries(files map[string]*zip.File, dir, exe string) []string {
	var out []string
	for _, p := range Platforms {
		name := root + dir + exe + "_" + p
		f := files[name]
		if f == nil {
			out = append(out, "missing backend binary "+name)
			continue
		}
		if f.Mode().Perm() != 0o755 {
			out = append(out, fmt.Sprintf("%s has mode %o, want 755", name, f.Mode().Perm()))
		}
	}
	sources, err := readManifest(files)
	if err != nil {
		return append(out, err.Error())
	}
	if _, ok := sources["pkg/main.go"]; !ok {
		out = append(out, "go_plugin_build_manifest does not list the backend's source (pkg/main.go)")
	}
	return out
}

// readManifest reads the SDK's go_plugin_build_manifest: one "<sha256>:<Go source path>" per line, which
// Grafana's review uses to match the binaries to their source.
func readManifest(files map[string]*zip.File) (map[string]string, error) {
	f := files[root+"go_plugin_build_manifest"]
	if f == nil {
		return nil, fmt.Errorf("missing go_plugin_build_manifest")
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	hashes := map[string]string{}
	sc := bufio.NewScanner(rc)
	for n := 1; sc.Scan(); n++ {
		h, p, ok := strings.Cut(sc.Text(), ":")
		if !ok || len(h) != 64 {
			return nil, fmt.Errorf("go_plugin_build_manifest line %d is not <sha256>:<path>", n)
		}
		hashes[path.Clean(p)] = h
	}
	return hashes, sc.Err()
}

func readJSON(files map[string]*zip.File, name string, v any) error {
	f := files[name]
	if f == nil {
		return fmt.Errorf("missing %s", name)
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := json.NewDecoder(rc).Decode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
