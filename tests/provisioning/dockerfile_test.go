package provisioning

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

type fromLine struct {
	image, stage string
	stageRef     bool // FROM <earlier stage>
}

var fromRe = regexp.MustCompile(`(?im)^FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?\s*$`)

func dockerfileFroms(t *testing.T) []fromLine {
	t.Helper()
	var out []fromLine
	stages := map[string]bool{}
	for _, m := range fromRe.FindAllStringSubmatch(string(readRepoFile(t, "Dockerfile")), -1) {
		f := fromLine{image: m[1], stage: m[2], stageRef: stages[m[1]]}
		stages[m[2]] = true
		out = append(out, f)
	}
	if len(out) == 0 {
		t.Fatal("Dockerfile has no FROM line")
	}
	return out
}

func dockerfileStages(t *testing.T) []string {
	var out []string
	for _, f := range dockerfileFroms(t) {
		out = append(out, f.stage)
	}
	return out
}

func TestDockerfileBuildsThePluginIntoAnOSSGrafanaImage(t *testing.T) {
	df := string(readRepoFile(t, "Dockerfile"))
	froms := dockerfileFroms(t)
	final := froms[len(froms)-1]
	if final.stage != "grafana" {
		t.Errorf("the last (default) stage is %q, want the grafana image", final.stage)
	}
	// OSS image of a release line >= 12.3 (the plugin's grafanaDependency).
	m := regexp.MustCompile(`^grafana/grafana(?:-oss)?:(\d+)\.(\d+)\.\d+$`).FindStringSubmatch(final.image)
	if m == nil {
		t.Fatalf("final image %q is not grafana/grafana or grafana/grafana-oss at a x.y.z tag", final.image)
	}
	if major, minor := atoi(t, m[1]), atoi(t, m[2]); major < 12 || (major == 12 && minor < 3) {
		t.Errorf("Grafana %s.%s is older than the 12.3 line", m[1], m[2])
	}
	for _, want := range []string{
		"npm ci", "npm run build",
		"go run github.com/magefile/mage -v \"$target\"", "build:linux", "build:linuxARM64",
		"/var/lib/grafana/plugins/" + pluginID(t, "plugin.json") + "/",
	} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
	// The go stage checks for the binary under the name the nested data source's plugin.json gives Grafana.
	var ds struct {
		Executable string `json:"executable"`
	}
	if err := json.Unmarshal(readRepoFile(t, "src/datasource/plugin.json"), &ds); err != nil || ds.Executable == "" {
		t.Fatalf("src/datasource/plugin.json: no executable (%v)", err)
	}
	if !strings.Contains(df, "dist/datasource/"+ds.Executable+"_linux_") {
		t.Errorf("Dockerfile does not check for dist/datasource/%s_linux_*", ds.Executable)
	}
	// The SDK's mage build names the targets the Dockerfile calls.
	mage := string(readRepoFile(t, "Magefile.go"))
	if !strings.Contains(mage, `build "github.com/grafana/grafana-plugin-sdk-go/build"`) {
		t.Error("Magefile.go no longer imports the SDK build namespace the Dockerfile's build:linux target needs")
	}
}

func TestDockerignoreKeepsSecretsAndHostBuildsOut(t *testing.T) {
	lines := strings.Fields(string(readRepoFile(t, ".dockerignore")))
	for _, want := range []string{"secrets", ".env", "node_modules", "dist", ".git"} {
		found := false
		for _, l := range lines {
			if strings.TrimPrefix(strings.TrimSuffix(l, "/"), "/") == want {
				found = true
			}
		}
		if !found {
			t.Errorf(".dockerignore does not exclude %s", want)
		}
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
