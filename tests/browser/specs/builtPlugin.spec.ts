import { expect, test } from '@playwright/test';
import appPluginJson from '../../../src/plugin.json';
import datasourcePluginJson from '../../../src/datasource/plugin.json';
import { capture, harness, resource, shoot } from './capture';

// The webpack build (globalSetup), loaded as Grafana loads it. Grafana has served a nested data source's
// module both under the app's folder and under the data source's own id; the chunks must load either way.
const layouts = {
  'under the app': `/public/plugins/${appPluginJson.id}/datasource/module.js`,
  'under its own id': `/public/plugins/${datasourcePluginJson.id}/module.js`,
};

for (const [layout, moduleUrl] of Object.entries(layouts)) {
  test(`built data source served ${layout}: the PromQL editor is fetched only for a promql query, from the app's folder`, async ({
    page,
  }) => {
    const fetched: Array<{ path: string; status: number }> = [];
    page.on('response', (r) => {
      const { pathname } = new URL(r.url());
      if (pathname.startsWith('/public/plugins/')) {
        fetched.push({ path: pathname, status: r.status() });
      }
    });
    await page.goto(harness('built-query-editor', { module: moduleUrl, type: 'usage' }));
    await expect(page.getByLabel('Measure')).toBeVisible();
    expect(fetched).toEqual([{ path: moduleUrl, status: 200 }]);

    await page.getByLabel('PromQL').check({ force: true });
    const expr = capture.rewriteExamples.good;
    await page.locator('.cm-content').click();
    await page.keyboard.insertText(expr);
    await expect(page.getByTestId('rewrite-text')).toHaveText(resource('POST', 'rewrite', expr).rewritten);
    await expect(page.getByTestId('promql-editor-plain')).toHaveCount(0);
    const chunks = fetched.slice(1);
    expect(chunks.length).toBeGreaterThan(0);
    for (const c of chunks) {
      expect(c.path.startsWith(`/public/plugins/${appPluginJson.id}/`) && c.status === 200).toBe(true);
    }
    expect(chunks.map((c) => c.path)).toContain(`/public/plugins/${appPluginJson.id}/promql-editor.js`);
    await page.keyboard.press('Escape');
    await shoot(page, `built-query-editor-${layout.replace(/ /g, '-')}`);
  });
}
