package provisioning

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The deployable surface: everything an operator copies or mounts. Scanned as git would commit it
// (tracked plus untracked-but-not-ignored files), so real secrets/ files on a developer's machine are skipped.
var deployable = []string{"docker-compose.yaml", "Dockerfile", ".dockerignore", ".env.example", "provisioning", "secrets", "docs/run.md"}

var secretPatterns = []struct {
	what string
	re   *regexp.Regexp
}{
	{"bcrypt/htpasswd hash", regexp.MustCompile(`\$2[aby]?\$\d\d\$[./A-Za-z0-9]{53}|\$apr1\$[./A-Za-z0-9]{1,8}\$|\{SHA\}[A-Za-z0-9+/]{27}=`)},
	{"private key", regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY-----`)},
	{"basic-auth credentials", regexp.MustCompile(`\bBasic\s+[A-Za-z0-9+/]{12,}={0,2}`)},
	{"bearer token", regexp.MustCompile(`\bBearer\s+[A-Za-z0-9._~+/-]{20,}`)},
	{"password-like assignment", regexp.MustCompile(`(?i)["']?\b[a-z0-9_.]*(?:password|passwd|secret|token|api_?key)[a-z0-9_.]*["']?\s*[:=]\s*["']?([^\s"',}#]+)`)},
}

// placeholder values a password-like key may hold: references, paths and obvious placeholders.
var placeholderValue = regexp.MustCompile(`^(?:\$.*|<.*|/.*|\./.*|\{.*|\(.*|true|false|none|null|""|''|-|\*+|\.\.\.|x+)$`)

func secretFindings(path, content string) []string {
	var out []string
	for i, line := range strings.Split(content, "\n") {
		for _, p := range secretPatterns {
			for _, m := range p.re.FindAllStringSubmatch(line, -1) {
				if len(m) > 1 && placeholderValue.MatchString(m[1]) {
					continue
				}
				out = append(out, path+":"+strconv.Itoa(i+1)+": "+p.what+": "+strings.TrimSpace(line))
			}
		}
	}
	return out
}

func TestNoSecretIsCommitted(t *testing.T) {
	root := repoRoot(t)
	cmd := exec.Command("git", append([]string{"ls-files", "--cached", "--others", "--exclude-standard", "--"}, deployable...)...)
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	files := strings.Fields(string(out))
	if len(files) < 8 {
		t.Fatalf("only %d deployable files found: %v", len(files), files)
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(root, f))
		if os.IsNotExist(err) {
			continue // deleted in the working tree
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, finding := range secretFindings(f, string(b)) {
			t.Error(finding)
		}
	}
}

func TestSecretScannerCatchesCredentialsAndSparesReferences(t *testing.T) {
	bad := []string{
		"team:$2y$05$" + strings.Repeat("a", 53),
		"  GF_SECURITY_ADMIN_PASSWORD: hunter2",
		`password = "s3cr3t-value"`,
		"authorization: Basic dGVhbTpodW50ZXIyaHVudGVyMg==",
		"-----BEGIN OPENSSH PRIVATE KEY-----",
		`"api_key": "sk-abcdef"`,
	}
	for _, line := range bad {
		if len(secretFindings("probe", line)) == 0 {
			t.Errorf("not flagged: %q", line)
		}
	}
	good := []string{
		"GF_SECURITY_ADMIN_PASSWORD__FILE: /run/secrets/grafana_admin_password",
		"httpHeaderValue1: ${SEATMETER_TENANT}",
		`password_file = "/run/secrets/x"`,
		"openssl rand -base64 24 > secrets/grafana-admin-password",
		"  basicAuthPassword: $__file{/run/secrets/mimir_password}",
		"| `password` | `secret` | docs table |",
	}
	for _, line := range good {
		if f := secretFindings("probe", line); len(f) != 0 {
			t.Errorf("false positive: %v", f)
		}
	}
}
