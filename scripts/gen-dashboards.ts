// Writes the bundled dashboards (src/dashboards/code) as JSON into src/dashboards/, where webpack copies
// them into dist and plugin.json includes them. src/dashboards/dashboards.test.ts fails when they are stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DASHBOARDS, renderDashboard } from '../src/dashboards/code/dashboards';

const dir = join(__dirname, '..', 'src', 'dashboards');
for (const [file, build] of Object.entries(DASHBOARDS)) {
  writeFileSync(join(dir, file), renderDashboard(build));
  console.log(`wrote src/dashboards/${file}`);
}
