import { appPublicPath } from './publicPath';

declare let __webpack_public_path__: string;

// Runs after create-plugin's grafana-public-path (imports-loader puts it first in module.ts).
__webpack_public_path__ = appPublicPath(__webpack_public_path__);
