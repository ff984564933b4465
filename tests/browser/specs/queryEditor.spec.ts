import { expect, test } from '@playwright/test';
import { capture, harness, resource, shoot } from './capture';

test('typing PromQL shows the backend’s rewrite for the store’s dialect', async ({ page }) => {
  await page.goto(harness('query-editor'));
  const expr = capture.rewriteExamples.good;
  const answer = resource('POST', 'rewrite', expr);
  await page.locator('.cm-content').click();
  await page.keyboard.insertText(expr);
  await expect(page.getByTestId('rewrite-text')).toHaveText(answer.rewritten);
  await expect(page.getByTestId('rewrite-dialect')).toHaveText(answer.dialect);
  await expect(page.getByTestId('query-json')).toContainText(JSON.stringify(expr).slice(1, -1));
  await page.keyboard.press('Escape'); // close the completion list so the screenshot shows the preview
  await shoot(page, 'query-editor-rewrite');
});

test('a PromQL error says where, and the editor marks the spot', async ({ page }) => {
  await page.goto(harness('query-editor'));
  const expr = capture.rewriteExamples.broken;
  const { error } = resource('POST', 'rewrite', expr);
  await page.locator('.cm-content').click();
  await page.keyboard.insertText(expr);
  await expect(page.getByTestId('rewrite-error')).toHaveText(
    `Parse error at line ${error.line}, column ${error.column}: ${error.message}`
  );
  await expect(page.locator('.cm-lintRange-error')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await shoot(page, 'query-editor-parse-error');
});

test('usage queries pick models from the store and types from the catalog', async ({ page }) => {
  await page.goto(harness('query-editor', { type: 'usage' }));
  const models: string[] = resource('GET', 'label-values?label=model').values;
  await page.getByLabel('Filter model').click();
  for (const m of models) {
    await expect(page.getByRole('option', { name: m })).toBeVisible();
  }
  await page.getByRole('option', { name: models[0] }).click();
  await expect(page.getByTestId('query-json')).toContainText(`"model":["${models[0]}"]`);
  await shoot(page, 'query-editor-usage');
});
