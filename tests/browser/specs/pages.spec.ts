import { expect, test } from '@playwright/test';
import { harness, resource, shoot } from './capture';

test('home: every hop of the backend’s pipeline report with its state', async ({ page }) => {
  await page.goto(harness('home'));
  const health = resource('GET', 'health/pipeline');
  for (const hop of health.hops) {
    await expect(page.getByTestId(`hop-${hop.id}`)).toHaveAttribute('data-status', hop.status);
    await expect(page.getByTestId(`hop-${hop.id}`)).toContainText(hop.message);
  }
  await expect(page.getByRole('link', { name: 'Per model' })).toHaveAttribute('href', '/d/seatmeter-models');
  await shoot(page, 'page-home');
});

test('pipeline health: dialect and last sample per developer', async ({ page }) => {
  await page.goto(harness('pipeline'));
  const health = resource('GET', 'health/pipeline');
  await expect(page.getByTestId('dialect')).toHaveText(health.dialect);
  const rows = health.agents.reduce((n: number, a: { users: unknown[] }) => n + Math.max(a.users.length, 1), 0);
  await expect(page.getByTestId('last-seen').locator('tbody tr')).toHaveCount(rows);
  await shoot(page, 'page-pipeline-health');
});

test('prices: as-of date, overrides and the unpriced model seen in the store', async ({ page }) => {
  await page.goto(harness('prices'));
  const prices = resource('GET', 'prices');
  await expect(page.getByTestId('prices-asof')).toContainText(`as of ${prices.asOf}`);
  await expect(page.getByTestId('overrides')).toContainText('"discountPercent": 10');
  for (const u of prices.unpriced) {
    await expect(page.getByTestId('unpriced')).toContainText(u.model);
  }
  await shoot(page, 'page-prices');
});

test('data dictionary and setup render from the catalog', async ({ page }) => {
  await page.goto(harness('dictionary'));
  await expect(page.getByTestId('measure-tokens')).toBeVisible();
  await shoot(page, 'page-dictionary');
  await page.goto(harness('setup'));
  await page.getByLabel('User', { exact: true }).fill('team');
  await page.getByLabel('Password').fill('s3cret');
  await expect(page.getByTestId('snippet-codex-config')).toContainText(
    `authorization = "Basic ${Buffer.from('team:s3cret').toString('base64')}"`
  );
  await shoot(page, 'page-setup');
});

test('config editor: secrets stay secret, the tenant header is a custom header', async ({ page }) => {
  await page.goto(harness('config-editor'));
  await expect(page.getByLabel('Header 1 value')).toHaveValue('configured');
  await page.getByRole('radio', { name: '1 hour' }).check({ force: true });
  await expect(page.getByTestId('settings-json')).toContainText('"cacheWriteTTL":"1h"');
  const dialect = page.getByLabel(/^Naming dialect/);
  await expect(dialect).toHaveValue('Detect');
  await dialect.click();
  await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(4);
  await shoot(page, 'config-editor-dialect-list');
  await page.getByRole('option', { name: /No suffixes/ }).click();
  await expect(page.getByTestId('settings-json')).toContainText('"dialect":"nosuffix"');
  await expect(dialect).toHaveValue('No suffixes');
  await shoot(page, 'config-editor');
});
