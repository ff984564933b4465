import { crypto } from '../builtins';
import { PricedRecord } from '../report/aggregate';

/**
 * Usage-only rollups for pushing: cumulative totals by agent, user, model, canonical token type and project.
 * Nothing else leaves the machine — no prompt, response, file path, command, session or branch — and project
 * names are hashed unless aliased or explicitly sent plain.
 */
export interface RollupPoint {
  attributes: Record<string, string>;
  value: number;
}

export interface Rollup {
  tokens: RollupPoint[];
  costUSD: RollupPoint[];
}

export interface ProjectNaming {
  mode: 'hash' | 'plain';
  aliases: Record<string, string>;
}

export function projectLabel(project: string, naming: ProjectNaming): string {
  const alias = naming.aliases[project];
  if (alias !== undefined) {
    return alias;
  }
  if (naming.mode === 'plain') {
    return project;
  }
  return 'p-' + crypto().createHash('sha256').update(project).digest('hex').slice(0, 12);
}

// Canonical token types (data/catalog.json tokenTypes); cache writes keep their TTL as an extra attribute.
const TYPE_FIELDS = [
  ['input', 'input', ''],
  ['output', 'output', ''],
  ['cacheRead', 'cache_read', ''],
  ['cacheWrite5m', 'cache_write', '5m'],
  ['cacheWrite1h', 'cache_write', '1h'],
  ['cacheWriteUnknown', 'cache_write', 'unknown'],
] as const;

export function buildRollup(priced: PricedRecord[], naming: ProjectNaming, sourceLabelValue: string): Rollup {
  const tokens = new Map<string, RollupPoint>();
  const cost = new Map<string, RollupPoint>();
  const add = (m: Map<string, RollupPoint>, attributes: Record<string, string>, v: number) => {
    const key = JSON.stringify(attributes);
    const p = m.get(key);
    if (p) {
      p.value += v;
    } else {
      m.set(key, { attributes, value: v });
    }
  };
  const projects = new Map<string, string>();
  for (const p of priced) {
    const r = p.rec;
    let project = projects.get(r.project);
    if (project === undefined) {
      project = projectLabel(r.project, naming);
      projects.set(r.project, project);
    }
    const base = { source: sourceLabelValue, agent: r.agent, user: r.user, model: r.model, project };
    for (const [field, type, ttl] of TYPE_FIELDS) {
      const v = r.tokens[field];
      if (v > 0) {
        add(tokens, ttl ? { ...base, type, cache_ttl: ttl } : { ...base, type }, v);
      }
    }
    if (p.priced) {
      add(cost, base, p.cost);
    }
  }
  const sorted = (m: Map<string, RollupPoint>) =>
    [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map((e) => e[1]);
  return { tokens: sorted(tokens), costUSD: sorted(cost) };
}
