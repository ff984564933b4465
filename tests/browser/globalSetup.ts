import { startHarness } from './server';

/** Builds and serves the harness; specs read its address from HARNESS_URL. Returns the teardown. */
export default async function globalSetup() {
  const { url, server, misses } = await startHarness();
  process.env.HARNESS_URL = url;
  return async () => {
    await new Promise((resolve) => server.close(resolve));
    if (misses.length > 0) {
      // A resource the components asked for that the capture does not hold: the harness would be lying.
      throw new Error(`harness: requests with no recorded backend answer:\n${misses.join('\n')}`);
    }
  };
}
