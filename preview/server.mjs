#!/usr/bin/env node
/**
 * The preview server: a page that loads the built plugin the way Grafana does, next to a Prometheus.
 *
 *   node preview/server.mjs [--port 3000] [--prom-url http://127.0.0.1:9090] [--dashboard dashboards/port-status.json]
 *                           [--panel-id N] [--grafana 12|13] [--dist dist] [--scrape-interval 15s]
 *                           [--theme dark|light] [--language en-US|ko-KR] [--range now-1h] [--refresh 5s] [--ttl SECONDS] [--no-build]
 *
 * Serves, on 127.0.0.1 only:
 *   /                                          the page
 *   /preview/host.js, /preview/host.css         the host bundle (built on start when stale)
 *   /preview/config.json                        dashboard, panel, plugin meta, datasource settings
 *   /public/plugins/<plugin id>/...             the plugin's dist/, where Grafana serves it
 *   /public/(build/)img/icons/..., /public/fonts/...  @grafana/ui's icons and the Inter / Roboto Mono fonts
 *   /api/datasources/proxy/uid/<uid>/api/v1/... Prometheus' HTTP API, proxied (same origin, like Grafana's proxy)
 */
import { existsSync, readFileSync, statSync, createReadStream } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';

import { buildHost, hostBuildIsStale, readBuildInfo } from './build.mjs';
import { hostConfig, hostPackageVersion, REPO_DIR } from './lib/hosts.mjs';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

const PROM_API_PATHS = /^api\/v1\/(query|query_range|labels|label\/[^/]+\/values|series|status\/buildinfo|metadata)$/;
const LOOPBACK_HOSTS = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;
const PROXY_TIMEOUT_MS = 30_000;

const requireFromRepo = createRequire(join(REPO_DIR, 'package.json'));

/**
 * uid and scrape interval of the project's provisioned Prometheus data source
 * (provisioning/datasources/*.yaml), so that the preview steps queries like that Grafana would.
 */
export function provisionedDatasource() {
  const file = join(REPO_DIR, 'provisioning', 'datasources', 'prometheus.yaml');
  if (!existsSync(file)) {
    return {};
  }
  const text = readFileSync(file, 'utf8');
  const uid = /^\s*uid:\s*["']?([^"'\s#]+)/m.exec(text)?.[1];
  const scrapeInterval = /^\s*timeInterval:\s*["']?([^"'\s#]+)/m.exec(text)?.[1];
  return { uid, scrapeInterval };
}

const DEFAULT_DASHBOARD = join(REPO_DIR, 'dashboards', 'port-status.json');

/**
 * Whether a Grafana version gives plugin metas a `translations` map and loads the files itself
 * (12.1 and later; the panel loads its own on older lines).
 */
export function loadsPluginTranslations(grafanaVersion) {
  const [major, minor] = String(grafanaVersion).split('.').map(Number);
  return major > 12 || (major === 12 && minor >= 1);
}

/**
 * Grafana's panel plugin meta (frontend settings `panels[id]`) built from dist/plugin.json. From 12.1
 * Grafana's backend adds `translations`: for each of plugin.json's `languages`, the path of
 * `locales/<language>/<plugin id>.json`.
 */
export function pluginMetaFrom(pluginJson, grafanaVersion = '12.0.2') {
  const base = `public/plugins/${pluginJson.id}`;
  const logo = (path) => (path ? `${base}/${path}` : undefined);
  return {
    ...pluginJson,
    type: 'panel',
    module: `${base}/module.js`,
    baseUrl: base,
    sort: 100,
    hideFromList: false,
    skipDataQuery: Boolean(pluginJson.skipDataQuery),
    loadingStrategy: 'script',
    angular: { detected: false, hideDeprecation: false },
    info: {
      ...pluginJson.info,
      logos: { small: logo(pluginJson.info?.logos?.small), large: logo(pluginJson.info?.logos?.large) },
    },
    ...(loadsPluginTranslations(grafanaVersion) && pluginJson.languages?.length
      ? {
          translations: Object.fromEntries(
            pluginJson.languages.map((language) => [language, `${base}/locales/${language}/${pluginJson.id}.json`])
          ),
        }
      : {}),
  };
}

/**
 * Longest request target the local servers read. Their own pages ask for short paths; Node itself
 * refuses request heads over 16 KiB, and `answerClientErrors` turns that refusal into a 400 too.
 */
export const MAX_URL_LENGTH = 4096;

/**
 * The decoded path and the query of a request target, or `{ error }` for one no page of ours sends:
 * over-long, not a plain path (`//host/x` would be read as a host name), or with broken escapes
 * (`/%`). Any page on the machine can send requests to 127.0.0.1, so these must answer 400, not throw
 * (tests/e2e/servers.test.ts).
 * @param {string | undefined} target
 * @returns {{ path: string, search: string } | { error: string }}
 */
export function parseRequestTarget(target = '/') {
  if (target.length > MAX_URL_LENGTH) {
    return { error: `The request target is longer than ${MAX_URL_LENGTH} characters` };
  }
  if (!target.startsWith('/') || target.startsWith('//')) {
    return { error: 'The request target must be a path starting with a single /' };
  }
  try {
    const url = new URL(target, 'http://local.invalid');
    const path = decodeURIComponent(url.pathname);
    if (path.includes('\0')) {
      return { error: 'The request path holds a NUL character' };
    }
    return { path, search: url.search };
  } catch {
    return { error: 'The request target has a malformed percent-encoding' };
  }
}

/**
 * Why a request from another site must be refused, or null. Browsers send Origin with every
 * cross-site request but a plain GET, and a page that rebinds its own name to 127.0.0.1 still sends
 * that name as Host; the page these servers serve asks for 127.0.0.1 or localhost, same-origin
 * (tests/e2e/servers.test.ts).
 * @param {import('node:http').IncomingMessage} req
 * @returns {string | null}
 */
export function crossSiteRefusal(req) {
  const host = req.headers.host ?? '';
  if (!LOOPBACK_HOSTS.test(host.replace(/:\d+$/, ''))) {
    return `Requests for host ${JSON.stringify(host)} are refused`;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) {
    return `Requests from another site (Origin ${origin}) are refused`;
  }
  return null;
}

/**
 * Answers requests Node's parser rejects (a head over 16 KiB, bad syntax) with a plain 400 and
 * closes the connection, instead of Node's default mix of 400 and 431.
 * @param {import('node:http').Server} server
 */
export function answerClientErrors(server) {
  server.on('clientError', (error, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nBad request\n');
  });
}

/**
 * The request's path and query, or undefined once another site's request has been answered 403 and
 * a malformed one 400: the first step of every request both local servers handle.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @returns {{ path: string, search: string } | undefined}
 */
export function acceptRequest(req, res) {
  const refused = crossSiteRefusal(req);
  if (refused) {
    send(res, 403, refused, { 'Content-Type': 'text/plain' });
    return undefined;
  }
  const target = parseRequestTarget(req.url);
  if ('error' in target) {
    send(res, 400, target.error, { 'Content-Type': 'text/plain' });
    return undefined;
  }
  return target;
}

export function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

/** Serves a file under `root`, never one outside it. */
export function sendFile(res, root, relativePath) {
  const file = normalize(join(root, relativePath));
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
    send(res, 404, 'Not found', { 'Content-Type': 'text/plain' });
    return;
  }
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': 'no-store',
  });
  createReadStream(file).pipe(res);
}

function proxyToPrometheus(req, res, promUrl, apiPath, search) {
  const target = new URL(`${promUrl.pathname.replace(/\/$/, '')}/${apiPath}${search}`, promUrl);
  const upstream = httpRequest(
    target,
    {
      method: req.method,
      headers: {
        'Content-Type': req.headers['content-type'] ?? 'application/x-www-form-urlencoded',
        Accept: 'application/json',
      },
      timeout: PROXY_TIMEOUT_MS,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, {
        'Content-Type': answer.headers['content-type'] ?? 'application/json',
        'Cache-Control': 'no-store',
      });
      answer.pipe(res);
    }
  );
  upstream.on('timeout', () =>
    upstream.destroy(new Error(`timeout awaiting response headers after ${PROXY_TIMEOUT_MS} ms`))
  );
  upstream.on('error', (error) => {
    if (!res.headersSent) {
      send(res, 502, error.message || String(error), { 'Content-Type': 'text/plain', 'X-Preview-Proxy-Error': '1' });
    } else {
      res.destroy();
    }
  });
  req.pipe(upstream);
}

/** A page like Grafana's index.html: the boot data @grafana/runtime's config reads, then one stylesheet and one script. */
export function pageShell({ title, stylesheet, script }) {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${stylesheet}" />
    <script>
      // Grafana's index.html sets its boot data before the app bundle; @grafana/runtime's config reads it.
      window.grafanaBootData = { assets: { dark: '', light: '' }, settings: {}, user: {}, navTree: [] };
    </script>
  </head>
  <body>
    <div id="root"></div>
    <script src="${script}"></script>
  </body>
</html>
`;
}

const INDEX_HTML = pageShell({
  title: 'Portwatch preview',
  stylesheet: '/preview/host.css',
  script: '/preview/host.js',
});

/**
 * The files a page that hosts the plugin asks Grafana for: the plugin's own under /public/plugins/<id>/,
 * @grafana/ui's icons and Grafana's fonts. Returns a handler that answers `path` and says true, or says
 * false for a path that is not one of these. `pluginId()` is read per request, so a rebuild may change it.
 */
export function grafanaPublicFiles({ host, distDir, pluginId }) {
  const iconsDir = join(hostPackageVersion(host, '@grafana/ui').dir, 'dist', 'public', 'img', 'icons');
  const interDir = join(requireFromRepo.resolve('inter-ui/package.json'), '..', 'web');
  const robotoMono = join(
    requireFromRepo.resolve('@fontsource/roboto-mono/package.json'),
    '..',
    'files',
    'roboto-mono-latin-400-normal.woff2'
  );
  return (path, res) => {
    const plugin = /^\/public\/plugins\/([^/]+)\/(.+)$/.exec(path);
    if (plugin) {
      if (plugin[1] === pluginId()) {
        sendFile(res, distDir, plugin[2]);
      } else {
        send(res, 404, 'Unknown plugin', { 'Content-Type': 'text/plain' });
      }
      return true;
    }
    // Grafana 12 asks for icons under public/img/icons/, 13 under public/build/img/icons/.
    const icon = /^\/public\/(?:build\/)?img\/icons\/(.+)$/.exec(path);
    if (icon) {
      sendFile(res, iconsDir, icon[1]);
      return true;
    }
    if (path.startsWith('/public/fonts/inter/')) {
      sendFile(res, interDir, path.slice('/public/fonts/inter/'.length));
      return true;
    }
    if (path.startsWith('/public/fonts/roboto/') && path.endsWith('.woff2')) {
      res.writeHead(200, { 'Content-Type': 'font/woff2', 'Cache-Control': 'no-store' });
      createReadStream(robotoMono).pipe(res);
      return true;
    }
    return false;
  };
}

/**
 * Starts the server. Resolves to { url, port, close() } once it listens.
 * `ttlSeconds` makes it stop by itself after that long.
 */
export async function startPreviewServer(options = {}) {
  const hostId = String(options.grafana ?? '12');
  const host = hostConfig(hostId);
  const promUrl = new URL(options.promUrl ?? 'http://127.0.0.1:9090');
  if (!LOOPBACK_HOSTS.test(promUrl.hostname)) {
    throw new Error(`--prom-url must point to this machine (127.0.0.1, localhost or [::1]), not ${promUrl.hostname}`);
  }
  const distDir = resolve(options.dist ?? join(REPO_DIR, 'dist'));
  const dashboardPath = resolve(options.dashboard ?? DEFAULT_DASHBOARD);

  if (options.build !== false && hostBuildIsStale(hostId)) {
    await buildHost({ hostId, quiet: options.quiet });
  }
  const buildInfo = readBuildInfo(hostId);
  const publicFiles = grafanaPublicFiles({
    host,
    distDir,
    pluginId: () => JSON.parse(readFileSync(join(distDir, 'plugin.json'), 'utf8')).id,
  });

  const provisioned = provisionedDatasource();
  const datasource = {
    uid: options.datasourceUid ?? provisioned.uid ?? 'prometheus',
    url: promUrl.toString().replace(/\/$/, ''),
    scrapeInterval: options.scrapeInterval ?? provisioned.scrapeInterval,
  };

  const readConfig = () => {
    const pluginJson = JSON.parse(readFileSync(join(distDir, 'plugin.json'), 'utf8'));
    return {
      dashboard: JSON.parse(readFileSync(dashboardPath, 'utf8')),
      panelId: options.panelId === undefined ? undefined : Number(options.panelId),
      pluginMeta: pluginMetaFrom(pluginJson, buildInfo.grafana),
      datasource,
      hostVersion: buildInfo.grafana,
      reactVersion: buildInfo.react,
      theme: options.theme,
      language: options.language,
      range: options.range,
      refresh: options.refresh,
    };
  };

  const server = createServer((req, res) => {
    const target = acceptRequest(req, res);
    if (target === undefined) {
      return undefined;
    }
    const { path, search } = target;
    try {
      if (path === '/' || path === '/index.html') {
        return send(res, 200, INDEX_HTML, { 'Content-Type': CONTENT_TYPES['.html'] });
      }
      if (path === '/preview/config.json') {
        return send(res, 200, JSON.stringify(readConfig()), { 'Content-Type': CONTENT_TYPES['.json'] });
      }
      if (path === '/preview/host.js' || path === '/preview/host.css') {
        return sendFile(res, host.outDir, path.slice('/preview/'.length));
      }
      if (publicFiles(path, res)) {
        return undefined;
      }
      const proxy = /^\/api\/datasources\/proxy\/uid\/[^/]+\/(.+)$/.exec(path);
      if (proxy) {
        if (!PROM_API_PATHS.test(proxy[1]) || !['GET', 'POST'].includes(req.method ?? '')) {
          return send(res, 403, 'Only the Prometheus query API is proxied', { 'Content-Type': 'text/plain' });
        }
        return proxyToPrometheus(req, res, promUrl, proxy[1], search);
      }
      return send(res, 404, 'Not found', { 'Content-Type': 'text/plain' });
    } catch (error) {
      return send(res, 500, String(error?.message ?? error), { 'Content-Type': 'text/plain' });
    }
  });

  answerClientErrors(server);

  await new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(Number(options.port ?? 3000), '127.0.0.1', resolveListen);
  });
  const { port } = server.address();
  let ttlTimer;
  const close = () =>
    new Promise((done) => {
      clearTimeout(ttlTimer);
      server.closeAllConnections?.();
      server.close(() => done());
    });
  if (options.ttlSeconds) {
    ttlTimer = setTimeout(
      () => {
        console.log(`preview: stopping after ${options.ttlSeconds} s`);
        close().then(() => options.onTtl?.());
      },
      Number(options.ttlSeconds) * 1000
    );
    ttlTimer.unref?.();
  }
  return { url: `http://127.0.0.1:${port}`, port, close, buildInfo, dashboardPath };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '3000' },
      'prom-url': { type: 'string', default: 'http://127.0.0.1:9090' },
      dashboard: { type: 'string' },
      'panel-id': { type: 'string' },
      grafana: { type: 'string', default: '12' },
      dist: { type: 'string' },
      'datasource-uid': { type: 'string' },
      'scrape-interval': { type: 'string' },
      theme: { type: 'string' },
      language: { type: 'string' },
      range: { type: 'string' },
      refresh: { type: 'string' },
      ttl: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
    },
  });
  startPreviewServer({
    port: values.port,
    promUrl: values['prom-url'],
    dashboard: values.dashboard,
    panelId: values['panel-id'],
    grafana: values.grafana,
    dist: values.dist,
    datasourceUid: values['datasource-uid'],
    scrapeInterval: values['scrape-interval'],
    theme: values.theme,
    language: values.language,
    range: values.range,
    refresh: values.refresh,
    ttlSeconds: values.ttl,
    build: !values['no-build'],
    onTtl: () => process.exit(0),
  })
    .then(({ url, buildInfo, dashboardPath, close }) => {
      console.log(
        `preview: ${url} (Grafana ${buildInfo.grafana}, React ${buildInfo.react}) dashboard ${dashboardPath}`
      );
      const stop = () => close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    })
    .catch((error) => {
      console.error(`preview: ${error.message}`);
      process.exit(1);
    });
}
