import { rmSync } from 'node:fs';
import { buildPlugin } from './pluginBuild';
import { startHarness } from './server';

/** Builds and serves the harness and the plugin; specs read its address from HARNESS_URL. Returns the teardown. */
export default async function globalSetup() {
  const pluginDir = buildPlugin();
  const { url, server, misses } = await startHarness(pluginDir);
  process.env.HARNESS_URL = url;
  return async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(pluginDir, { recursive: true, force: true });
    if (misses.length > 0) {
      // A resource the components asked for that the capture does not hold: the harness would be lying.
      throw new Error(`harness: requests with no recorded backend answer:\n${misses.join('\n')}`);
    }
  };
}
