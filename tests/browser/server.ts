// Builds the harness page with esbuild and serves it on 127.0.0.1 with the recorded backend answers.
// Used by tests/browser/globalSetup.ts; `npx tsx tests/browser/server.ts` runs it by hand (prints the URL).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { pluginFile } from './pluginBuild';

const HERE = __dirname;
const ICONS = join(dirname(require.resolve('@grafana/ui/package.json')), 'dist', 'public', 'img', 'icons');
export const FIXTURE_PATH = join(HERE, 'fixtures', 'backend-capture.json');

interface Recorded {
  method: string;
  path: string;
  body?: { expr?: string };
  status: number;
  answer: unknown;
}

export async function buildHarness(): Promise<{ js: string; css: string }> {
  const result = await build({
    entryPoints: [join(HERE, 'harness', 'main.tsx')],
    bundle: true,
    write: false,
    outdir: '/harness-out',
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    minify: false,
    sourcemap: false,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    loader: { '.svg': 'text', '.png': 'dataurl', '.woff': 'empty', '.woff2': 'empty', '.ttf': 'empty' },
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
  const css = result.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  return { js, css };
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) {
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Serves the page, the capture, and the data source resources exactly as the real plugin answered them;
 * with `pluginDir` (a webpack build), also the built plugin under Grafana's /public/plugins/ paths.
 */
export async function startHarness(pluginDir?: string): Promise<{ url: string; server: Server; misses: string[] }> {
  const { js, css } = await buildHarness();
  const html = readFileSync(join(HERE, 'harness', 'index.html'), 'utf8');
  const fixture = readFileSync(FIXTURE_PATH, 'utf8');
  const recorded: Recorded[] = JSON.parse(fixture).resources;
  const misses: string[] = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, type: string, text: string) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(text);
    };
    if (url.pathname === '/' || url.pathname === '/index.html') {
      return send(200, 'text/html', html);
    }
    if (url.pathname === '/bundle.js') {
      return send(200, 'text/javascript', js);
    }
    if (url.pathname === '/bundle.css') {
      return send(200, 'text/css', css);
    }
    const icon = /^\/public\/build\/img\/icons\/([a-z0-9-]+\/[a-z0-9-]+\.svg)$/.exec(url.pathname);
    if (icon) {
      // Grafana serves @grafana/ui's icons from its public folder; so does the harness.
      try {
        return send(200, 'image/svg+xml', readFileSync(join(ICONS, icon[1]), 'utf8'));
      } catch {
        return send(404, 'text/plain', 'no such icon');
      }
    }
    const built = pluginDir ? pluginFile(url.pathname) : undefined;
    if (built) {
      try {
        return send(
          200,
          built.endsWith('.js') ? 'text/javascript' : 'application/json',
          readFileSync(join(pluginDir!, built), 'utf8')
        );
      } catch {
        return send(404, 'text/plain', 'not in the plugin build');
      }
    }
    if (url.pathname === '/fixture') {
      return send(200, 'application/json', fixture);
    }
    const m = /^\/api\/datasources\/uid\/[^/]+\/resources\/(.+)$/.exec(url.pathname);
    if (m) {
      const path = m[1] + url.search;
      const sent = req.method === 'POST' ? (JSON.parse((await body(req)) || '{}') as { expr?: string }) : undefined;
      const hit = recorded.find(
        (r) => r.method === req.method && r.path === path && (sent === undefined || r.body?.expr === sent.expr)
      );
      if (hit) {
        return send(hit.status, 'application/json', JSON.stringify(hit.answer));
      }
      misses.push(`${req.method} ${path} ${sent ? JSON.stringify(sent) : ''}`);
      return send(
        404,
        'application/json',
        JSON.stringify({ error: `not recorded by tests/browser/capture: ${req.method} ${path}` })
      );
    }
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server, misses };
}

if (require.main === module) {
  startHarness().then(({ url }) => console.log(`harness: ${url}/?view=home`));
}
