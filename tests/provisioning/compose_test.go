package provisioning

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/distribution/reference"
)

func TestComposeFileIsValidAgainstTheComposeSpecification(t *testing.T) {
	p := loadCompose(t, nil)
	want := []string{"alloy", "credentials", "grafana", "loki", "mimir", "simulator"}
	if got := p.ServiceNames(); !slices.Equal(sortedCopy(got), want) {
		t.Fatalf("services = %v, want %v", got, want)
	}
	// The loader's schema validation is live: a key the specification does not know must fail.
	bad := bytes.Replace(readRepoFile(t, "docker-compose.yaml"), []byte("    restart: unless-stopped\n"),
		[]byte("    restart: unless-stopped\n    restart_policy: always\n"), 1)
	if _, err := loadComposeBytes(t, bad, nil); err == nil || !strings.Contains(err.Error(), "restart_policy") {
		t.Fatalf("an unknown service key was accepted (err=%v): schema validation is not running", err)
	}
}

func TestOptionalServicesAreBehindProfiles(t *testing.T) {
	p := loadCompose(t, nil)
	for name, profile := range map[string]string{"loki": "loki", "simulator": "demo"} {
		if got := service(t, p, name).Profiles; !slices.Equal(got, []string{profile}) {
			t.Errorf("%s profiles = %v, want [%s]", name, got, profile)
		}
	}
	for _, name := range []string{"credentials", "grafana", "alloy", "mimir"} {
		if got := service(t, p, name).Profiles; len(got) != 0 {
			t.Errorf("%s must start by default, has profiles %v", name, got)
		}
	}
}

// Every image is a pinned, versioned tag: never latest, never untagged.
func TestEveryImageTagIsPinned(t *testing.T) {
	p := loadCompose(t, nil)
	for _, s := range p.Services {
		if s.Build != nil {
			if s.Image != "" {
				t.Errorf("%s: both build and image; a built service must not name a pullable image", s.Name)
			}
			continue
		}
		assertPinned(t, "service "+s.Name, s.Image)
	}
	for _, from := range dockerfileFroms(t) {
		if from.stageRef {
			continue
		}
		assertPinned(t, "Dockerfile FROM", from.image)
	}
}

func assertPinned(t *testing.T, where, image string) {
	t.Helper()
	if problem := pinProblem(image); problem != "" {
		t.Errorf("%s: image %q %s", where, image, problem)
	}
}

// pinProblem says why image is not pinned to a version ("" when it is).
func pinProblem(image string) string {
	ref, err := reference.ParseNormalizedNamed(image)
	if err != nil {
		return err.Error()
	}
	if _, digested := ref.(reference.Digested); digested {
		return ""
	}
	tagged, ok := ref.(reference.Tagged)
	if !ok {
		return "has no tag"
	}
	tag := tagged.Tag()
	if tag == "latest" || !regexp.MustCompile(`\d+\.\d+`).MatchString(tag) {
		return "is not pinned to a version (tag " + tag + ")"
	}
	return ""
}

func TestPinProblemRejectsFloatingTags(t *testing.T) {
	for _, image := range []string{"grafana/alloy", "grafana/alloy:latest", "grafana/mimir:main", "node:20", "node:lts"} {
		if pinProblem(image) == "" {
			t.Errorf("%q was accepted as pinned", image)
		}
	}
	if p := pinProblem("grafana/alloy:v1.19.0"); p != "" {
		t.Errorf("grafana/alloy:v1.19.0 rejected: %s", p)
	}
}

// Every host path compose mounts or builds from exists in the repository.
func TestEveryMountedHostPathExists(t *testing.T) {
	root := repoRoot(t)
	p := loadCompose(t, nil)
	binds := 0
	for _, s := range p.Services {
		for _, v := range s.Volumes {
			switch v.Type {
			case types.VolumeTypeBind:
				binds++
				assertInRepoAndExists(t, root, s.Name+" bind mount", v.Source)
				// The one writable bind mount: the credentials service writes secrets/ (credentials_compose_test.go).
				if !v.ReadOnly && !(s.Name == "credentials" && v.Source == filepath.Join(root, "secrets")) {
					t.Errorf("%s: bind mount %s is writable; configuration and credential mounts are read-only", s.Name, v.Source)
				}
			case types.VolumeTypeVolume:
				if _, ok := p.Volumes[v.Source]; !ok {
					t.Errorf("%s: named volume %q is not declared", s.Name, v.Source)
				}
			default:
				t.Errorf("%s: unexpected mount type %s", s.Name, v.Type)
			}
		}
		if s.Build != nil {
			assertInRepoAndExists(t, root, s.Name+" build context", s.Build.Context)
			assertInRepoAndExists(t, root, s.Name+" Dockerfile", filepath.Join(s.Build.Context, s.Build.Dockerfile))
			if !slices.Contains(dockerfileStages(t), s.Build.Target) {
				t.Errorf("%s: build target %q is not a Dockerfile stage (%v)", s.Name, s.Build.Target, dockerfileStages(t))
			}
		}
	}
	if binds < 3 {
		t.Fatalf("only %d bind mounts found; expected the Grafana, Alloy and Mimir configuration", binds)
	}
}

func assertInRepoAndExists(t *testing.T, root, what, path string) {
	t.Helper()
	rel, err := filepath.Rel(root, path)
	if err != nil || strings.HasPrefix(rel, "..") {
		t.Errorf("%s: %s is outside the repository", what, path)
		return
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("%s: %s does not exist", what, rel)
	}
}

func sortedCopy(in []string) []string {
	out := slices.Clone(in)
	slices.Sort(out)
	return out
}
