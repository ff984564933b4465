package provisioning

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/types"
)

// wantCredentials is what the first start creates under secrets/, with its mode and who owns it: "grafana"
// (Grafana's uid, the person's group) or "person" (whoever owns secrets/, i.e. ran compose).
var wantCredentials = map[string]struct {
	mode  fs.FileMode
	owner string
}{
	"grafana/admin-password":     {0o440, "grafana"},
	"alloy/otlp.htpasswd":        {0o644, "person"},
	"clients/otlp-team-password": {0o600, "person"},
	"demo/otlp-demo-password":    {0o600, "person"},
}

var (
	generatedPassword = regexp.MustCompile(`^[A-Za-z0-9]{32}$`)
	bcryptEntry       = regexp.MustCompile(`^([^:]+):(\$2y\$\d\d\$[./A-Za-z0-9]{53})$`)
)

// expectedGrafanaUID: compose's GRAFANA_UID when the test can give files away (root), else the test's uid.
func expectedGrafanaUID(t *testing.T) int {
	if os.Getuid() != 0 {
		return os.Getuid()
	}
	_, uid, _ := composeCredentials(t)
	return atoi(t, uid)
}

func readSecret(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// htpasswdVerifies asks Apache's own htpasswd whether password is user's in file.
func htpasswdVerifies(t *testing.T, file, user, password string) bool {
	t.Helper()
	err := exec.Command(needTool(t, "htpasswd", "apache2-utils"), "-vb", file, user, password).Run()
	if _, isExit := err.(*exec.ExitError); err != nil && !isExit {
		t.Fatal(err)
	}
	return err == nil
}

func assertNoSecretIn(t *testing.T, output string, secrets ...string) {
	t.Helper()
	if strings.Contains(output, "$2y$") {
		t.Errorf("output shows a bcrypt hash:\n%s", output)
	}
	for _, s := range secrets {
		if s = strings.TrimSpace(s); s != "" && strings.Contains(output, s) {
			t.Errorf("output shows a secret:\n%s", output)
		}
	}
}

func TestCredentialsFirstStartCreatesEveryMissingFile(t *testing.T) {
	_, _, demoUser := composeCredentials(t)
	for _, v := range shellVariants(t) {
		t.Run(v.name, func(t *testing.T) {
			dir, uid, gid := newSecretsDir(t)
			out, err := runCredentials(t, v, dir)
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			snap := snapshot(t, dir)
			var want []string
			for rel := range wantCredentials {
				want = append(want, rel)
			}
			slices.Sort(want)
			if got := files(snap); !slices.Equal(got, want) {
				t.Fatalf("files = %v, want exactly %v (no temporary files left)", got, want)
			}
			for rel, w := range wantCredentials {
				f := snap[rel]
				wantUID := uid
				if w.owner == "grafana" {
					wantUID = expectedGrafanaUID(t)
				}
				if f.mode.Perm() != w.mode || f.uid != wantUID || f.gid != gid {
					t.Errorf("%s: %v, want mode %v owner %d:%d", rel, f, w.mode, wantUID, gid)
				}
				if !gitIgnored(t, "secrets/"+rel) {
					t.Errorf("secrets/%s would not be ignored by git", rel)
				}
				if !strings.Contains(out, "created secrets/"+rel+"\n") {
					t.Errorf("output does not name secrets/%s:\n%s", rel, out)
				}
			}
			if top := snap["."]; top.mode.Perm() != 0o700 || top.uid != uid {
				t.Errorf("secrets/ is %v, want 0700 owned by %d", top, uid)
			}
			for _, sub := range []string{"grafana", "alloy", "clients", "demo"} {
				if d := snap[sub]; d.mode.Perm() != 0o755 || d.uid != uid || d.gid != gid {
					t.Errorf("secrets/%s is %v, want 0755 owned by %d:%d", sub, d, uid, gid)
				}
			}

			passwords := map[string]string{}
			for _, rel := range []string{"grafana/admin-password", "clients/otlp-team-password", "demo/otlp-demo-password"} {
				pw := readSecret(t, dir, rel)
				if !generatedPassword.MatchString(pw) {
					t.Errorf("%s: %d characters, want 32 of [A-Za-z0-9] and no newline", rel, len(pw))
				}
				passwords[rel] = pw
			}
			distinct := map[string]bool{}
			for _, pw := range passwords {
				distinct[pw] = true
			}
			if len(distinct) != len(passwords) {
				t.Error("two generated passwords are equal")
			}

			htpasswd := filepath.Join(dir, "alloy/otlp.htpasswd")
			var users []string
			hashes := []string{}
			for _, line := range strings.Split(strings.TrimSuffix(readSecret(t, dir, "alloy/otlp.htpasswd"), "\n"), "\n") {
				m := bcryptEntry.FindStringSubmatch(line)
				if m == nil {
					t.Fatalf("alloy/otlp.htpasswd: line is not user:bcrypt (%d characters)", len(line))
				}
				users = append(users, m[1])
				hashes = append(hashes, m[2])
			}
			if !slices.Equal(users, []string{"team", demoUser}) {
				t.Errorf("htpasswd users = %v, want team and %s", users, demoUser)
			}
			for user, rel := range map[string]string{"team": "clients/otlp-team-password", demoUser: "demo/otlp-demo-password"} {
				if !htpasswdVerifies(t, htpasswd, user, passwords[rel]) {
					t.Errorf("htpasswd -vb: %s's entry does not verify with %s", user, rel)
				}
			}
			if htpasswdVerifies(t, htpasswd, "team", passwords["demo/otlp-demo-password"]) {
				t.Error("team's entry verifies with the demo password: the check is not discriminating")
			}
			for _, pw := range passwords {
				hashes = append(hashes, pw)
			}
			assertNoSecretIn(t, out, hashes...)
		})
	}
}

func TestCredentialsSecondStartChangesNothing(t *testing.T) {
	for _, v := range shellVariants(t) {
		t.Run(v.name, func(t *testing.T) {
			dir, _, _ := newSecretsDir(t)
			if out, err := runCredentials(t, v, dir); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			before := snapshot(t, dir)
			out, err := runCredentials(t, v, dir)
			if err != nil {
				t.Fatalf("second run: %v\n%s", err, out)
			}
			after := snapshot(t, dir)
			for rel, b := range before {
				if a, ok := after[rel]; !ok || !reflect.DeepEqual(a, b) {
					t.Errorf("secrets/%s changed on the second run (%v -> %v)", rel, b, a)
				}
			}
			if len(after) != len(before) {
				t.Errorf("second run left %v, first %v", files(after), files(before))
			}
			if strings.Contains(out, "created secrets/") || !strings.Contains(out, "nothing created") {
				t.Errorf("second run output:\n%s", out)
			}
			var secrets []string
			for _, f := range before {
				secrets = append(secrets, strings.Split(f.content, "\n")...)
			}
			assertNoSecretIn(t, out, secrets...)
		})
	}
}

func writeOperatorFile(t *testing.T, dir, rel, content string, uid, gid int) {
	t.Helper()
	p := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(p, uid, gid); err != nil {
		t.Fatal(err)
	}
}

// Operators who want their own credentials write the plain files before the first start.
func TestCredentialsKeepWhatTheOperatorProvided(t *testing.T) {
	const adminPW, teamPW = "operator admin pass\n", "operator team pass\n"
	for _, v := range shellVariants(t) {
		t.Run(v.name, func(t *testing.T) {
			dir, uid, gid := newSecretsDir(t)
			writeOperatorFile(t, dir, "grafana/admin-password", adminPW, uid, gid)
			writeOperatorFile(t, dir, "clients/otlp-team-password", teamPW, uid, gid)
			out, err := runCredentials(t, v, dir)
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			snap := snapshot(t, dir)
			if snap["grafana/admin-password"].content != adminPW || snap["clients/otlp-team-password"].content != teamPW {
				t.Fatal("an operator's file was rewritten")
			}
			// Only ownership and mode change, so that Grafana can read the operator's file.
			admin := snap["grafana/admin-password"]
			wantMode := fs.FileMode(0o440)
			if expectedGrafanaUID(t) == uid {
				wantMode = 0o600 // already Grafana's (a non-root test): left alone
			}
			if admin.uid != expectedGrafanaUID(t) || admin.mode.Perm() != wantMode {
				t.Errorf("grafana/admin-password is %v, want owner %d mode %v", admin, expectedGrafanaUID(t), wantMode)
			}
			if strings.Contains(out, "created secrets/grafana/admin-password") || strings.Contains(out, "created secrets/clients/otlp-team-password") {
				t.Errorf("output claims to have created an operator's file:\n%s", out)
			}
			htpasswd := filepath.Join(dir, "alloy/otlp.htpasswd")
			if !htpasswdVerifies(t, htpasswd, "team", strings.TrimSuffix(teamPW, "\n")) {
				t.Error("the team entry does not verify with the operator's password (trailing newline not ignored?)")
			}
			if !generatedPassword.MatchString(snap["demo/otlp-demo-password"].content) {
				t.Error("the missing demo password was not generated")
			}
			assertNoSecretIn(t, out, adminPW, teamPW, snap["demo/otlp-demo-password"].content)
		})
	}
}

// No empty credential: an empty file stops the stack with its name, before anything is derived from it.
func TestCredentialsRefuseAnEmptyFile(t *testing.T) {
	v := shellVariants(t)[1]
	for _, rel := range []string{"grafana/admin-password", "clients/otlp-team-password", "demo/otlp-demo-password"} {
		dir, uid, gid := newSecretsDir(t)
		writeOperatorFile(t, dir, rel, " \n", uid, gid)
		out, err := runCredentials(t, v, dir)
		if err == nil || !strings.Contains(out, "secrets/"+rel+" is empty") {
			t.Errorf("empty %s: err=%v, output:\n%s", rel, err, out)
		}
		if _, err := os.Stat(filepath.Join(dir, "alloy/otlp.htpasswd")); err == nil {
			t.Errorf("empty %s: an htpasswd file was still created", rel)
		}
	}
}

// An htpasswd file that exists is the operator's: no client password is invented that it could not contain, and
// a client password that does not match it is reported by name, not value.
func TestCredentialsReportMismatchesWithAnExistingHtpasswd(t *testing.T) {
	v := shellVariants(t)[1]
	dir, uid, gid := newSecretsDir(t)
	if out, err := runCredentials(t, v, dir); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	htpasswdBefore := readSecret(t, dir, "alloy/otlp.htpasswd")
	if err := os.Remove(filepath.Join(dir, "demo/otlp-demo-password")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "clients/otlp-team-password")); err != nil {
		t.Fatal(err)
	}
	const changed = "a password that is not in the htpasswd file"
	writeOperatorFile(t, dir, "clients/otlp-team-password", changed, uid, gid)

	out, err := runCredentials(t, v, dir)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "demo/otlp-demo-password")); !os.IsNotExist(err) {
		t.Error("a demo password was invented although the existing htpasswd file cannot contain it")
	}
	if readSecret(t, dir, "alloy/otlp.htpasswd") != htpasswdBefore {
		t.Error("the existing htpasswd file was changed")
	}
	for _, want := range []string{
		"secrets/demo/otlp-demo-password not created",
		"secrets/clients/otlp-team-password does not match the team entry of secrets/alloy/otlp.htpasswd",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	assertNoSecretIn(t, out, changed, readSecret(t, dir, "grafana/admin-password"))
}

// The services read the files the script creates, each through its own read-only directory mount.
func TestServicesReadTheGeneratedCredentials(t *testing.T) {
	dir, _, _ := newSecretsDir(t)
	if out, err := runCredentials(t, shellVariants(t)[0], dir); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	p := loadCompose(t, nil)
	alloyFile := ""
	_, auth := one[*authBasicArgs](t, loadAlloy(t, nil), "otelcol.auth.basic")
	if auth.Htpasswd != nil {
		alloyFile = auth.Htpasswd.File
	}
	for _, c := range []struct{ svc, containerPath, want string }{
		{"grafana", envOf(t, service(t, p, "grafana"), "GF_SECURITY_ADMIN_PASSWORD__FILE"), "grafana/admin-password"},
		{"alloy", alloyFile, "alloy/otlp.htpasswd"},
		{"simulator", envOf(t, service(t, p, "simulator"), "SEATMETER_OTLP_PASSWORD_FILE"), "demo/otlp-demo-password"},
	} {
		host := hostPathOf(t, service(t, p, c.svc), c.containerPath)
		if host != "secrets/"+c.want {
			t.Errorf("%s reads %s, which is %s on the host; want secrets/%s", c.svc, c.containerPath, host, c.want)
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, c.want)); err != nil {
			t.Errorf("%s reads secrets/%s, which the credentials script does not create", c.svc, c.want)
		}
	}
}

// hostPathOf maps a file a container reads to its repository-relative host path through the service's bind
// mounts ("" when no bind mount holds it).
func hostPathOf(t *testing.T, s types.ServiceConfig, containerPath string) string {
	t.Helper()
	for _, v := range s.Volumes {
		if v.Type != types.VolumeTypeBind {
			continue
		}
		if rest, ok := strings.CutPrefix(containerPath, v.Target+"/"); ok {
			rel, err := filepath.Rel(repoRoot(t), filepath.Join(v.Source, rest))
			if err != nil {
				t.Fatal(err)
			}
			return filepath.ToSlash(rel)
		}
	}
	return ""
}
