import React from 'react';
import { render, screen, within } from '@testing-library/react';
import catalog from '../../data/catalog.json';
import type { PipelineHealth } from '../datasource/resources';
import { Home } from './Home';
import { PipelineHealthPage } from './PipelineHealth';

const health: PipelineHealth = {
  dialect: 'suffixed',
  hops: [
    { id: 'store', name: 'Store reachable', status: 'ok', message: 'Prometheus answered in 12 ms' },
    {
      id: 'codex-identity',
      name: 'Codex identity',
      status: 'warn',
      message: 'Codex series without user',
      fix: 'set OTEL_RESOURCE_ATTRIBUTES in ~/.codex/.env',
    },
  ],
  agents: [
    {
      agent: 'claude-code',
      lastSample: '2026-09-01T10:00:00Z',
      users: [{ user: 'ada@example.com', lastSample: '2026-09-01T10:00:00Z' }],
    },
  ],
};

const get = jest.fn();
jest.mock('@grafana/runtime', () => ({
  PluginPage: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
  getBackendSrv: () => ({ get, post: jest.fn() }),
  getDataSourceSrv: () => ({ getList: () => [{ uid: 'sm1', name: 'Seatmeter', isDefault: true }] }),
}));

beforeEach(() => get.mockReset().mockResolvedValue(health));

test('lists every agent of the catalog and links the bundled dashboards', async () => {
  render(<Home />);
  const items = screen.getByTestId('agents').querySelectorAll('li');
  expect(Array.from(items).map((li) => li.textContent)).toEqual(catalog.agents.map((a) => a.name));
  expect(screen.getByText('Per model').closest('a')).toHaveAttribute('href', '/d/seatmeter-models');
  await screen.findByTestId('hops');
});

test('home shows each hop’s state and the fix only for what is not green', async () => {
  render(<Home />);
  const hops = await screen.findByTestId('hops');
  expect(get).toHaveBeenCalledWith('/api/datasources/uid/sm1/resources/health/pipeline', undefined);
  expect(within(hops).getByTestId('hop-store')).toHaveAttribute('data-status', 'ok');
  expect(within(hops).getByTestId('hop-store')).not.toHaveTextContent('Fix:');
  expect(within(hops).getByTestId('hop-codex-identity')).toHaveTextContent('Fix: set OTEL_RESOURCE_ATTRIBUTES');
});

test('pipeline page shows dialect and last sample per developer', async () => {
  render(<PipelineHealthPage />);
  expect(await screen.findByTestId('dialect')).toHaveTextContent('suffixed');
  expect(screen.getByTestId('last-seen')).toHaveTextContent('Claude Code' + 'ada@example.com' + '2026-09-01T10:00:00Z');
});

test('an unreachable backend is shown as an error, with its message', async () => {
  get.mockReset().mockRejectedValue({ status: 502, data: { error: 'store http://mimir:9009: connection refused' } });
  render(<PipelineHealthPage />);
  expect(await screen.findByText(/connection refused \(HTTP 502\)/)).toBeInTheDocument();
});
