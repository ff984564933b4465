import React from 'react';
import { render, screen, within } from '@testing-library/react';
import { LoadingState, dateTime, getDefaultTimeRange, type PanelProps } from '@grafana/data';
import { createPricer } from '../../shared/pricing';
import { catalog } from '../../catalog';
import { CostPanel } from './CostPanel';
import { tokenFrame } from './testFrames';
import { DEFAULT_OPTIONS, type CostPanelOptions } from './types';

const pricer = createPricer();
const model = pricer.knownModels().find((m) => m.startsWith('claude-sonnet'))!;
const AT = Date.UTC(2026, 8, 1);
const [INPUT, OUTPUT, CACHE_READ] = catalog.tokenTypes;

function props(
  options: Partial<CostPanelOptions>,
  series = [
    tokenFrame({ agent: 'claude-code', user: 'ada', model, type: INPUT }, 1_000_000, AT),
    tokenFrame({ agent: 'claude-code', user: 'ada', model, type: OUTPUT }, 100_000, AT),
    tokenFrame({ agent: 'claude-code', user: 'ada', model, type: CACHE_READ }, 9_000_000, AT),
    tokenFrame({ agent: 'claude-code', user: 'ada', model: 'mystery-model', type: INPUT }, 5, AT),
  ]
) {
  const timeRange = { ...getDefaultTimeRange(), to: dateTime(AT) };
  return {
    data: { series, state: LoadingState.Done, timeRange },
    options: { ...DEFAULT_OPTIONS, ...options },
    width: 800,
    height: 300,
    timeRange,
  } as unknown as PanelProps<CostPanelOptions>;
}

// ada's priced usage in props(), priced by the engine directly (not through the panel).
function adaPriced() {
  const p = pricer.price({
    agent: 'claude-code',
    model,
    timestamp: AT,
    perRequest: false,
    tokens: {
      input: 1_000_000,
      output: 100_000,
      cacheRead: 9_000_000,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      cacheWriteUnknown: 0,
    },
  });
  if (!p.priced) {
    throw new Error('expected a price');
  }
  return p;
}

test('shows the figures a user reads, the unpriced flag and the as-of footnote', () => {
  render(<CostPanel {...props({})} />);
  const rows = screen.getAllByTestId('cost-row');
  expect(rows).toHaveLength(2);
  const expected = adaPriced();
  const first = within(rows[0]);
  expect(rows[0]).toHaveTextContent(model);
  expect(rows[0].querySelector('[data-col="cache-aware"]')).toHaveTextContent(`$${expected.total.toFixed(2)}`);
  expect(rows[0].querySelector('[data-col="ceiling"]')).toHaveTextContent(`$${expected.listCeiling.toFixed(2)}`);
  expect(rows[0].querySelector('[data-col="hit-ratio"]')).toHaveTextContent('90.0%');
  expect(first.queryByTestId('unpriced-flag')).toBeNull();
  expect(within(rows[1]).getByTestId('unpriced-flag')).toBeInTheDocument();
  expect(rows[1].querySelector('[data-col="cache-aware"]')).toHaveTextContent('unpriced');
  expect(screen.getByTestId('cost-footnote')).toHaveTextContent(`Prices as of ${pricer.asOf}`);
  expect(screen.getByTestId('cost-footnote')).toHaveTextContent('unpriced models left out of the sums: mystery-model');
});

test('a discount what-if lowers the cache-aware figure and says so', () => {
  render(<CostPanel {...props({ discountPercent: 50 })} />);
  const full = adaPriced();
  const cell = screen.getAllByTestId('cost-row')[0].querySelector('[data-col="cache-aware"]');
  expect(cell).toHaveTextContent(`$${(full.total / 2).toFixed(2)}`);
  expect(screen.getByTestId('cost-footnote')).toHaveTextContent('what-if discount 50%');
});

test('invalid overrides JSON is an error naming the field, not a silent list price', () => {
  render(<CostPanel {...props({ overridesJson: '{"discountPercent": 140}' })} />);
  expect(screen.getByText(/overrides.discountPercent/)).toBeInTheDocument();
});

test('no token frames says what to query', () => {
  render(<CostPanel {...props({}, [])} />);
  expect(screen.getByText(/No token frames/)).toBeInTheDocument();
});

test('token series without a model label are called out, not just flagged unpriced', () => {
  const series = [
    tokenFrame({ agent: 'claude-code', user: 'ada', type: INPUT }, 1_000, AT),
    tokenFrame({ agent: 'claude-code', user: 'bob', type: OUTPUT }, 2_000, AT),
  ];
  render(<CostPanel {...props({ groupBy: 'user' }, series)} />);
  expect(screen.getByTestId('cost-no-model')).toHaveTextContent('2 token series carry no model label');
});

test('a query grouped by model shows no such warning', () => {
  render(<CostPanel {...props({})} />);
  expect(screen.queryByTestId('cost-no-model')).toBeNull();
});
