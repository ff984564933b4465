import { appPublicPath } from './publicPath';

const ids = { app: 'acme-app', datasource: 'acme-datasource' };

test.each([
  // Grafana serving the nested data source under the app's folder (module URL …/<app>/datasource/module.js)
  ['public/plugins/acme-app/datasource/', 'public/plugins/acme-app/'],
  ['http://grafana:3000/sub/public/plugins/acme-app/datasource/', 'http://grafana:3000/sub/public/plugins/acme-app/'],
  // … or under its own id (module URL …/<data source>/module.js)
  ['public/plugins/acme-datasource/', 'public/plugins/acme-app/'],
  // a layout this does not know is left alone
  ['public/plugins/other/', 'public/plugins/other/'],
])('%s → %s', (here, root) => {
  expect(appPublicPath(here, ids)).toBe(root);
});
