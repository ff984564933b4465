package provisioning

import (
	"regexp"
	"strings"
	"testing"
)

var composeVarRe = regexp.MustCompile(`\$\{([A-Z][A-Z0-9_]*)(?::?-([^}]*))?\}`)

// Every variable docker-compose.yaml reads is documented in .env.example with the same default.
func TestEnvExampleDocumentsEveryComposeVariableWithItsDefault(t *testing.T) {
	example := map[string]string{}
	for _, line := range strings.Split(string(readRepoFile(t, ".env.example")), "\n") {
		line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "#"))
		if k, v, ok := strings.Cut(line, "="); ok && regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`).MatchString(k) {
			example[k] = v
		}
	}
	found := 0
	for _, m := range composeVarRe.FindAllStringSubmatch(string(readRepoFile(t, "docker-compose.yaml")), -1) {
		found++
		v, ok := example[m[1]]
		if !ok {
			t.Errorf(".env.example does not document %s", m[1])
			continue
		}
		if v != m[2] {
			t.Errorf(".env.example: %s=%s, docker-compose.yaml defaults it to %q", m[1], v, m[2])
		}
	}
	if found < 5 {
		t.Fatalf("only %d variables found in docker-compose.yaml; the pattern is broken", found)
	}
}

// docs/run.md names the images that actually run.
func TestRunDocNamesTheShippedImages(t *testing.T) {
	doc := string(readRepoFile(t, "docs/run.md"))
	images := []string{}
	for _, s := range loadCompose(t, nil).Services {
		if s.Image != "" {
			images = append(images, s.Image)
		}
	}
	froms := dockerfileFroms(t)
	images = append(images, froms[len(froms)-1].image)
	for _, img := range images {
		if !strings.Contains(doc, "`"+img+"`") {
			t.Errorf("docs/run.md does not name %s", img)
		}
	}
}
