#!/usr/bin/env node
/**
 * The preview server: a page that loads the built plugin the way Grafana does, next to a Prometheus.
 *
 *   node preview/server.mjs [--port 3000] [--prom-url http://127.0.0.1:9090] [--dashboard dashboards/port-status.json]
 *                           [--panel-id N] [--grafana 12|13] [--dist dist] [--scrape-interval 15s]
 *                           [--theme dark|light] [--language en-US|ko-KR] [--range now-1h] [--refresh 5s] [--ttl SECONDS] [--no-build]
 *
 * Serves, on 127.0.0.1 only:
 *   /                                          the page (the dashboard's panel)
 *   /a/<app id>, /a/<app id>/...                the same page, showing the app's pages (when dist/ is an app)
 *   /plugins/<app id>                           the same page, showing the app's configuration pages
 *   /d/<uid>/...                                the shown dashboard's uid: a redirect to /; another of dashboards/:
 *                                               how to open it in Grafana, with Prometheus links for its var-instance
 *   /preview/host.js, /preview/host.css         the host bundle (built on start when stale)
 *   /preview/config.json                        dashboard, panel, plugin meta, datasource settings
 *   /public/plugins/<plugin id>/...             each plugin's folder (an app's nested plugins under their own id)
 *   /public/(build/)img/icons/..., /public/fonts/...  @grafana/ui's icons and the Inter / Roboto Mono fonts
 *   /api/datasources/proxy/uid/<uid>/api/v1/... Prometheus' HTTP API, proxied (same origin, like Grafana's proxy)
 *   /api/datasources                            the one provisioned Prometheus data source
 *   /api/plugins/<app id>/settings              the app's settings (GET, POST JSON), kept in memory
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync, createReadStream } from 'node:fs';
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

// The app's setup check also reads the rules and Alertmanagers APIs (tests/e2e/app-host.test.ts).
const PROM_API_PATHS =
  /^api\/v1\/(query|query_range|labels|label\/[^/]+\/values|series|status\/buildinfo|metadata|rules|alertmanagers)$/;
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
  const name = /^\s*-?\s*name:\s*["']?([^"'#\n]+?)["']?\s*$/m.exec(text)?.[1];
  return { uid, scrapeInterval, name };
}

/**
 * The `jsonData` provisioning/plugins/*.yaml gives an app (flat `key: value` lines only), so that the
 * app starts with the settings Grafana's provisioning would give it.
 */
export function provisionedAppJsonData(appId) {
  const dir = join(REPO_DIR, 'provisioning', 'plugins');
  if (!existsSync(dir)) {
    return {};
  }
  for (const file of readdirSync(dir).filter((name) => /\.ya?ml$/.test(name))) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    const at = lines.findIndex((line) => /^\s*-\s*type:\s*["']?([^"'\s#]+)/.exec(line)?.[1] === appId);
    if (at < 0) {
      continue;
    }
    const rest = lines.slice(at + 1);
    const jsonData = {};
    let inJsonData = false;
    for (const line of rest) {
      if (/^\s*-\s/.test(line)) {
        break;
      }
      if (/^\s*jsonData:\s*$/.test(line)) {
        inJsonData = true;
        continue;
      }
      const entry = /^\s{6,}([A-Za-z0-9_]+):\s*["']?([^"'#]*?)["']?\s*(#.*)?$/.exec(line);
      if (inJsonData && entry) {
        jsonData[entry[1]] = entry[2] === 'true' ? true : entry[2] === 'false' ? false : entry[2];
      } else if (inJsonData && line.trim() !== '' && !line.trim().startsWith('#')) {
        inJsonData = false;
      }
    }
    return jsonData;
  }
  return {};
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
 * The plugins of a plugin folder the way Grafana finds them: its own plugin.json, and for an app the
 * nested plugins, each a folder below it with a plugin.json of its own (dist/panel/ for the Port Status
 * panel). Returns `{ app, panels }`: the app's plugin.json and folder, or undefined when the folder is a
 * panel's; the panel plugins with their folders, the folder's own first.
 */
export function discoverPlugins(distDir) {
  const read = (dir) => ({ json: JSON.parse(readFileSync(join(dir, 'plugin.json'), 'utf8')), dir });
  const top = read(distDir);
  if (top.json.type !== 'app') {
    return { app: undefined, panels: top.json.type === 'panel' ? [top] : [] };
  }
  const nested = [];
  const walk = (dir, depth) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === 'node_modules') {
        continue;
      }
      const sub = join(dir, entry.name);
      if (existsSync(join(sub, 'plugin.json'))) {
        nested.push(read(sub));
      } else if (depth < 2) {
        walk(sub, depth + 1);
      }
    }
  };
  walk(distDir, 0);
  return { app: top, panels: nested.filter((plugin) => plugin.json.type === 'panel') };
}

/**
 * Grafana's app plugin meta: what `/api/plugins/<id>/settings` answers and the frontend settings'
 * `apps[id]` hold, from plugin.json and the app's stored settings (`enabled`, `pinned`, `jsonData`).
 * From 12.1 it has `translations`, like a panel's (pluginMetaFrom).
 */
export function appMetaFrom(pluginJson, settings, grafanaVersion = '12.0.2') {
  const base = pluginMetaFrom(pluginJson, grafanaVersion);
  return {
    ...base,
    type: 'app',
    path: base.module,
    includes: pluginJson.includes ?? [],
    enabled: settings.enabled,
    pinned: settings.pinned,
    jsonData: settings.jsonData,
    secureJsonFields: {},
    preload: Boolean(pluginJson.preload),
    autoEnabled: Boolean(pluginJson.autoEnabled),
    dependencies: pluginJson.dependencies ?? {},
    extensions: { addedLinks: [], addedComponents: [], exposedComponents: [], extensionPoints: [], addedFunctions: [] },
    defaultNavUrl:
      (pluginJson.includes ?? []).find((include) => include.defaultNav)?.path ?? `/plugins/${pluginJson.id}/`,
  };
}

/**
 * Grafana's `/api/datasources` entry and frontend `datasources[name]` of the provisioned Prometheus.
 * The logo is one the preview serves (PROMETHEUS_LOGO), so that the data source picker draws it.
 */
export function datasourceListEntry(datasource) {
  return {
    id: 1,
    uid: datasource.uid,
    orgId: 1,
    name: datasource.name,
    type: 'prometheus',
    typeName: 'Prometheus',
    typeLogoUrl: PROMETHEUS_LOGO_PATH,
    access: 'proxy',
    url: `/api/datasources/proxy/uid/${datasource.uid}`,
    user: '',
    database: '',
    basicAuth: false,
    isDefault: true,
    readOnly: true,
    jsonData: { httpMethod: 'POST', ...(datasource.scrapeInterval ? { timeInterval: datasource.scrapeInterval } : {}) },
  };
}

export const PROMETHEUS_LOGO_PATH = 'public/app/plugins/datasource/prometheus/img/prometheus_logo.svg';
const PROMETHEUS_LOGO =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#e6522c"/>' +
  '<path d="M9 22h14v2H9zm1-3h12l-2-9-2 4-2-7-2 7-2-4z" fill="#fff"/></svg>';

/** Largest settings body the server reads; the app's settings are a few short strings. */
const MAX_SETTINGS_BYTES = 64 * 1024;

/**
 * How deep JSON may nest in a body. Settings stored from a deeper one could be read back (served,
 * written out) only by recursion that overflows the stack, so every later read failed with 500
 * ("a body nested too deep" in previewServer.test.ts).
 */
export const MAX_JSON_DEPTH = 32;

/** The nesting depth of a parsed JSON value (a scalar is 0), counted without recursion. */
export function jsonDepth(value) {
  let deepest = 0;
  const stack = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop();
    if (item !== null && typeof item === 'object') {
      deepest = Math.max(deepest, depth + 1);
      for (const child of Object.values(item)) {
        stack.push([child, depth + 1]);
      }
    }
  }
  return deepest;
}

/**
 * Reads a JSON request body of at most `limit` bytes, nested at most MAX_JSON_DEPTH levels:
 * `{ value }` or `{ status, error }`.
 */
function readJsonBody(req, limit) {
  return new Promise((resolveBody) => {
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    if (type !== 'application/json') {
      req.resume();
      resolveBody({ status: 415, error: 'The body must be application/json' });
      return;
    }
    const chunks = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit && !done) {
        done = true;
        resolveBody({ status: 413, error: `The body is larger than ${limit} bytes` });
      } else if (!done) {
        chunks.push(chunk);
      }
    });
    req.on('end', () => {
      if (done) {
        return;
      }
      done = true;
      let value;
      try {
        value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        resolveBody({ status: 400, error: 'The body is not JSON' });
        return;
      }
      resolveBody(
        jsonDepth(value) > MAX_JSON_DEPTH
          ? { status: 400, error: `The body is nested deeper than ${MAX_JSON_DEPTH} levels` }
          : { value }
      );
    });
    req.on('error', () => {
      if (!done) {
        done = true;
        resolveBody({ status: 400, error: 'The body could not be read' });
      }
    });
  });
}

/**
 * The settings Grafana's `POST /api/plugins/<id>/settings` takes (enabled, pinned, jsonData), merged
 * over the stored ones; `{ error }` for a body of another shape.
 */
export function updatedAppSettings(stored, body) {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { error: 'The body must be a JSON object' };
  }
  const next = { ...stored };
  for (const key of ['enabled', 'pinned']) {
    if (body[key] !== undefined) {
      if (typeof body[key] !== 'boolean') {
        return { error: `${key} must be true or false` };
      }
      next[key] = body[key];
    }
  }
  if (body.jsonData !== undefined) {
    if (!body.jsonData || typeof body.jsonData !== 'object' || Array.isArray(body.jsonData)) {
      return { error: 'jsonData must be an object' };
    }
    next.jsonData = body.jsonData;
  }
  return { settings: next };
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
  // A raw backslash is read by the URL parser as a slash (`/\\x/` as `//x/`, a host), so it is refused
  // rather than let through as another path (previewServer.test.ts, "backslashes").
  if (!target.startsWith('/') || target.startsWith('//') || target.includes('\\')) {
    return { error: 'The request target must be a path starting with a single /, without backslashes' };
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
  // Node answers this itself with an empty 400 unless the server is made with requireHostHeader: false;
  // this one says why (tests/tools/previewServer.test.ts, "answers an HTTP/1.1 request without Host").
  if (req.headers.host === undefined && req.httpVersion === '1.1') {
    send(res, 400, 'An HTTP/1.1 request needs a Host header', { 'Content-Type': 'text/plain' });
    return undefined;
  }
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

/**
 * Serves a file under `root`, never one outside it: the path is resolved with its symbolic links
 * before it is compared, so a link inside the folder to /etc serves nothing (previewServer.test.ts,
 * "symbolic links").
 */
export function sendFile(res, root, relativePath) {
  let file;
  try {
    file = realpathSync(normalize(join(root, relativePath)));
  } catch {
    file = undefined;
  }
  if (file === undefined || !file.startsWith(realpathSync(root) + sep) || !statSync(file).isFile()) {
    send(res, 404, 'Not found', { 'Content-Type': 'text/plain' });
    return;
  }
  streamFile(res, file, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
}

/**
 * Streams a file, its headers only once it is open: a file removed or unreadable between the checks
 * and the read (a rebuild under `npm run dev`) is a 404, and an error later ends that response
 * alone, never the server ("a file that cannot be opened" in previewServer.test.ts).
 */
export function streamFile(res, file, contentType) {
  const stream = createReadStream(file);
  stream.once('open', () => {
    res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
    stream.pipe(res);
  });
  stream.once('error', () => {
    if (res.headersSent) {
      res.destroy();
    } else {
      send(res, 404, 'Not found', { 'Content-Type': 'text/plain' });
    }
  });
  res.once('close', () => stream.destroy());
}

/** Methods the Prometheus proxy takes on an allowed path; the others are answered 405. */
const PROXY_METHODS = ['GET', 'POST'];

/**
 * The upstream URL for a decoded API path the allow-list took, or `{ error }`. The path was decoded,
 * so it is encoded again segment by segment: put back as it is, `%5c` decoded to `\` would become `/`,
 * `%3f` would start a query and `%2e%2e` would climb out of the allowed path, to status/config for
 * one. Dot segments and characters no API path has are refused outright, and the URL built is checked
 * to be the path allowed, unnormalised (tests/tools/previewServer.test.ts, "proxies only the query API").
 * @param {URL} promUrl
 * @param {string} apiPath
 * @param {string} search
 * @returns {{ url: URL } | { error: string }}
 */
export function prometheusApiUrl(promUrl, apiPath, search) {
  const segments = apiPath.split('/');
  if (segments.some((segment) => segment === '.' || segment === '..' || /[\\?#\u0000-\u001f\u007f]/.test(segment))) {
    return { error: 'The proxied path holds a character or segment no Prometheus API path has' };
  }
  const encoded = segments.map(encodeURIComponent).join('/');
  if (!PROM_API_PATHS.test(apiPath)) {
    return { error: 'Only the Prometheus query API is proxied' };
  }
  const base = promUrl.pathname.replace(/\/$/, '');
  const url = new URL(`${base}/${encoded}${search}`, promUrl);
  if (url.pathname !== `${base}/${encoded}` || url.origin !== promUrl.origin) {
    return { error: 'Only the Prometheus query API is proxied' };
  }
  return { url };
}

function proxyToPrometheus(req, res, target) {
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
      // A redirect's Location would name Prometheus' own address, which the page cannot follow and
      // which would leave the proxy's allow-list (tests/tools/previewServer.test.ts, "redirect").
      if ((answer.statusCode ?? 502) >= 300 && (answer.statusCode ?? 502) < 400) {
        answer.resume();
        send(res, 502, `Prometheus answered ${answer.statusCode}, a redirect the proxy does not follow`, {
          'Content-Type': 'text/plain',
          'X-Preview-Proxy-Error': '1',
        });
        return;
      }
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
  // A page that goes away (a refresh, a closed tab) leaves nothing running in Prometheus on its behalf
  // (tests/tools/previewServer.test.ts, "stops the upstream request").
  res.on('close', () => {
    if (!res.writableFinished) {
      upstream.destroy();
    }
  });
  upstream.on('error', (error) => {
    if (res.destroyed) {
      return;
    }
    if (!res.headersSent) {
      send(res, 502, error.message || String(error), { 'Content-Type': 'text/plain', 'X-Preview-Proxy-Error': '1' });
    } else {
      res.destroy();
    }
  });
  req.pipe(upstream);
}

/**
 * A page like Grafana's index.html: the boot data @grafana/runtime's config reads, then one stylesheet and
 * one script. `base` is Grafana's `<base href>` (its app sub-URL), against which plugins' relative
 * requests (`api/...`) resolve on pages below /a/<app id>/.
 */
export function pageShell({ title, stylesheet, script, base }) {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="icon" href="data:," />${base ? `\n    <base href="${base}" />` : ''}
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

/** Text for HTML, in element content or a quoted attribute: whatever a URL brought stays text. */
export function escapeHtml(value) {
  const entities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  return String(value).replace(/[&<>"']/g, (c) => entities[c]);
}

/**
 * A page of its own for the addresses the preview answers without its host bundle (Grafana dashboards it
 * cannot draw): a heading and the given HTML, which must already be escaped. `color-scheme` gives the
 * browser's own light or dark colours, so the page needs no theme.
 */
export function infoPage({ title, body }) {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(title)} · Portwatch preview</title>
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="icon" href="data:," />
    <style>
      :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
      body { max-width: 48rem; margin: 0 auto; padding: 1rem 1.5rem; }
      code { overflow-wrap: anywhere; }
    </style>
  </head>
  <body>
    <main>
      <h1>${escapeHtml(title)}</h1>
${body}
    </main>
  </body>
</html>
`;
}

/** Grafana's dashboard route, /d/<uid> or /d/<uid>/<slug>. */
const DASHBOARD_ROUTE = /^\/d\/([^/]+)(?:\/[^/]*)?\/?$/;

/** Grafana's relative time range start (`from=now-15m`) that the page's `range` takes as it is. */
const RELATIVE_FROM = /^now-\d+[smhdwMy]$/;

/**
 * The part of a Grafana dashboard URL's query the preview's page reads: its own `range`, `refresh`,
 * `theme`, `lang` and `panelId`, and Grafana's relative range (`from=now-15m&to=now`) as `range`. The page
 * has no dashboard variables from the URL (`var-*`) and no absolute range, so those are left out.
 * @param {string} search
 * @returns {string} the query, with its `?`, or ''
 */
export function previewQueryOf(search) {
  const given = new URLSearchParams(search);
  const kept = new URLSearchParams();
  const from = given.get('from');
  const to = given.get('to');
  if (from && RELATIVE_FROM.test(from) && (to === null || to === 'now')) {
    kept.set('range', from);
  }
  for (const key of ['range', 'refresh', 'theme', 'lang', 'panelId']) {
    const value = given.get(key);
    if (value) {
      kept.set(key, value);
    }
  }
  const query = kept.toString();
  return query ? `?${query}` : '';
}

/**
 * The project's dashboards (dashboards/*.json) by uid: title, file name, whether dashboards/import/ has a
 * copy, and the panel types they draw with.
 * @returns {Map<string, { title: string, file: string, importable: boolean, panelTypes: string[] }>}
 */
export function projectDashboards(dir = join(REPO_DIR, 'dashboards')) {
  const dashboards = new Map();
  if (!existsSync(dir)) {
    return dashboards;
  }
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
    const json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    if (typeof json.uid !== 'string') {
      continue;
    }
    const panelTypes = [...new Set((json.panels ?? []).map((panel) => panel.type).filter(Boolean))].sort();
    dashboards.set(json.uid, {
      title: String(json.title ?? json.uid),
      file,
      importable: existsSync(join(dir, 'import', file)),
      panelTypes,
    });
  }
  return dashboards;
}

/** A duration Prometheus' graph page reads (`range_input`): whole hours, minutes or seconds. */
function promDuration(seconds) {
  for (const [unit, size] of [
    ['h', 3600],
    ['m', 60],
  ]) {
    if (seconds % size === 0) {
      return `${seconds / size}${unit}`;
    }
  }
  return `${seconds}s`;
}

/**
 * The address of Prometheus' own graph page for `expr`, over the range of a Grafana URL's `from` and
 * `to`: relative (`now-30m`, to now) or absolute (milliseconds, as `${__url_time_range}` gives them);
 * an hour up to now otherwise.
 * @param {URL} promUrl
 * @param {string} expr
 * @param {URLSearchParams} query
 */
export function prometheusGraphUrl(promUrl, expr, query) {
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? 'now';
  const params = new URLSearchParams({ 'g0.expr': expr, 'g0.tab': '0', 'g0.range_input': '1h' });
  const relative = /^now-(\d+[smhdwy])$/.exec(from);
  if (relative && to === 'now') {
    params.set('g0.range_input', relative[1]);
  } else if (/^\d+$/.test(from) && /^\d+$/.test(to) && Number(to) > Number(from)) {
    const end = new Date(Number(to));
    // A time past what a Date holds (8.64e15 ms) is ignored, like a malformed one, rather than throwing
    // for the whole page (tests/tools/previewServer.test.ts, "out-of-range time").
    if (Number.isFinite(end.getTime())) {
      params.set('g0.range_input', promDuration(Math.ceil((Number(to) - Number(from)) / 1000)));
      // Prometheus reads the end as UTC, "YYYY-MM-DD HH:mm:ss".
      params.set('g0.end_input', end.toISOString().slice(0, 19).replace('T', ' '));
    }
  }
  const base = promUrl.href.endsWith('/') ? promUrl.href : `${promUrl.href}/`;
  return `${new URL('graph', base).href}?${params}`;
}

/** A PromQL string literal: JSON's escapes are Go's, which PromQL's strings follow. */
function promString(value) {
  return JSON.stringify(value);
}

/** The most targets one page lists, when a URL names several instances. */
const MAX_LISTED_INSTANCES = 10;

/**
 * The page for a project dashboard the preview cannot draw (Port detail: Grafana's core panels): what it
 * is, how to open it in Grafana, and for each `var-instance` of the URL the preview's Port Status and
 * Prometheus' graphs of the target's probe. Everything from the URL is escaped (tests/e2e/servers.test.ts).
 */
export function dashboardNeedsGrafanaPage({ uid, dashboard, served, search, promUrl }) {
  const query = new URLSearchParams(search);
  const instances = [...new Set(query.getAll('var-instance'))]
    .filter((value) => value !== '' && value !== '$__all')
    .slice(0, MAX_LISTED_INSTANCES);
  const link = (href, text) => `<a href="${escapeHtml(href)}">${text}</a>`;
  const code = (text) => `<code>${escapeHtml(text)}</code>`;
  const backHref = `/${previewQueryOf(search)}`;
  const what = instances.length
    ? ` for ${instances.map((instance) => `<strong data-testid="instance">${escapeHtml(instance)}</strong>`).join(', ')}`
    : '';
  const panels = dashboard.panelTypes.length ? ` (${dashboard.panelTypes.map(code).join(', ')})` : '';
  const importStep = dashboard.importable
    ? `<li>or import ${code(`dashboards/import/${dashboard.file}`)} into any Grafana (<em>Dashboards › New › Import</em>; it asks for the Prometheus data source).</li>`
    : `<li>or import ${code(`dashboards/${dashboard.file}`)} into a Grafana with the project's data source.</li>`;
  const targets = instances.map((instance) => {
    const matcher = `{instance=${promString(instance)}}`;
    return `      <h3>${escapeHtml(instance)}</h3>
      <ul>
        <li>${link(prometheusGraphUrl(promUrl, `probe_success${matcher}`, query), code(`probe_success${matcher}`))} in Prometheus</li>
        <li>${link(prometheusGraphUrl(promUrl, `probe_duration_seconds${matcher}`, query), code(`probe_duration_seconds${matcher}`))} in Prometheus</li>
      </ul>`;
  });
  return infoPage({
    title: `${dashboard.title} needs Grafana`,
    body: `      <p>This address is Grafana's ${escapeHtml(dashboard.title)} dashboard (uid ${code(uid)})${what}. It draws
      with Grafana's own panels${panels}, which this preview host does not have: it draws only the plugin's
      panel on the ${escapeHtml(served.title)} dashboard.</p>
      <h2>Open it in Grafana</h2>
      <ul>
        <li>Start the stack with Grafana, ${code('docker compose up')} as README.md's <em>Quick start</em> says, and
        open this same address there;</li>
        ${importStep}
      </ul>
      <h2>Without Grafana</h2>
      <ul>
        <li>${link(backHref, escapeHtml(served.title))} in this preview${instances.length ? ' (the panel has no filter in its URL: look for the tile)' : ''}</li>
      </ul>
${targets.join('\n')}`,
  });
}

/** The page for a dashboard uid neither the preview nor the project has. */
export function unknownDashboardPage({ uid, served }) {
  return infoPage({
    title: 'Dashboard not found',
    body: `      <p>No dashboard has the uid <code>${escapeHtml(uid)}</code> here. This preview shows
      <a href="/">${escapeHtml(served.title)}</a>.</p>`,
  });
}

const INDEX_HTML = pageShell({
  title: 'Portwatch preview',
  stylesheet: '/preview/host.css',
  script: '/preview/host.js',
  base: '/',
});

/**
 * The files a page that hosts the plugin asks Grafana for: the plugin's own under /public/plugins/<id>/,
 * @grafana/ui's icons and Grafana's fonts. Returns a handler that answers `path` and says true, or says
 * false for a path that is not one of these. `pluginId()` (one plugin in `distDir`) or `pluginDirs()` (id to
 * folder, for an app and its nested plugins) is read per request, so a rebuild may change it.
 */
export function grafanaPublicFiles({ host, distDir, pluginId, pluginDirs }) {
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
      // Each plugin under its own id, a nested one included (`pluginDirs()`: id -> folder).
      const dirs = pluginDirs ? pluginDirs() : { [pluginId()]: distDir };
      if (Object.hasOwn(dirs, plugin[1])) {
        sendFile(res, dirs[plugin[1]], plugin[2]);
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
    if (path === `/${PROMETHEUS_LOGO_PATH}`) {
      send(res, 200, PROMETHEUS_LOGO, { 'Content-Type': CONTENT_TYPES['.svg'] });
      return true;
    }
    if (path.startsWith('/public/fonts/inter/')) {
      sendFile(res, interDir, path.slice('/public/fonts/inter/'.length));
      return true;
    }
    if (path.startsWith('/public/fonts/roboto/') && path.endsWith('.woff2')) {
      streamFile(res, robotoMono, 'font/woff2');
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
  // Read per request, so that a rebuild of dist/ shows on the next page load.
  const plugins = () => discoverPlugins(distDir);
  const publicFiles = grafanaPublicFiles({
    host,
    distDir,
    pluginDirs: () => {
      const { app, panels } = plugins();
      return Object.fromEntries([...(app ? [app] : []), ...panels].map((plugin) => [plugin.json.id, plugin.dir]));
    },
  });

  const provisioned = provisionedDatasource();
  const datasource = {
    uid: options.datasourceUid ?? provisioned.uid ?? 'prometheus',
    name: provisioned.name ?? 'Prometheus',
    url: promUrl.toString().replace(/\/$/, ''),
    scrapeInterval: options.scrapeInterval ?? provisioned.scrapeInterval,
  };

  // The app's settings, as Grafana keeps them in its database: provisioned first, then what is POSTed,
  // for the server's lifetime.
  const initialApp = plugins().app;
  const appId = initialApp?.json.id;
  let appSettings;
  if (appId) {
    const jsonData = provisionedAppJsonData(appId);
    if (jsonData.datasourceUid !== undefined && jsonData.datasourceUid === provisioned.uid) {
      jsonData.datasourceUid = datasource.uid;
    }
    appSettings = { enabled: true, pinned: true, jsonData };
  }
  const appMeta = () => {
    const { app } = plugins();
    return app ? appMetaFrom(app.json, appSettings, buildInfo.grafana) : undefined;
  };

  const readConfig = () => {
    const { panels } = plugins();
    const dashboard = JSON.parse(readFileSync(dashboardPath, 'utf8'));
    // The panel the dashboard shows, else the first one found.
    const types = new Set((dashboard.panels ?? []).map((panel) => panel.type));
    const panel = panels.find((p) => types.has(p.json.id)) ?? panels[0];
    if (!panel) {
      throw new Error(`no panel plugin in ${distDir}`);
    }
    return {
      dashboard,
      panelId: options.panelId === undefined ? undefined : Number(options.panelId),
      pluginMeta: pluginMetaFrom(panel.json, buildInfo.grafana),
      appMeta: appMeta(),
      datasource,
      datasourceSettings: datasourceListEntry(datasource),
      hostVersion: buildInfo.grafana,
      reactVersion: buildInfo.react,
      theme: options.theme,
      language: options.language,
      range: options.range,
      refresh: options.refresh,
    };
  };

  const answerSettings = async (req, res, id) => {
    if (!appId || id !== appId) {
      return send(res, 404, JSON.stringify({ message: 'Plugin not found, no installed plugin with that id' }), {
        'Content-Type': CONTENT_TYPES['.json'],
      });
    }
    if (req.method === 'GET') {
      return send(res, 200, JSON.stringify(appMeta()), { 'Content-Type': CONTENT_TYPES['.json'] });
    }
    if (req.method !== 'POST') {
      return send(res, 405, 'Only GET and POST', { 'Content-Type': 'text/plain', Allow: 'GET, POST' });
    }
    const body = await readJsonBody(req, MAX_SETTINGS_BYTES);
    if (body.error) {
      return send(res, body.status, body.error, { 'Content-Type': 'text/plain', Connection: 'close' });
    }
    const update = updatedAppSettings(appSettings, body.value);
    if (update.error) {
      return send(res, 400, update.error, { 'Content-Type': 'text/plain' });
    }
    appSettings = update.settings;
    return send(res, 200, JSON.stringify({ message: 'Plugin settings updated' }), {
      'Content-Type': CONTENT_TYPES['.json'],
    });
  };

  /**
   * /d/<uid>: the dashboard the page shows is the page itself (a redirect to /, with the query the page
   * reads), another dashboard of the project a page on how to open it, any other uid a 404 page.
   */
  const answerDashboardRoute = (res, uid, search) => {
    const html = { 'Content-Type': CONTENT_TYPES['.html'] };
    const servedJson = JSON.parse(readFileSync(dashboardPath, 'utf8'));
    const served = { uid: servedJson.uid, title: String(servedJson.title ?? 'Dashboard') };
    if (uid === served.uid) {
      return send(res, 302, '', { Location: `/${previewQueryOf(search)}` });
    }
    const dashboard = projectDashboards().get(uid);
    if (!dashboard) {
      return send(res, 404, unknownDashboardPage({ uid, served }), html);
    }
    return send(res, 200, dashboardNeedsGrafanaPage({ uid, dashboard, served, search, promUrl }), html);
  };

  const server = createServer({ requireHostHeader: false }, (req, res) => {
    const target = acceptRequest(req, res);
    if (target === undefined) {
      return undefined;
    }
    const { path, search } = target;
    try {
      if (path === '/' || path === '/index.html') {
        return send(res, 200, INDEX_HTML, { 'Content-Type': CONTENT_TYPES['.html'] });
      }
      // Grafana's route for app pages, /a/:pluginId/*: one page, which reads the rest of the path.
      const appPage = /^\/a\/([^/]+)(\/.*)?$/.exec(path);
      if (appPage && appId && appPage[1] === appId) {
        return send(res, 200, INDEX_HTML, { 'Content-Type': CONTENT_TYPES['.html'] });
      }
      // Grafana's plugin details page, /plugins/:pluginId/, with a tab per configuration page of an app.
      // Other plugin ids, and paths below it, stay unknown here (404).
      const detailsPage = /^\/plugins\/([^/]+)\/?$/.exec(path);
      if (detailsPage && appId && detailsPage[1] === appId) {
        return send(res, 200, INDEX_HTML, { 'Content-Type': CONTENT_TYPES['.html'] });
      }
      // Grafana's dashboard addresses, which links from the panel and the app use.
      const dashboardRoute = DASHBOARD_ROUTE.exec(path);
      if (dashboardRoute) {
        return answerDashboardRoute(res, dashboardRoute[1], search);
      }
      const settings = /^\/api\/plugins\/([^/]+)\/settings$/.exec(path);
      if (settings) {
        return answerSettings(req, res, settings[1]).catch((error) =>
          send(res, 500, String(error?.message ?? error), { 'Content-Type': 'text/plain' })
        );
      }
      if (path === '/api/datasources' || path === `/api/datasources/uid/${datasource.uid}`) {
        if (req.method !== 'GET') {
          return send(res, 405, 'Only GET', { 'Content-Type': 'text/plain', Allow: 'GET' });
        }
        const entry = datasourceListEntry(datasource);
        return send(res, 200, JSON.stringify(path === '/api/datasources' ? [entry] : entry), {
          'Content-Type': CONTENT_TYPES['.json'],
        });
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
      const proxy = /^\/api\/datasources\/proxy\/uid\/([^/]+)\/(.+)$/.exec(path);
      if (proxy) {
        // Grafana's proxy answers 404 for a data source it does not have; so does this one.
        if (proxy[1] !== datasource.uid) {
          return send(res, 404, JSON.stringify({ message: 'Data source not found' }), {
            'Content-Type': CONTENT_TYPES['.json'],
          });
        }
        const upstream = prometheusApiUrl(promUrl, proxy[2], search);
        if ('error' in upstream) {
          return send(res, 403, upstream.error, { 'Content-Type': 'text/plain' });
        }
        if (!PROXY_METHODS.includes(req.method ?? '')) {
          return send(res, 405, 'Only GET and POST', { 'Content-Type': 'text/plain', Allow: PROXY_METHODS.join(', ') });
        }
        return proxyToPrometheus(req, res, upstream.url);
      }
      return send(res, 404, 'Not found', { 'Content-Type': 'text/plain' });
    } catch (error) {
      return send(res, 500, String(error?.message ?? error), { 'Content-Type': 'text/plain' });
    }
  });

  answerClientErrors(server);

  await new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(portSetting(options.port ?? 3000), '127.0.0.1', resolveListen);
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
  const url = `http://127.0.0.1:${port}`;
  const appUrl = appId ? `${url}/a/${appId}` : undefined;
  if (appUrl && !options.quiet) {
    // npm start (scripts/demo.mjs) shows the server's own output, so the app's address is printed here.
    console.log(`app: ${appUrl}`);
  }
  return { url, appUrl, port, close, buildInfo, dashboardPath };
}

/** A TCP port from a setting: an integer from 0 (any free port) to 65535, else an error that says so. */
export function portSetting(value) {
  const port = typeof value === 'number' ? value : /^\d+$/.test(String(value).trim()) ? Number(value) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a port number from 0 to 65535, not ${JSON.stringify(String(value))}`);
  }
  return port;
}

export const USAGE = `Usage: node preview/server.mjs [options]
  --port PORT                 the port on 127.0.0.1 (default 3000; 0 picks a free one)
  --prom-url URL              Prometheus on this machine (default http://127.0.0.1:9090)
  --dashboard FILE            the dashboard to show (default dashboards/port-status.json)
  --panel-id N                its panel to show (default: the first of the plugin's type)
  --grafana 12|13             the Grafana line the host is built from (default 12)
  --dist DIR                  the built plugin (default dist)
  --datasource-uid UID        the data source's uid (default: the provisioned one)
  --scrape-interval DURATION  the data source's scrape interval (default: the provisioned one)
  --theme dark|light, --language en-US|ko-KR, --range now-1h, --refresh 5s
  --ttl SECONDS               stop after that long
  --no-build                  do not rebuild the host bundle when it is stale`;

/**
 * The server's settings from its command line; throws an error whose message says what is wrong with
 * it, which the command line prints with the usage (tests/tools/previewServer.test.ts, "command line").
 * @param {string[]} argv
 */
export function previewSettings(argv) {
  const { values } = parseArgs({
    args: argv,
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
  if (values.ttl !== undefined && !(/^\d+$/.test(values.ttl) && Number(values.ttl) > 0)) {
    throw new Error(`--ttl must be a whole number of seconds above 0, not ${JSON.stringify(values.ttl)}`);
  }
  if (values['panel-id'] !== undefined && !/^\d+$/.test(values['panel-id'])) {
    throw new Error(`--panel-id must be a panel's numeric id, not ${JSON.stringify(values['panel-id'])}`);
  }
  if (!URL.canParse(values['prom-url'])) {
    throw new Error(`--prom-url must be a URL, not ${JSON.stringify(values['prom-url'])}`);
  }
  hostConfig(values.grafana);
  return {
    port: portSetting(values.port),
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
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    process.exit(0);
  }
  let settings;
  try {
    settings = previewSettings(args);
  } catch (error) {
    // A mistyped option is the user's, not the server's: the message and the usage, no stack, exit 2 as
    // scripts/demo.mjs does (tests/tools/previewServer.test.ts, "command line").
    console.error(`preview: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  startPreviewServer({ ...settings, onTtl: () => process.exit(0) })
    .then(({ url, buildInfo, dashboardPath, close }) => {
      // tests/e2e/helpers/preview.ts reads the address from this line.
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
