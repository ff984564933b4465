// force timezone to UTC to allow tests to work regardless of local timezone
// generally used by snapshots, but can affect specific tests
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');

module.exports = {
  // Jest configuration provided by Grafana scaffolding
  ...base,
  testMatch: [...base.testMatch, '<rootDir>/cli/src/**/*.test.ts', '<rootDir>/tests/**/*.test.ts', '<rootDir>/scripts/**/*.test.ts'],
  // @grafana/data 12 pulls ESM-only .mjs builds (d3-color) that the scaffold's transform does not match.
  transform: { ...base.transform, '^.+\\.mjs$': base.transform['^.+\\.(t|j)sx?$'] },
  // Grafana UI components render slowly on a loaded 2-core machine; the default 5 s flakes there.
  testTimeout: 30000,
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
