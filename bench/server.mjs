/**
 * Serves the benchmark page on 127.0.0.1 (a free port by default), with the plugin where Grafana serves
 * it and @grafana/ui's icons and the fonts where Grafana has them, like the preview server:
 *   /                         the page
 *   /bench/bench.js, .css     the page bundle (bench/build.mjs)
 *   /bench/config.json        dashboard, plugin meta, host versions
 *   /public/plugins/<id>/...  the plugin's dist/
 *   /public/(build/)img/icons/..., /public/fonts/...
 * It stops by itself after `ttlSeconds`.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

import { hostConfig, hostPackageVersion, REPO_DIR } from '../preview/lib/hosts.mjs';
import { CONTENT_TYPES, pluginMetaFrom, send, sendFile } from '../preview/server.mjs';
import { benchOutDir, readBenchBuildInfo } from './build.mjs';

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Portwatch benchmark</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/bench/bench.css" />
    <script>
      window.grafanaBootData = { assets: { dark: '', light: '' }, settings: {}, user: {}, navTree: [] };
    </script>
  </head>
  <body>
    <div id="root"></div>
    <script src="/bench/bench.js"></script>
  </body>
</html>
`;

const requireFromRepo = createRequire(join(REPO_DIR, 'package.json'));

export async function startBenchServer({
  hostId = '12',
  dist = join(REPO_DIR, 'dist'),
  port = 0,
  ttlSeconds = 3600,
} = {}) {
  const host = hostConfig(hostId);
  const distDir = resolve(dist);
  const outDir = benchOutDir(hostId);
  const buildInfo = readBenchBuildInfo(hostId);
  const dashboard = JSON.parse(readFileSync(join(REPO_DIR, 'dashboards', 'port-status.json'), 'utf8'));
  const pluginJson = JSON.parse(readFileSync(join(distDir, 'plugin.json'), 'utf8'));
  const config = JSON.stringify({
    dashboard,
    pluginMeta: pluginMetaFrom(pluginJson),
    hostVersion: buildInfo.grafana,
    reactVersion: buildInfo.react,
  });
  const iconsDir = join(hostPackageVersion(host, '@grafana/ui').dir, 'dist', 'public', 'img', 'icons');
  const interDir = join(requireFromRepo.resolve('inter-ui/package.json'), '..', 'web');
  const robotoMono = join(
    requireFromRepo.resolve('@fontsource/roboto-mono/package.json'),
    '..',
    'files',
    'roboto-mono-latin-400-normal.woff2'
  );

  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://bench.invalid').pathname);
    if (path === '/' || path === '/index.html') {
      return send(res, 200, INDEX_HTML, { 'Content-Type': CONTENT_TYPES['.html'] });
    }
    if (path === '/bench/config.json') {
      return send(res, 200, config, { 'Content-Type': CONTENT_TYPES['.json'] });
    }
    if (path === '/bench/bench.js' || path === '/bench/bench.css') {
      return sendFile(res, outDir, path.slice('/bench/'.length));
    }
    const plugin = /^\/public\/plugins\/([^/]+)\/(.+)$/.exec(path);
    if (plugin) {
      return plugin[1] === pluginJson.id
        ? sendFile(res, distDir, plugin[2])
        : send(res, 404, 'Unknown plugin', { 'Content-Type': 'text/plain' });
    }
    const icon = /^\/public\/(?:build\/)?img\/icons\/(.+)$/.exec(path);
    if (icon) {
      return sendFile(res, iconsDir, icon[1]);
    }
    if (path.startsWith('/public/fonts/inter/')) {
      return sendFile(res, interDir, path.slice('/public/fonts/inter/'.length));
    }
    if (path.startsWith('/public/fonts/roboto/') && path.endsWith('.woff2')) {
      res.writeHead(200, { 'Content-Type': 'font/woff2', 'Cache-Control': 'no-store' });
      return createReadStream(robotoMono).pipe(res);
    }
    return send(res, 404, 'Not found', { 'Content-Type': 'text/plain' });
  });

  await new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolveListen);
  });
  const close = () =>
    new Promise((done) => {
      clearTimeout(ttl);
      server.closeAllConnections?.();
      server.close(() => done());
    });
  const ttl = setTimeout(close, ttlSeconds * 1000);
  ttl.unref();
  return { url: `http://127.0.0.1:${server.address().port}`, close, buildInfo };
}
