package provisioning

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
	"gopkg.in/yaml.v3"
)

// repoRoot is the directory holding go.mod, found upwards from the test's working directory.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test directory")
		}
		dir = parent
	}
}

func readRepoFile(t *testing.T, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot(t), rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readYAML(t *testing.T, rel string, into any) {
	t.Helper()
	if err := yaml.Unmarshal(readRepoFile(t, rel), into); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
}

// allProfiles switches on every optional profile so every service is loaded and checked.
var allProfiles = []string{"loki", "demo"}

// loadCompose runs compose-go's loader (the library docker compose itself uses): schema validation against the
// Compose specification, interpolation with env (nothing from the host environment), normalisation.
func loadCompose(t *testing.T, env map[string]string) *types.Project {
	t.Helper()
	p, err := loadComposeBytes(t, readRepoFile(t, "docker-compose.yaml"), env)
	if err != nil {
		t.Fatalf("docker-compose.yaml: %v", err)
	}
	return p
}

func loadComposeBytes(t *testing.T, content []byte, env map[string]string) (*types.Project, error) {
	t.Helper()
	root := repoRoot(t)
	details := types.ConfigDetails{
		WorkingDir:  root,
		ConfigFiles: []types.ConfigFile{{Filename: filepath.Join(root, "docker-compose.yaml"), Content: content}},
		Environment: types.Mapping(env),
	}
	return loader.LoadWithContext(context.Background(), details, loader.WithProfiles(allProfiles),
		func(o *loader.Options) { o.SetProjectName("seatmeter", false) })
}

func service(t *testing.T, p *types.Project, name string) types.ServiceConfig {
	t.Helper()
	s, err := p.GetService(name)
	if err != nil {
		t.Fatalf("compose: %v", err)
	}
	return s
}

func envOf(t *testing.T, s types.ServiceConfig, key string) string {
	t.Helper()
	v, ok := s.Environment[key]
	if !ok || v == nil {
		t.Fatalf("compose: service %s has no environment %s", s.Name, key)
	}
	return *v
}

// gitIgnored says whether git's ignore rules (any .gitignore) exclude rel, tracked or not.
func gitIgnored(t *testing.T, rel string) bool {
	t.Helper()
	cmd := exec.Command("git", "check-ignore", "--no-index", "-q", rel)
	cmd.Dir = repoRoot(t)
	err := cmd.Run()
	if err == nil {
		return true
	}
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 {
		return false
	}
	t.Fatalf("git check-ignore %s: %v", rel, err)
	return false
}

func gitTracked(t *testing.T, prefix string) []string {
	t.Helper()
	cmd := exec.Command("git", "ls-files", "--", prefix)
	cmd.Dir = repoRoot(t)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git ls-files %s: %v", prefix, err)
	}
	return strings.Fields(string(out))
}
