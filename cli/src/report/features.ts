import { readFileSync } from 'node:fs';
import { CliError } from '../errors';
import { UsageRecord } from '../usage';

export const DEFAULT_FEATURE = '(unattributed)';

interface Window {
  from: number;
  until: number;
  label: string;
  project?: string;
}

/**
 * Feature attribution: a sidecar map of time windows (first match wins), else the git branch after
 * --branch-prefix, else the named default bucket.
 */
export function featureAttributor(opts: { branchPrefix?: string; sidecarMap?: string }): (r: UsageRecord) => string {
  const windows = opts.sidecarMap ? loadSidecar(opts.sidecarMap) : [];
  const prefix = opts.branchPrefix;
  return (r) => {
    for (const w of windows) {
      if (r.timestamp >= w.from && r.timestamp < w.until && (!w.project || w.project === r.project)) {
        return w.label;
      }
    }
    if (prefix && r.branch.startsWith(prefix) && r.branch.length > prefix.length) {
      return r.branch.slice(prefix.length);
    }
    return DEFAULT_FEATURE;
  };
}

/** Sidecar file: {"windows": [{"label", "from" (ISO), "until" (ISO), "project"?}]} or the bare array. */
export function loadSidecar(path: string): Window[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new CliError(1, `--sidecar-map ${path}: cannot read JSON (${(e as Error).message})`);
  }
  const list = Array.isArray(raw) ? raw : (raw as { windows?: unknown })?.windows;
  if (!Array.isArray(list)) {
    throw new CliError(1, `--sidecar-map ${path}: field 'windows' must be an array`);
  }
  return list.map((w, i) => {
    const where = `--sidecar-map ${path}: windows[${i}]`;
    const o = (w ?? {}) as Record<string, unknown>;
    if (typeof o.label !== 'string' || !o.label) {
      throw new CliError(1, `${where}.label must be a non-empty string`);
    }
    const from = Date.parse(String(o.from));
    const until = Date.parse(String(o.until));
    if (!Number.isFinite(from)) {
      throw new CliError(1, `${where}.from must be an ISO time`);
    }
    if (!Number.isFinite(until) || until <= from) {
      throw new CliError(1, `${where}.until must be an ISO time after from`);
    }
    if (o.project !== undefined && typeof o.project !== 'string') {
      throw new CliError(1, `${where}.project must be a string`);
    }
    return { from, until, label: o.label, project: o.project as string | undefined };
  });
}
