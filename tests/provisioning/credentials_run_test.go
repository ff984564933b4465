package provisioning

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Runs provisioning/credentials/init.sh for real, as the `credentials` service would: in a temporary secrets
// directory, under the capabilities compose grants it (when the test runs as root), once with the host's sh and
// once with busybox's sh and busybox applets only (the image is Alpine, whose sh and tools are busybox).
// Needs Debian's apache2-utils (htpasswd) and busybox.

const credentialsScript = "provisioning/credentials/init.sh"

// busyboxApplets are the only commands the script may use besides htpasswd and shell builtins; running it with
// nothing else on PATH fails the test if it starts depending on a tool the Alpine image may not have.
var busyboxApplets = []string{"sh", "tr", "head", "ls", "grep", "id", "cat", "mktemp", "chown", "chmod", "mv", "rm", "dirname", "mkdir"}

type shellVariant struct {
	name string
	argv func(script, dir string) []string
	path string
}

func shellVariants(t *testing.T) []shellVariant {
	t.Helper()
	htpasswd := needTool(t, "htpasswd", "apache2-utils")
	busybox := needTool(t, "busybox", "busybox")
	bin := t.TempDir()
	for _, a := range busyboxApplets {
		if err := os.Symlink(busybox, filepath.Join(bin, a)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(htpasswd, filepath.Join(bin, "htpasswd")); err != nil {
		t.Fatal(err)
	}
	return []shellVariant{
		{"sh", func(script, dir string) []string { return []string{"sh", script, dir} }, os.Getenv("PATH")},
		{"busybox", func(script, dir string) []string { return []string{busybox, "sh", script, dir} }, bin},
	}
}

func needTool(t *testing.T, name, debianPackage string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not on PATH: install the Debian package %s", name, debianPackage)
	}
	return p
}

// newSecretsDir makes an empty secrets/ owned by "the person running compose": as root, a uid that is neither
// root nor Grafana's; otherwise the test's own user (who cannot give files away).
func newSecretsDir(t *testing.T) (dir string, uid, gid int) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "secrets")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	uid, gid = os.Getuid(), os.Getgid()
	if uid == 0 {
		uid, gid = 1234, 2345
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	return dir, uid, gid
}

// composeCredentials reads what the compose file gives the credentials service.
func composeCredentials(t *testing.T) (caps []string, grafanaUID, demoUser string) {
	t.Helper()
	s := service(t, loadCompose(t, nil), "credentials")
	return s.CapAdd, envOf(t, s, "GRAFANA_UID"), envOf(t, s, "OTLP_DEMO_USER")
}

func runCredentials(t *testing.T, v shellVariant, dir string, extraEnv ...string) (string, error) {
	t.Helper()
	caps, grafanaUID, demoUser := composeCredentials(t)
	if os.Getuid() != 0 {
		grafanaUID = strconv.Itoa(os.Getuid())
	}
	argv := v.argv(filepath.Join(repoRoot(t), credentialsScript), dir)
	if os.Getuid() == 0 {
		// Exactly the capabilities compose grants (cap_drop ALL, cap_add ...): root loses the rest.
		var set []string
		for _, c := range caps {
			set = append(set, "+"+strings.ToLower(c))
		}
		argv = append([]string{needTool(t, "setpriv", "util-linux"), "--bounding-set=-all," + strings.Join(set, ","), "--inh-caps=-all"}, argv...)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Env = append([]string{"PATH=" + v.path, "GRAFANA_UID=" + grafanaUID, "OTLP_DEMO_USER=" + demoUser}, extraEnv...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

type fileState struct {
	content   string
	mode      fs.FileMode
	uid, gid  int
	mtime     time.Time
	inode     uint64
	directory bool
}

// snapshot lists every entry under dir (relative paths), with what a rewrite would change.
func snapshot(t *testing.T, dir string) map[string]fileState {
	t.Helper()
	out := map[string]fileState{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		st := info.Sys().(*syscall.Stat_t)
		s := fileState{mode: info.Mode(), uid: int(st.Uid), gid: int(st.Gid), mtime: info.ModTime(), inode: st.Ino, directory: d.IsDir()}
		if !d.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			s.content = string(b)
		}
		out[rel] = s
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func files(s map[string]fileState) []string {
	var out []string
	for rel, f := range s {
		if !f.directory {
			out = append(out, rel)
		}
	}
	slices.Sort(out)
	return out
}

func (f fileState) String() string {
	return fmt.Sprintf("mode %v owner %d:%d", f.mode, f.uid, f.gid)
}
