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
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';

import { hostConfig, REPO_DIR } from '../preview/lib/hosts.mjs';
import {
  acceptRequest,
  answerClientErrors,
  CONTENT_TYPES,
  grafanaPublicFiles,
  pageShell,
  pluginMetaFrom,
  send,
  sendFile,
} from '../preview/server.mjs';
import { benchOutDir, readBenchBuildInfo } from './build.mjs';

const INDEX_HTML = pageShell({
  title: 'Portwatch benchmark',
  stylesheet: '/bench/bench.css',
  script: '/bench/bench.js',
});

export async function startBenchServer({
  hostId = '12',
  dist = join(REPO_DIR, 'dist', 'panel'),
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
    pluginMeta: pluginMetaFrom(pluginJson, buildInfo.grafana),
    hostVersion: buildInfo.grafana,
    reactVersion: buildInfo.react,
  });
  const publicFiles = grafanaPublicFiles({ host, distDir, pluginId: () => pluginJson.id });

  const server = createServer((req, res) => {
    const target = acceptRequest(req, res);
    if (target === undefined) {
      return undefined;
    }
    const { path } = target;
    if (path === '/' || path === '/index.html') {
      return send(res, 200, INDEX_HTML, { 'Content-Type': CONTENT_TYPES['.html'] });
    }
    if (path === '/bench/config.json') {
      return send(res, 200, config, { 'Content-Type': CONTENT_TYPES['.json'] });
    }
    if (path === '/bench/bench.js' || path === '/bench/bench.css') {
      return sendFile(res, outDir, path.slice('/bench/'.length));
    }
    if (publicFiles(path, res)) {
      return undefined;
    }
    return send(res, 404, 'Not found', { 'Content-Type': 'text/plain' });
  });

  answerClientErrors(server);

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
