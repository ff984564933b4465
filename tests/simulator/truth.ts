// Ground truth: what the simulators sent, per (agent, user, model, canonical type), normalised with the
// catalog's typeMap/subsetOf rules exactly as the stores must be read.
import { metric, CatalogMetric } from './catalog';
import { PlannedEvent, CONTENT_MARKER } from './plan';

export interface TruthTotal {
  agent: string;
  user: string;
  model: string;
  type: string;
  tokens: number;
}

export interface GroundTruth {
  totals: TruthTotal[];
  claudeReportedCostUSD: Array<{ user: string; model: string; usd: number }>;
  // Extras for the test bed (not part of the cross-area contract):
  reasoning: Array<{ agent: string; user: string; model: string; tokens: number }>;
  codexTurns: Array<{ user: string; model: string; turns: number }>;
  /** Per series, the most tokens sent in any window of one export interval (fault-test tolerance). */
  perIntervalMax: TruthTotal[];
  contentMarker: string;
  run: Record<string, unknown>;
}

/** Raw per-type token values of one event, keyed by the agent's own type values. */
export function rawTokens(e: PlannedEvent, m: CatalogMetric): Record<string, number> {
  const key = (canonical: string | null) =>
    Object.entries(m.typeMap ?? {}).find(([, v]) => v === canonical)?.[0] ?? '';
  if (e.kind === 'claude-code') {
    return {
      [key('input')]: e.tokens.input,
      [key('output')]: e.tokens.output,
      [key('cache_read')]: e.tokens.cacheRead,
      [key('cache_write')]: e.tokens.cacheCreation,
    };
  }
  const t = e.tokens;
  return {
    [key(null)]: t.input + t.output, // total = input + output
    [key('input')]: t.input,
    [key('cache_read')]: t.cachedInput,
    [key('output')]: t.output,
    [key('reasoning')]: t.reasoningOutput,
  };
}

/** Canonical values: drop never-add types, subtract subsets from their supersets, split sub-types off. */
export function canonical(raw: Record<string, number>, m: CatalogMetric): { main: Record<string, number>; sub: Record<string, number> } {
  const main: Record<string, number> = {};
  const sub: Record<string, number> = {};
  for (const [rawType, v] of Object.entries(raw)) {
    const c = m.typeMap?.[rawType];
    if (!c) {
      continue;
    }
    let value = v;
    for (const [child, parent] of Object.entries(m.subsetOf ?? {})) {
      if (parent === rawType && m.typeMap?.[child] && !isSubType(m.typeMap[child]!)) {
        value -= raw[child] ?? 0;
      }
    }
    (isSubType(c) ? sub : main)[c] = ((isSubType(c) ? sub : main)[c] ?? 0) + value;
  }
  return { main, sub };
}

function isSubType(c: string): boolean {
  return c === 'reasoning';
}

function add<K extends object>(map: Map<string, K & { tokens: number }>, key: K, n: number) {
  const k = JSON.stringify(key);
  const cur = map.get(k) ?? { ...key, tokens: 0 };
  cur.tokens += n;
  map.set(k, cur);
}

export function groundTruth(events: PlannedEvent[], costs: number[], exportIntervalMs: number, run: Record<string, unknown>): GroundTruth {
  const totals = new Map<string, TruthTotal>();
  const reasoning = new Map<string, { agent: string; user: string; model: string; tokens: number }>();
  const cost = new Map<string, { user: string; model: string; usd: number }>();
  const turns = new Map<string, { user: string; model: string; turns: number }>();
  const timeline = new Map<string, Array<{ at: number; n: number }>>();
  events.forEach((e, i) => {
    const m = metric('tokens', e.kind);
    const { main, sub } = canonical(rawTokens(e, m), m);
    for (const [type, n] of Object.entries(main)) {
      const key: Omit<TruthTotal, 'tokens'> = { agent: e.kind, user: e.dev.email, model: e.model, type };
      add(totals, key, n);
      const k = JSON.stringify(key);
      timeline.set(k, [...(timeline.get(k) ?? []), { at: e.at, n }]);
    }
    for (const n of Object.values(sub)) {
      add(reasoning, { agent: e.kind as string, user: e.dev.email, model: e.model }, n);
    }
    if (e.kind === 'claude-code') {
      const k = `${e.dev.email}|${e.model}`;
      const c = cost.get(k) ?? { user: e.dev.email, model: e.model, usd: 0 };
      c.usd += costs[i];
      cost.set(k, c);
    } else {
      const k = `${e.dev.email}|${e.model}`;
      const t = turns.get(k) ?? { user: e.dev.email, model: e.model, turns: 0 };
      t.turns++;
      turns.set(k, t);
    }
  });
  const perIntervalMax: TruthTotal[] = [];
  for (const [k, points] of timeline) {
    let best = 0;
    let lo = 0;
    let sum = 0;
    for (const p of points) {
      sum += p.n;
      while (points[lo].at <= p.at - exportIntervalMs) {
        sum -= points[lo++].n;
      }
      best = Math.max(best, sum);
    }
    perIntervalMax.push({ ...(JSON.parse(k) as Omit<TruthTotal, 'tokens'>), tokens: best });
  }
  return {
    totals: [...totals.values()],
    claudeReportedCostUSD: [...cost.values()],
    reasoning: [...reasoning.values()],
    codexTurns: [...turns.values()],
    perIntervalMax,
    contentMarker: CONTENT_MARKER,
    run,
  };
}
