import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from '../main';

export const FIXTURES = resolve(__dirname, '..', '..', 'fixtures');

/** A temp home holding several fixtures' transcripts under the agents' own env roots. */
export function makeWorkspace(): { dir: string; env: NodeJS.ProcessEnv; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'seatmeter-cli-'));
  cpSync(join(FIXTURES, 'claude-cache-ttl', 'claude'), join(dir, 'claude-a'), { recursive: true });
  cpSync(join(FIXTURES, 'claude-config-dir-list', 'b'), join(dir, 'claude-b'), { recursive: true });
  cpSync(join(FIXTURES, 'codex-reemits', 'codex'), join(dir, 'codex'), { recursive: true });
  cpSync(join(FIXTURES, 'pi-fork-dedupe', 'pi'), join(dir, 'pi'), { recursive: true });
  mkdirSync(join(dir, 'home'));
  return {
    dir,
    env: {
      HOME: join(dir, 'home'),
      CLAUDE_CONFIG_DIR: `${join(dir, 'claude-a')},${join(dir, 'claude-b')}`,
      CODEX_HOME: join(dir, 'codex'),
      PI_CODING_AGENT_DIR: join(dir, 'pi'),
      SEATMETER_CACHE: join(dir, 'cache'),
      SEATMETER_USER: 'dev@example.com',
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  const code = await run({
    argv,
    env,
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    stderrIsTTY: false,
    columns: 200,
  });
  return { code, stdout, stderr };
}

/**
 * Hand-computed totals of that workspace (fixtures' expected.json plus list prices: Sonnet 4.5 3/15 per M,
 * writes 5m 3.75 / 1h 6, reads 0.3; gpt-5-codex 1.25 / cached 0.125 / 10):
 * claude 2026-03-01: app 10+10 in, 10+10 out, 1000 w5, 2000 w1, 400 w? ($0.017610); web 30 in, 40 out ($0.000690)
 * codex  2026-03-02: 500 in, 2000 cached, 300 out, 90 reasoning ($0.003875)
 * pi     2026-03-03: 112 in, 58 out, 1000 read, 500 w? ($0.002475 + $0.000615 + $0.000291)
 */
export const WORKSPACE_TOTALS = {
  tokens: { input: 662, output: 418, cacheRead: 3000, cacheWrite5m: 1000, cacheWrite1h: 2000, cacheWriteUnknown: 900, reasoning: 90 },
  totalTokens: 7980,
  costUSD: 0.025556,
  byDay: { '2026-03-01': 3510, '2026-03-02': 2800, '2026-03-03': 1670 },
};
