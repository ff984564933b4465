import { ChildProcess, execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findNative } from '../io/nativeScan';

const BUILD = resolve(__dirname, '..', '..', 'build.mjs');

/** Builds the real CLI bundle (esbuild, as published) into a temp dir; `cleanup` removes it. */
export function buildBundle(): { path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'seatmeter-bundle-'));
  const path = join(dir, 'seatmeter.cjs');
  execFileSync(process.execPath, [BUILD, path], { stdio: 'pipe', timeout: 60000 });
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface BundleRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundle with node (asynchronously, so servers in this process keep answering). */
export function runBundle(bundle: string, argv: string[], env: NodeJS.ProcessEnv, onSpawn?: (c: ChildProcess) => void): Promise<BundleRun> {
  return new Promise((resolvePromise) => {
    const child = execFile(
      process.execPath,
      [bundle, ...argv],
      { env: { PATH: process.env.PATH, ...env }, timeout: 30000, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolvePromise({ code, stdout, stderr });
      }
    );
    onSpawn?.(child);
  });
}

/**
 * For a test file: builds the bundle with the native reader of this machine before its tests and a temp dir
 * (both removed after them); `bin()` is the reader's path.
 */
export function withNativeReader(prefix: string): { bin: () => string; bundle: () => string; tmp: string } {
  let bundle: ReturnType<typeof buildBundle> | undefined;
  let bin = '';
  const tmp = mkdtempSync(join(tmpdir(), prefix));
  beforeAll(() => {
    bundle = buildBundle();
    bin = findNative({}, bundle.path) ?? '';
    if (!bin) {
      throw new Error('no native reader was built beside the bundle (is Go installed?)');
    }
  }, 120000);
  afterAll(() => {
    bundle?.cleanup();
    rmSync(tmp, { recursive: true, force: true });
  });
  return { bin: () => bin, bundle: () => bundle!.path, tmp };
}
