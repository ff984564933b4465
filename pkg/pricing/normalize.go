package pricing

import (
	"regexp"
	"strings"
)

// SyntheticModel marks Claude Code's local error / limit rows: no billable usage.
const SyntheticModel = "<synthetic>"

// Same steps, same order as src/shared/pricing/normalize.ts.
var stripSteps = []*regexp.Regexp{
	regexp.MustCompile(`^(\[[^\]]*\]\s*)+`),                    // "[pi] claude-..." style prefixes
	regexp.MustCompile(`\s*\[[^\]]*\]$`),                       // "claude-opus-4-6[1m]" style suffixes
	regexp.MustCompile(`^.*/`),                                 // "anthropic/claude-...": keep the last path segment
	regexp.MustCompile(`^([a-z0-9-]+\.)*(anthropic|openai)\.`), // Bedrock "us.anthropic.claude-..."
	regexp.MustCompile(`@.*$`),                                 // Vertex "claude-sonnet-4-5@20250929"
	regexp.MustCompile(`-v\d+(:\d+)?$`),                        // Bedrock "-v1:0"
	regexp.MustCompile(`:\d+$`),                                // Bedrock ":0"
}

var (
	dateSuffix   = regexp.MustCompile(`-(\d{8}|\d{4}-\d{2}-\d{2})$`)
	latestSuffix = regexp.MustCompile(`-latest$`)
)

// NormalizeModelID lower-cases a raw id and removes provider decoration (a date or -latest suffix may remain).
func NormalizeModelID(raw string) string {
	s := strings.ToLower(strings.TrimSpace(raw))
	for _, re := range stripSteps {
		s = re.ReplaceAllString(s, "")
	}
	return s
}

// modelIDCandidates lists ids to look up, most specific first.
func modelIDCandidates(raw string) []string {
	first := NormalizeModelID(raw)
	undated := dateSuffix.ReplaceAllString(first, "")
	unlatest := latestSuffix.ReplaceAllString(undated, "")
	var out []string
	for _, s := range []string{first, undated, unlatest} {
		if s != "" && (len(out) == 0 || out[len(out)-1] != s) {
			out = append(out, s)
		}
	}
	return out
}

// IsSynthetic reports Claude Code's "<synthetic>" model.
func IsSynthetic(raw string) bool {
	return strings.ToLower(strings.TrimSpace(raw)) == SyntheticModel
}
