import { packTokens, readBlob, snapshotPath, unpackTokens, writeBlob } from '../io/snapshot';
import { PriceResult } from '../priceCache';
import { CacheTTL } from '../pricing';
import { addTokens, AgentId, UsageRecord, zeroTokens } from '../usage';
import { stringTable } from '../io/stringTable';
import { cellStart, QUARTER_HOURS } from './timeGrid';

/**
 * Priced requests summed per (agent, model, session, project, branch, flags, price outcome, time cell).
 * Every report axis and filter reads only those fields, and local dates change only on quarter hours in
 * every zone (a kept snapshot's grid; a report without one may sum on its zone's coarser grid, timeGrid.ts),
 * so a report over groups equals one over requests while doing 30–40× less work. Each request
 * is priced on its own before it joins a group (tiered prices are per request). With time-window feature
 * attribution (--sidecar-map) groups keep exact timestamps instead.
 */
export interface UsageGroup {
  /** the group's fields with summed tokens; timestamp = start of its time cell (or the exact time) */
  rec: UsageRecord;
  requests: number;
  price: PriceResult;
}

export function groupRecords(records: UsageRecord[], prices: PriceResult[], exactTime: boolean, grid = QUARTER_HOURS): UsageGroup[] {
  const byKey = new Map<string, UsageGroup>();
  const out: UsageGroup[] = [];
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const p = prices[i];
    const ts = exactTime ? r.timestamp : cellStart(grid, r.timestamp);
    const outcome = p.priced ? `p${p.assumedCacheWriteTTL ?? ''}` : `u${p.reason}`;
    const flags = r.flags?.length ? r.flags.join('\n') : '';
    const key = `${r.agent}\u0000${r.model}\u0000${r.session}\u0000${r.project}\u0000${r.branch}\u0000${flags}\u0000${outcome}\u0000${ts}`;
    let g = byKey.get(key);
    if (!g) {
      g = {
        rec: {
          agent: r.agent,
          model: r.model,
          timestamp: ts,
          session: r.session,
          project: r.project,
          branch: r.branch,
          user: r.user,
          tokens: zeroTokens(),
          flags: flags ? flags.split('\n') : undefined,
        },
        requests: 0,
        price: p.priced
          ? { priced: true, total: 0, listCeiling: 0, assumedCacheWriteTTL: p.assumedCacheWriteTTL }
          : { priced: false, reason: p.reason },
      };
      byKey.set(key, g);
      out.push(g);
    }
    addTokens(g.rec.tokens, r.tokens);
    g.requests++;
    if (p.priced && g.price.priced) {
      g.price.total += p.total;
      g.price.listCeiling += p.listCeiling;
    }
  }
  return out;
}

// Group snapshot: valid for one corpus state and one pricing setup; strings index the header's table.
const STRIDE = 19;

interface Header<S> {
  fingerprint: string;
  pricerKey: string;
  count: number;
  strings: string[];
  stats: S;
}

export interface GroupCacheRef {
  dir: string;
  agents: AgentId[];
  fingerprint: string;
  pricerKey: string;
}

const fileOf = (ref: GroupCacheRef) => snapshotPath(ref.dir, ref.agents, 'groups');

export function writeGroups<S>(ref: GroupCacheRef, groups: UsageGroup[], stats: S): void {
  const { strings, id: s } = stringTable();
  const n = new Float64Array(groups.length * STRIDE);
  let o = 0;
  for (const g of groups) {
    const r = g.rec;
    const t = r.tokens;
    n[o++] = s(r.agent);
    n[o++] = s(r.model);
    n[o++] = r.timestamp;
    n[o++] = s(r.session);
    n[o++] = s(r.project);
    n[o++] = s(r.branch);
    n[o++] = s(r.flags?.join('\n'));
    o = packTokens(n, o, t);
    n[o++] = g.requests;
    n[o++] = g.price.priced ? 1 : 0;
    n[o++] = g.price.priced ? g.price.total : 0;
    n[o++] = g.price.priced ? g.price.listCeiling : 0;
    n[o++] = g.price.priced ? s(g.price.assumedCacheWriteTTL) : s(g.price.reason);
  }
  const header: Header<S> = {
    fingerprint: ref.fingerprint,
    pricerKey: ref.pricerKey,
    count: groups.length,
    strings,
    stats,
  };
  writeBlob(fileOf(ref), header, n);
}

/** The groups built from exactly this corpus state and pricing setup; undefined otherwise. */
export function readGroups<S>(ref: GroupCacheRef, user: string): { groups: UsageGroup[]; stats: S } | undefined {
  const blob = readBlob<Header<S>>(fileOf(ref));
  const h = blob?.header;
  if (
    !blob ||
    !h ||
    h.fingerprint !== ref.fingerprint ||
    h.pricerKey !== ref.pricerKey ||
    blob.numbers.length !== h.count * STRIDE
  ) {
    return undefined;
  }
  const n = blob.numbers;
  const str = (i: number): string | undefined => (i >= 0 ? h.strings[i] : undefined);
  const groups: UsageGroup[] = new Array(h.count);
  for (let k = 0, o = 0; k < h.count; k++, o += STRIDE) {
    const flags = str(n[o + 6]);
    const label = str(n[o + 18]);
    groups[k] = {
      rec: {
        agent: str(n[o]) as AgentId,
        model: str(n[o + 1])!,
        timestamp: n[o + 2],
        session: str(n[o + 3])!,
        project: str(n[o + 4])!,
        branch: str(n[o + 5])!,
        user,
        tokens: unpackTokens(n, o + 7),
        flags: flags ? flags.split('\n') : undefined,
      },
      requests: n[o + 14],
      price:
        n[o + 15] === 1
          ? {
              priced: true,
              total: n[o + 16],
              listCeiling: n[o + 17],
              assumedCacheWriteTTL: label as CacheTTL | undefined,
            }
          : { priced: false, reason: label ?? '' },
    };
  }
  return { groups, stats: h.stats };
}
