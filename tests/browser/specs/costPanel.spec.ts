import { expect, test } from '@playwright/test';
import {
  capture,
  COST_BY_MODEL_SOURCE,
  COST_PANEL_SOURCE,
  frames,
  harness,
  resource,
  shoot,
  sumBy,
  tokens,
} from './capture';

const tokenFrames = frames(COST_PANEL_SOURCE, 'A');
const reportedFrames = frames(COST_PANEL_SOURCE, 'B');
const backendCost = sumBy(frames(COST_BY_MODEL_SOURCE), 'model', (l) => l.priced !== 'false');
const tokensByModel = sumBy(tokenFrames, 'model');
const reportedByModel = sumBy(reportedFrames, 'model');
// The data source was captured with a 10% discount override; the panel gets the same what-if.
const SAME_PRICES = JSON.stringify({ discountPercent: 10 });

const cell = (row: import('@playwright/test').Locator, col: string) => row.locator(`[data-col="${col}"]`);
const money = async (row: import('@playwright/test').Locator, col: string) =>
  Number(((await cell(row, col).textContent()) ?? '').replace(/[^0-9.]/g, ''));

test('per model: tokens as the backend counted them, cache-aware cost as the Go engine priced them', async ({
  page,
}) => {
  await page.goto(harness('cost-panel', { options: SAME_PRICES }));
  const rows = page.getByTestId('cost-row');
  await expect(rows).toHaveCount(tokensByModel.size);
  expect(backendCost.size).toBeGreaterThan(2);
  for (const [model, n] of tokensByModel) {
    const row = rows.filter({ has: page.locator('th', { hasText: model }) });
    await expect(row).toContainText(tokens(n));
    if (backendCost.has(model)) {
      // Two engines (TypeScript in the panel, Go in the backend) on the same tokens: equal to the cent.
      expect(Math.abs((await money(row, 'cache-aware')) - backendCost.get(model)!)).toBeLessThanOrEqual(0.01);
      expect(await money(row, 'ceiling')).toBeGreaterThan(await money(row, 'cache-aware'));
    }
    if (reportedByModel.has(model)) {
      expect(Math.abs((await money(row, 'reported')) - reportedByModel.get(model)!)).toBeLessThanOrEqual(0.005);
    }
  }
  await shoot(page, 'cost-panel-by-model');
});

test('token totals agree with the simulators’ ground truth within one export interval', async ({ page }) => {
  await page.goto(harness('cost-panel', { options: SAME_PRICES }));
  // The panel prices its rows after mounting: read the cells only once every model's row is there.
  await expect(page.getByTestId('cost-row')).toHaveCount(tokensByModel.size);
  const truth = new Map<string, number>();
  const slack = new Map<string, number>();
  capture.truth.totals.forEach((t) => truth.set(t.model, (truth.get(t.model) ?? 0) + t.tokens));
  capture.truth.perIntervalMax.forEach((t) => slack.set(t.model, (slack.get(t.model) ?? 0) + t.tokens));
  for (const [model, want] of truth) {
    const row = page.getByTestId('cost-row').filter({ has: page.locator('th', { hasText: model }) });
    const shown = (await row.count())
      ? Number(((await row.locator('td').nth(4).textContent()) ?? '0').replace(/,/g, ''))
      : 0;
    expect(Math.abs(shown - want), model).toBeLessThanOrEqual(slack.get(model)! + 1);
  }
});

test('an unpriced model is flagged, never $0, and the footnote says which and as of when', async ({ page }) => {
  await page.goto(harness('cost-panel', { options: SAME_PRICES }));
  const row = page.getByTestId('cost-row').filter({ hasText: capture.unpricedModel });
  await expect(row.getByTestId('unpriced-flag')).toBeVisible();
  await expect(cell(row, 'cache-aware')).toHaveText('unpriced');
  const asOf = resource('GET', 'prices').asOf as string;
  const foot = page.getByTestId('cost-footnote');
  await expect(foot).toContainText(`Prices as of ${asOf}`);
  await expect(foot).toContainText(`unpriced models left out of the sums: ${capture.unpricedModel}`);
  await expect(foot).toContainText('what-if discount 10%');
});

test('what-if: assuming 1-hour cache writes raises the cache-aware total and says so', async ({ page }) => {
  await page.goto(harness('cost-panel'));
  await expect(page.getByTestId('cost-row')).toHaveCount(tokensByModel.size);
  const base = await money(page.getByTestId('cost-total'), 'cache-aware');
  await page.goto(harness('cost-panel', { options: JSON.stringify({ assumedCacheWriteTTL: '1h' }) }));
  await expect(page.getByTestId('cost-row')).toHaveCount(tokensByModel.size);
  const hour = await money(page.getByTestId('cost-total'), 'cache-aware');
  expect(hour).toBeGreaterThan(base);
  await expect(page.getByTestId('cost-footnote')).toContainText('cache writes of unknown TTL priced as 1h');
  await shoot(page, 'cost-panel-whatif-1h');
});

test('per developer: one priced row per developer the backend reported', async ({ page }) => {
  // The bundled cost panel asks by model (it must fit 1,000 developers); regrouped by developer in the
  // panel editor, its token query asks by agent, model, developer and type (recorded by the capture).
  const source = 'edited panel / Cost panel by developer and model';
  const options = JSON.stringify({ groupBy: 'user', sort: 'name' });
  await page.goto(harness('cost-panel', { options, source }));
  const users = [...sumBy(frames(source), 'user').keys()].sort();
  expect(users.length).toBeGreaterThan(1);
  await expect(page.getByTestId('cost-row').locator('th')).toHaveText(
    users.map((u) => new RegExp(u.replace(/[.]/g, '\\.')))
  );
  await expect(page.getByTestId('cost-no-model')).toHaveCount(0);
  for (const row of await page.getByTestId('cost-row').all()) {
    expect(await money(row, 'cache-aware')).toBeGreaterThan(0);
  }
  await shoot(page, 'cost-panel-by-developer');
});
