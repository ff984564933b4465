import { defineConfig } from '@playwright/test';

// Browser harness: the real Seatmeter components in Debian's Chromium, fed with answers the real backend
// gave (tests/browser/fixtures, recorded by `go run ./tests/browser/capture`). No Grafana runs here, so
// nothing logs in; no browser is downloaded (executablePath is Debian's chromium).
export default defineConfig({
  testDir: './tests/browser/specs',
  globalSetup: './tests/browser/globalSetup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  forbidOnly: true,
  outputDir: './test-artifacts/playwright',
  reporter: [['list'], ['./tests/browser/countReporter.ts']],
  use: {
    viewport: { width: 1500, height: 900 },
    launchOptions: {
      executablePath: process.env.SEATMETER_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
