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
  const picker = page.getByLabel('model', { exact: true });
  await picker.click();
  const listbox = page.getByRole('listbox');
  for (const m of models) {
    await expect(listbox.getByRole('option', { name: m })).toBeVisible();
  }
  await shoot(page, 'query-editor-usage-model-list');
  await listbox.getByRole('option', { name: models[0] }).click();
  await expect(page.getByTestId('query-json')).toContainText(`"model":["${models[0]}"]`);
  // typing narrows the list to what was typed (as a custom value) and the matching store value; the keyboard picks
  const typed = models[1].slice(0, -1);
  await picker.fill(typed);
  await expect(listbox.getByRole('option')).toHaveText([new RegExp(`^${typed}`), models[1]]);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('query-json')).toContainText(`"model":["${models[0]}","${models[1]}"]`);
  await page.getByText('Filters', { exact: true }).click(); // leave the picker: the picks show as pills
  await expect(page.getByRole('listbox')).toBeHidden();
  await shoot(page, 'query-editor-usage');
});

test('the user filter offers the dashboard variable before the developers the store reported', async ({ page }) => {
  await page.goto(harness('query-editor', { type: 'usage' }));
  const users: string[] = resource('GET', 'label-values?label=user').values;
  await page.getByLabel('user', { exact: true }).click();
  const options = page.getByRole('listbox').getByRole('option');
  await expect(options.last()).toHaveText(users[users.length - 1]);
  const texts = await options.allTextContents();
  const variables = texts.filter((t) => t.startsWith('$'));
  expect(variables).toContain('$userdashboard variable');
  expect(texts).toEqual([...variables, ...users]);
  await options.filter({ hasText: '$user' }).click();
  await expect(page.getByTestId('query-json')).toContainText('"user":["$user"]');
});
