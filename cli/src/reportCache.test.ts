/** @jest-environment ./cli/src/testing/nodeEnvironment.js */
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { snapshotPath } from './io/snapshot';
import { buildBundle, runBundle } from './testing/bundle';
import { makeWorkspace } from './testing/cliHarness';
import { AGENTS } from './usage';

// The report snapshot (report/reportCache.ts) prints a report again only for the same corpus state, the same
// options and the same build; it is a property of the published bundle, so it is tested on the bundle.
jest.setTimeout(120_000);
const ws = makeWorkspace();
let bundle: ReturnType<typeof buildBundle>;
beforeAll(() => {
  bundle = buildBundle();
});
afterAll(() => {
  bundle?.cleanup();
  ws.cleanup();
});
const reportsFile = snapshotPath(join(ws.env.SEATMETER_CACHE!, 'scan'), AGENTS, 'reports').replace(/\.bin$/, '.json');
const cli = (argv: string[]) => runBundle(bundle.path, argv, ws.env);

/** Replaces every kept output with a marker: a run that prints the marker was served from the snapshot. */
function markKept(): void {
  const f = JSON.parse(readFileSync(reportsFile, 'utf8'));
  for (const e of f.entries) {
    e.out.stdout = `served ${e.key.length}\n`;
  }
  writeFileSync(reportsFile, JSON.stringify(f));
}

const served = (stdout: string) => stdout.startsWith('served ');

describe('report snapshot', () => {
  it('serves a warm re-run of the same report, and only that', async () => {
    const argv = ['daily', '--format', 'json', '--timezone', 'UTC'];
    const cold = await cli(argv);
    expect(cold.code).toBe(0);
    expect(existsSync(reportsFile)).toBe(false); // only a report built on the group snapshot is kept
    const warm = await cli(argv);
    expect(JSON.parse(warm.stdout).scan.bytesRead).toBe(0);
    expect(existsSync(reportsFile)).toBe(true);
    expect(await cli(argv)).toEqual(warm); // served: the same bytes, stderr and exit code

    markKept();
    expect(served((await cli(argv)).stdout)).toBe(true);
    // other options, another format or width: built (and kept beside it)
    for (const other of [
      [...argv, '--by', 'model'],
      ['daily', '--format', 'csv', '--timezone', 'UTC'],
      ['daily', '--timezone', 'Asia/Kathmandu', '--format', 'json'],
      ['weekly', '--format', 'json', '--timezone', 'UTC'],
    ]) {
      const r = await cli(other);
      expect(r.code).toBe(0);
      expect(served(r.stdout)).toBe(false);
      expect(await cli(other)).toEqual(r);
    }
    expect(served((await cli(argv)).stdout)).toBe(true);
  });

  it('builds the report again when a transcript changes, and keeps its stderr and exit code', async () => {
    const argv = ['daily', '--format', 'json', '--timezone', 'UTC'];
    await cli(argv);
    markKept();
    const transcript = join(ws.dir, 'claude-b', 'projects', '-home-dev-web');
    const files = readdirSync(transcript);
    appendFileSync(join(transcript, files.find((f) => f.endsWith('.jsonl'))!), '{"truncated": \n');
    const changed = await cli(argv);
    expect(served(changed.stdout)).toBe(false);
    expect(changed.stderr).toMatch(/skipped 1 malformed lines in 1 files/);
    const warm = await cli(argv); // built on the new group snapshot, then kept
    expect(JSON.parse(warm.stdout).scan.malformed).toBe(1);
    expect(await cli(argv)).toEqual(warm);
    expect(warm.stderr).toBe(changed.stderr);
  });

  it('builds the report again when the budgets file changes', async () => {
    const budgets = join(ws.dir, 'budgets.json');
    writeFileSync(budgets, JSON.stringify({ agent: { 'claude-code': 1 } }));
    const argv = ['daily', '--format', 'json', '--timezone', 'UTC', '--budgets', budgets];
    await cli(argv);
    const before = await cli(argv);
    expect(JSON.parse(before.stdout).budgets[0].capUSD).toBe(1);
    writeFileSync(budgets, JSON.stringify({ agent: { 'claude-code': 0.001 } }));
    const after = await cli(argv);
    expect(JSON.parse(after.stdout).budgets[0]).toMatchObject({ capUSD: 0.001, over: true });
  });
});
