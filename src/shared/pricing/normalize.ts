// Model id normalisation. pkg/pricing/normalize.go applies the same steps in the same order; the shared
// vectors (data/cost-vectors.json "resolve") hold both to it.

export const SYNTHETIC_MODEL = '<synthetic>';

/** Provider/deployment decoration removed from a raw model id, in this order. */
const STRIP_STEPS: RegExp[] = [
  /^(\[[^\]]*\]\s*)+/, // "[pi] claude-..." style prefixes
  /\s*\[[^\]]*\]$/, // "claude-opus-4-6[1m]" style suffixes
  /^.*\//, // "anthropic/claude-...", "openrouter/openai/gpt-5": keep the last path segment
  /^([a-z0-9-]+\.)*(anthropic|openai)\./, // Bedrock "us.anthropic.claude-..."
  /@.*$/, // Vertex "claude-sonnet-4-5@20250929"
  /-v\d+(:\d+)?$/, // Bedrock "-v1:0"
  /:\d+$/, // Bedrock ":0"
];
const DATE_SUFFIX = /-(\d{8}|\d{4}-\d{2}-\d{2})$/;
const LATEST_SUFFIX = /-latest$/;

/** Lower-cased id without provider decoration (may still carry a date or -latest suffix). */
export function normalizeModelId(raw: string): string {
  let s = raw.trim().toLowerCase();
  for (const step of STRIP_STEPS) {
    s = s.replace(step, '');
  }
  return s;
}

/** Ids to look up, most specific first: as normalised, without a date suffix, without "-latest". */
export function modelIdCandidates(raw: string): string[] {
  const first = normalizeModelId(raw);
  const undated = first.replace(DATE_SUFFIX, '');
  const unlatest = undated.replace(LATEST_SUFFIX, '');
  return [...new Set([first, undated, unlatest])].filter((s) => s !== '');
}

export function isSynthetic(raw: string): boolean {
  return raw.trim().toLowerCase() === SYNTHETIC_MODEL;
}
