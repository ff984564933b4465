package provisioning

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/distribution/reference"
)

// secretsMounts: the secrets/ subdirectory each service reads, read-only. secrets/clients (the passwords for
// people) enters no container.
var secretsMounts = map[string]string{
	"grafana":   "secrets/grafana",
	"alloy":     "secrets/alloy",
	"simulator": "secrets/demo",
}

func bindSources(t *testing.T, s types.ServiceConfig) map[string]types.ServiceVolumeConfig {
	t.Helper()
	out := map[string]types.ServiceVolumeConfig{}
	for _, v := range s.Volumes {
		if v.Type == types.VolumeTypeBind {
			rel, err := filepath.Rel(repoRoot(t), v.Source)
			if err != nil {
				t.Fatal(err)
			}
			out[filepath.ToSlash(rel)] = v
		}
	}
	return out
}

// `docker compose up` alone makes the credentials: a one-shot service every credential reader waits for.
func TestCredentialsServiceRunsFirstWithOnlyWhatItNeeds(t *testing.T) {
	p := loadCompose(t, nil)
	c := service(t, p, "credentials")
	if ref, err := reference.ParseNormalizedNamed(c.Image); err != nil || ref.Name() != "docker.io/library/httpd" {
		t.Errorf("credentials image %q: want the official httpd image (its PATH has htpasswd)", c.Image)
	}
	if c.Restart != "no" || c.NetworkMode != "none" || c.User != "" {
		t.Errorf("credentials: restart %q, network_mode %q, user %q; want a one-shot run as root with no network", c.Restart, c.NetworkMode, c.User)
	}
	// credentials_test.go runs the script under exactly these capabilities.
	if !slices.Equal(c.CapDrop, []string{"ALL"}) || !slices.Equal(sortedCopy(c.CapAdd), []string{"CHOWN", "DAC_OVERRIDE", "FOWNER"}) {
		t.Errorf("credentials: cap_drop %v cap_add %v, want ALL then CHOWN, DAC_OVERRIDE, FOWNER", c.CapDrop, c.CapAdd)
	}
	binds := bindSources(t, c)
	script, secrets := binds[credentialsScript], binds["secrets"]
	if !script.ReadOnly || script.Target == "" {
		t.Errorf("%s is not mounted read-only into credentials", credentialsScript)
	}
	if secrets.Target == "" || secrets.ReadOnly {
		t.Error("credentials does not mount secrets/ writable")
	}
	if want := []string{"/bin/sh", script.Target, secrets.Target}; !slices.Equal(c.Entrypoint, want) {
		t.Errorf("credentials entrypoint %v, want %v", c.Entrypoint, want)
	}
	if len(binds) != 2 {
		t.Errorf("credentials mounts %v; only the script and secrets/", binds)
	}

	for _, s := range p.Services {
		var mounted []string
		for rel, v := range bindSources(t, s) {
			if rel == "secrets" || strings.HasPrefix(rel, "secrets/") {
				mounted = append(mounted, rel)
				if s.Name != "credentials" && !v.ReadOnly {
					t.Errorf("%s mounts %s writable", s.Name, rel)
				}
			}
		}
		if s.Name == "credentials" {
			continue
		}
		want, reads := secretsMounts[s.Name]
		if !reads && len(mounted) > 0 || reads && !slices.Equal(mounted, []string{want}) {
			t.Errorf("%s mounts %v from secrets/, want only %q", s.Name, mounted, want)
		}
		dep, waits := s.DependsOn["credentials"]
		if reads && (!waits || dep.Condition != types.ServiceConditionCompletedSuccessfully) {
			t.Errorf("%s reads %s but does not wait for credentials to complete successfully (%+v)", s.Name, want, dep)
		}
	}
}

// The owner the script gives Grafana's file is the user the grafana image runs as.
func TestCredentialsGiveGrafanaItsFileAsTheImageUser(t *testing.T) {
	_, uid, _ := composeCredentials(t)
	users := regexp.MustCompile(`(?m)^USER\s+(\S+)\s*$`).FindAllStringSubmatch(string(readRepoFile(t, "Dockerfile")), -1)
	if len(users) == 0 {
		t.Fatal("Dockerfile has no USER line")
	}
	if last := users[len(users)-1][1]; strings.Split(last, ":")[0] != uid {
		t.Errorf("credentials GRAFANA_UID=%s, the grafana image runs as %s", uid, last)
	}
}

// Nothing under secrets/ is committed but the README, the ignore file and the mounted directories' .gitkeep;
// every credential is git-ignored and none is passed as an environment value.
func TestSecretsDirectoryCommitsNoCredential(t *testing.T) {
	want := []string{"secrets/.gitignore", "secrets/README.md", "secrets/alloy/.gitkeep", "secrets/clients/.gitkeep",
		"secrets/demo/.gitkeep", "secrets/grafana/.gitkeep"}
	if got := sortedCopy(gitTracked(t, "secrets")); !slices.Equal(got, want) {
		t.Errorf("tracked under secrets/: %v, want %v", got, want)
	}
	// Compose creates a missing bind source as a root-owned directory; a fresh clone has them all.
	for _, dir := range secretsMounts {
		if !slices.Contains(want, dir+"/.gitkeep") {
			t.Errorf("%s is mounted but not committed (no .gitkeep)", dir)
		}
	}
	for _, rel := range []string{"secrets/anything-new", "secrets/grafana/anything-new", "secrets/clients/x/.gitkeep", "secrets/new-dir/.gitkeep"} {
		if !gitIgnored(t, rel) {
			t.Errorf("%s would not be ignored by git", rel)
		}
	}
	p := loadCompose(t, nil)
	if len(p.Secrets) != 0 {
		t.Errorf("compose declares secrets %v: a missing secret file stops `docker compose up`; use the credentials service", p.Secrets)
	}
	for _, s := range p.Services {
		for k := range s.Environment {
			upper := strings.ToUpper(k)
			if strings.Contains(upper, "PASSWORD") && !strings.HasSuffix(upper, "_FILE") {
				t.Errorf("%s: %s passes a password by value; pass a file", s.Name, k)
			}
		}
	}
}
