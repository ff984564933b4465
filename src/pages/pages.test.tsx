import React from 'react';
import { render, screen } from '@testing-library/react';
import rawPrices from '../../data/prices.json';
import { catalog } from '../catalog';
import { createPricer } from '../shared/pricing';
import { DictionaryPage } from './Dictionary';
import { PricesPage } from './Prices';
import { SetupPage } from './Setup';

const get = jest.fn();
jest.mock('@grafana/runtime', () => ({
  PluginPage: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
  getBackendSrv: () => ({ get, post: jest.fn() }),
  getDataSourceSrv: () => ({ getList: () => [{ uid: 'sm1', name: 'Seatmeter' }] }),
}));

test('data dictionary lists every catalog measure with its source label, unit and formula', () => {
  render(<DictionaryPage />);
  for (const m of catalog.measures) {
    const row = screen.getByTestId(`measure-${m.id}`);
    expect(row).toHaveTextContent(m.name);
    expect(row).toHaveTextContent(catalog.sources[m.source]);
    expect(row).toHaveTextContent(m.formula);
    m.metrics.forEach((x) => expect(row).toHaveTextContent(x.otel));
  }
});

test('prices page shows as-of, every dataset row, overrides and unpriced models from the store', async () => {
  get.mockResolvedValue({
    asOf: '2026-11-22',
    sourceVersion: '0.1.8',
    models: [],
    overrides: { discountPercent: 12 },
    unpriced: [{ model: 'mystery-model', tokens: 4242 }],
  });
  render(<PricesPage />);
  expect(screen.getByTestId('prices-asof')).toHaveTextContent(`as of ${createPricer().asOf}`);
  const rows = Object.values((rawPrices as { models: Record<string, { prices: unknown[] }> }).models).reduce(
    (n, m) => n + m.prices.length,
    0
  );
  expect(screen.getByTestId('price-rows').querySelectorAll('tbody tr')).toHaveLength(rows);
  expect(await screen.findByTestId('unpriced')).toHaveTextContent('mystery-model: 4,242 tokens');
  expect(screen.getByTestId('overrides')).toHaveTextContent('"discountPercent": 12');
  expect(get).toHaveBeenCalledWith('/api/datasources/uid/sm1/resources/prices', undefined);
});

test('setup page shows the transport matrix from the catalog and warns about shell profiles', () => {
  render(<SetupPage />);
  const matrix = screen.getByTestId('transport-matrix');
  catalog.agents.forEach((a) => expect(matrix).toHaveTextContent(a.name + a.transport));
  expect(screen.getByText(/Do not export OTEL_\* variables in a shell profile/)).toBeInTheDocument();
  expect(screen.getByTestId('snippet-codex-config')).toHaveTextContent('otlp-grpc');
});
