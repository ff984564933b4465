package provisioning

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// pluginID reads the id of a plugin.json in the repository (root app, nested data source, nested panel).
func pluginID(t *testing.T, rel string) string {
	t.Helper()
	var pj struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(readRepoFile(t, rel), &pj); err != nil || pj.ID == "" {
		t.Fatalf("%s: no plugin id (%v)", rel, err)
	}
	return pj.ID
}

func allPluginIDs(t *testing.T) []string {
	return []string{
		pluginID(t, "plugin.json"),
		pluginID(t, "src/datasource/plugin.json"),
		pluginID(t, "src/panels/cost/plugin.json"),
	}
}

type grafanaDatasource struct {
	Name           string            `yaml:"name"`
	UID            string            `yaml:"uid"`
	Type           string            `yaml:"type"`
	URL            string            `yaml:"url"`
	JSONData       map[string]any    `yaml:"jsonData"`
	SecureJSONData map[string]string `yaml:"secureJsonData"`
}

func grafanaDatasources(t *testing.T) map[string]grafanaDatasource {
	var f struct {
		APIVersion  int                 `yaml:"apiVersion"`
		Datasources []grafanaDatasource `yaml:"datasources"`
	}
	readYAML(t, "provisioning/grafana/datasources/datasources.yaml", &f)
	if f.APIVersion != 1 {
		t.Fatalf("datasources.yaml apiVersion = %d", f.APIVersion)
	}
	out := map[string]grafanaDatasource{}
	for _, d := range f.Datasources {
		out[d.Type] = d
	}
	return out
}

func TestGrafanaLoadsExactlyThePluginsBuiltIntoTheImage(t *testing.T) {
	g := service(t, loadCompose(t, nil), "grafana")
	allowed := strings.Split(envOf(t, g, "GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS"), ",")
	if want := allPluginIDs(t); !slices.Equal(sortedCopy(allowed), sortedCopy(want)) {
		t.Errorf("unsigned allow-list = %v, want the three plugin ids %v", allowed, want)
	}
	if v := envOf(t, g, "GF_PLUGINS_PREINSTALL_DISABLED"); v != "true" {
		t.Errorf("GF_PLUGINS_PREINSTALL_DISABLED = %q, want true (no downloads from grafana.com)", v)
	}
	if v := envOf(t, g, "GF_AUTH_ANONYMOUS_ENABLED"); v != "false" {
		t.Errorf("anonymous access must be off, GF_AUTH_ANONYMOUS_ENABLED = %q", v)
	}
	// The admin password is a file from grafana's own secrets/ directory, never a value.
	pwFile := envOf(t, g, "GF_SECURITY_ADMIN_PASSWORD__FILE")
	if host := hostPathOf(t, g, pwFile); host != "secrets/grafana/admin-password" {
		t.Errorf("GF_SECURITY_ADMIN_PASSWORD__FILE = %s is %q on the host, want secrets/grafana/admin-password", pwFile, host)
	}
	if _, ok := g.Environment["GF_SECURITY_ADMIN_PASSWORD"]; ok {
		t.Error("GF_SECURITY_ADMIN_PASSWORD is set by value")
	}
	// grafana.db on the named volume, away from the plugin directory baked into the image.
	dataPath := envOf(t, g, "GF_PATHS_DATA")
	onVolume := false
	for _, v := range g.Volumes {
		if v.Target == dataPath && v.Type == "volume" {
			onVolume = true
		}
		if strings.HasPrefix("/var/lib/grafana/plugins", v.Target) {
			t.Errorf("mount %s would hide the plugin built into the image", v.Target)
		}
	}
	if !onVolume {
		t.Errorf("GF_PATHS_DATA %s is not on a named volume", dataPath)
	}
}

func TestGrafanaProvisioningEnablesTheAppAndItsDashboards(t *testing.T) {
	appID := pluginID(t, "plugin.json")
	var apps struct {
		Apps []struct {
			Type     string `yaml:"type"`
			OrgID    int    `yaml:"org_id"`
			Disabled bool   `yaml:"disabled"`
		} `yaml:"apps"`
	}
	readYAML(t, "provisioning/grafana/plugins/apps.yaml", &apps)
	if len(apps.Apps) != 1 || apps.Apps[0].Type != appID || apps.Apps[0].Disabled || apps.Apps[0].OrgID != 1 {
		t.Errorf("apps.yaml = %+v, want %s enabled in org 1", apps.Apps, appID)
	}

	// The bundled dashboards are the app's `includes`: Grafana imports them when the app is enabled and
	// updates them with the plugin. A file provider reading the same JSON would import each uid twice.
	if _, err := os.Stat(filepath.Join(repoRoot(t), "provisioning/grafana/dashboards")); err == nil {
		t.Error("provisioning/grafana/dashboards exists: the app's includes already import the bundled dashboards")
	}
	var manifest struct {
		Includes []struct {
			Type string `json:"type"`
			Path string `json:"path"`
		} `json:"includes"`
	}
	if err := json.Unmarshal(readRepoFile(t, "plugin.json"), &manifest); err != nil {
		t.Fatal(err)
	}
	included := map[string]bool{}
	for _, inc := range manifest.Includes {
		if inc.Type == "dashboard" {
			included[inc.Path] = true
		}
	}
	files, _ := filepath.Glob(filepath.Join(repoRoot(t), "src/dashboards/*.json"))
	if len(files) == 0 {
		t.Error("no bundled dashboards under src/dashboards")
	}
	for _, f := range files {
		if rel := "dashboards/" + filepath.Base(f); !included[rel] {
			t.Errorf("plugin.json does not include %s", rel)
		}
	}
	// The build copies src/**/*.json into the plugin (create-plugin's copy rule), so src/dashboards/ lands there.
	if !strings.Contains(string(readRepoFile(t, ".config/bundler/copyFiles.ts")), "'**/*.json'") {
		t.Error("the plugin build no longer copies src/**/*.json; the included dashboards would not be in the plugin")
	}

	g := service(t, loadCompose(t, nil), "grafana")
	mounted := false
	for _, v := range g.Volumes {
		if v.Target == "/etc/grafana/provisioning" && strings.HasSuffix(v.Source, "/provisioning/grafana") {
			mounted = true
		}
	}
	if !mounted {
		t.Error("provisioning/grafana is not mounted at /etc/grafana/provisioning")
	}
}

func TestGrafanaDatasourcesReadMimirWithTheTenantHeader(t *testing.T) {
	ds := grafanaDatasources(t)
	for _, typ := range []string{"prometheus", pluginID(t, "src/datasource/plugin.json")} {
		d, ok := ds[typ]
		if !ok {
			t.Errorf("no %s data source provisioned", typ)
			continue
		}
		u, err := url.Parse(d.URL)
		if err != nil || u.Path != "/prometheus" {
			t.Errorf("%s: url %q is not Mimir's Prometheus API (/prometheus)", d.Name, d.URL)
			continue
		}
		assertMimirAddress(t, d.Name+" url", u.Host)
		if d.JSONData["httpHeaderName1"] != "X-Scope-OrgID" || d.SecureJSONData["httpHeaderValue1"] != "${SEATMETER_TENANT}" {
			t.Errorf("%s: tenant header = %v: %q, want X-Scope-OrgID: ${SEATMETER_TENANT} (value in secureJsonData)",
				d.Name, d.JSONData["httpHeaderName1"], d.SecureJSONData["httpHeaderValue1"])
		}
		if _, inJSON := d.JSONData["httpHeaderValue1"]; inJSON {
			t.Errorf("%s: header value in jsonData (stored in clear); it belongs in secureJsonData", d.Name)
		}
	}
	if d := ds[pluginID(t, "src/datasource/plugin.json")]; d.JSONData["authType"] != "none" {
		t.Errorf("seatmeter data source authType = %v; Mimir in this stack has no auth, only the tenant header", d.JSONData["authType"])
	}
}
