// Report snapshot: what a report run printed, for one corpus state (the group snapshot's key) and one set of
// report options. Re-running the same report over unchanged transcripts (a status line, a watch loop, a
// shell prompt) prints it again without reading the groups or building the report.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { snapshotPath } from '../io/snapshot';
import { GroupCacheRef } from './groups';

/** What a report run prints and its exit code. */
export interface ReportOutput {
  stdout: string;
  stderr: string;
  code: number;
}

interface ReportFile {
  fingerprint: string;
  pricerKey: string;
  user: string;
  /** newest first */
  entries: Array<{ key: string; out: ReportOutput }>;
}

/** Reports kept per corpus state (different options, formats, widths). */
const KEEP = 8;

const fileOf = (ref: GroupCacheRef) => snapshotPath(ref.dir, ref.agents, 'reports').replace(/\.bin$/, '.json');

function load(ref: GroupCacheRef, user: string): ReportFile | undefined {
  let f: ReportFile;
  try {
    f = JSON.parse(readFileSync(fileOf(ref), 'utf8'));
  } catch {
    return undefined; // none yet, or unreadable: the report is built
  }
  const ok = f && f.fingerprint === ref.fingerprint && f.pricerKey === ref.pricerKey && f.user === user && Array.isArray(f.entries);
  return ok ? f : undefined;
}

/** The output kept for this corpus state and these options (`key`), if any. */
export function readReport(ref: GroupCacheRef, user: string, key: string): ReportOutput | undefined {
  const out = load(ref, user)?.entries.find((e) => e.key === key)?.out;
  const valid = out && typeof out.stdout === 'string' && typeof out.stderr === 'string' && Number.isInteger(out.code);
  return valid ? out : undefined;
}

/** Keeps `out` for this corpus state and `key` (the file's other states are dropped); atomic. */
export function writeReport(ref: GroupCacheRef, user: string, key: string, out: ReportOutput): void {
  const prev = load(ref, user);
  const entries = [{ key, out }, ...(prev?.entries ?? []).filter((e) => e.key !== key)].slice(0, KEEP);
  const file: ReportFile = { fingerprint: ref.fingerprint, pricerKey: ref.pricerKey, user, entries };
  const path = fileOf(ref);
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, JSON.stringify(file));
    renameSync(tmp, path);
  } catch {
    // a cache that cannot be written only costs the next run its speed
  }
}
