// Builds the plugin front end with the project's webpack config (create-plugin's, unchanged) into a
// temporary folder, so the browser harness can load the real bundles and chunks without touching dist/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import appPluginJson from '../../src/plugin.json';
import datasourcePluginJson from '../../src/datasource/plugin.json';

const ROOT = join(__dirname, '..', '..');

export function buildPlugin(): string {
  const out = mkdtempSync(join(tmpdir(), 'seatmeter-plugin-'));
  // create-plugin's README/plugin.json placeholder replacement reads dist/ whatever the output path is.
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  execFileSync('npx', ['webpack', '-c', './webpack.config.ts', '--env', 'production', '--output-path', out], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  return out;
}

/**
 * The two ways Grafana serves a nested plugin's files: under the app (…/<app id>/datasource/) or under the
 * nested plugin's own id (…/<data source id>/); a path of the built tree, or undefined.
 */
export function pluginFile(urlPath: string): string | undefined {
  const m = /^\/public\/plugins\/([^/]+)\/(.+)$/.exec(urlPath);
  if (!m || m[2].split('/').includes('..')) {
    return undefined;
  }
  if (m[1] === appPluginJson.id) {
    return m[2];
  }
  if (m[1] === datasourcePluginJson.id) {
    return join('datasource', m[2]);
  }
  return undefined;
}
