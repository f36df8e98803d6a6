#!/usr/bin/env node
/**
 * Demo targets for the Portwatch stack: things for blackbox_exporter to probe, and the service
 * discovery endpoint that tells Prometheus about some of them. Node built-ins only, so the same file
 * runs in its container and as a plain process.
 *
 * Listeners (container ports; each can be moved with a flag or variable):
 *   http   :5000  HTTP, 200 on /, /health and /status; 503 on /status/503; 200 on /maintenance with a
 *                 body that fails the http_content module's content check (stack/blackbox/blackbox.yml);
 *                 generated scale targets: 200 on /t/N, 503 on /down/N
 *   tls    :8443  HTTPS, the same routes, with a self-signed certificate made at start that expires
 *                 in 10 days (needs the openssl command; without it the service runs without this
 *                 listener and says why)
 *   tcp    :8080  raw TCP, accepts and closes
 *   tcpDown:8081  never opened: the demo's port that is meant to be DOWN
 *   dns    :5053  UDP DNS, answers A queries with 127.0.0.1
 *   admin  :5001  service discovery and the admin routes below
 *
 * Admin routes (JSON). Any web page the developer opens can send requests to 127.0.0.1, so every
 * route refuses a request whose Origin is another site or whose Host is not this server's name, and
 * every route that changes something (POST, PUT, DELETE) takes only `Content-Type: application/json`,
 * which a page of another site cannot send without asking first (tests/stack/targets.test.ts):
 *   GET    /                             the routes below, by method and path (ADMIN_ROUTES)
 *   GET    /health                       200 "ok"
 *   GET    /sd[?count=N]                 Prometheus http_sd target groups (N generated targets extra)
 *   GET    /admin/targets                the target groups added at run time
 *   POST   /admin/targets                {"target": "host:port", "labels": {...}, "module": "http_2xx"}
 *   DELETE /admin/targets?target=ADDR    removes one added target
 *   PUT    /admin/generated?count=N      serve N generated targets from /sd (scale tests; 0 removes them;
 *                                        every 50th is DOWN)
 *   GET    /admin/listeners              which listeners are up
 *   POST   /admin/listeners/NAME/stop    NAME is http, tls, tcp or dns: closes it, the process stays up
 *   POST   /admin/listeners/NAME/start   opens it again on the same port
 *   POST   /alerts                       Alertmanager webhook receiver: logs the notifications
 *   GET    /alerts                       the last notifications received there, as sent (receiver,
 *                                        status, groupKey, groupLabels, alerts with their labels)
 *   GET    /admin/alerts                 the last alerts received there, one entry each
 *
 * Settings, as `--name value` or environment variables:
 *   --host HOST             address to listen on (HOST, default 127.0.0.1; 0.0.0.0 in the container)
 *   --advertise HOST        host name put in discovered targets (ADVERTISE_HOST, default: --host)
 *   --http/--tls/--tcp/--tcp-down/--dns/--admin PORT
 *                           (HTTP_PORT, TLS_PORT, TCP_PORT, TCP_DOWN_PORT, DNS_PORT, ADMIN_PORT)
 *                           0 picks a free port
 *   --any-port-if-taken[=NAME,...]   fall back to a free port when a port is in use: every
 *                           listener's, or only those named (http, tls, tcp, tcpDown, dns, admin)
 *   --generated N           generated targets served from the start (GENERATED_TARGETS)
 *   --ready-file PATH       written as JSON {pid, ports, notes} once every listener is up; notes says
 *                           why a listener is missing (tls without openssl)
 *
 * Command line client for the admin routes, e.g. inside the container:
 *   node server.mjs add 10.0.0.7:22 service_name=ssh env=prod
 *   node server.mjs remove 10.0.0.7:22
 *   node server.mjs list
 */
import { spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import { writeFileSync, renameSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const DEFAULT_PORTS = { http: 5000, tls: 8443, tcp: 8080, tcpDown: 8081, dns: 5053, admin: 5001 };
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Body of an admin request; Alertmanager's notifications carry whole alert groups, so get more. */
const MAX_BODY = 16 * 1024;
const MAX_ALERTS_BODY = 1024 * 1024;
/**
 * Limits on what callers add to discovery. stack/prometheus/prometheus.yml's probe_http_sd job sets
 * target_limit, label_limit and label_value_length_limit above these, so that every target this
 * service can list is scraped (tests/stack/targets.test.ts compares them).
 */
export const LIMITS = Object.freeze({
  generated: 20000,
  added: 1000,
  labels: 16,
  labelNameLength: 64,
  valueLength: 1024,
});
const MAX_GENERATED = LIMITS.generated;

/**
 * A count of generated targets from a request: digits in the query (queryCount), a number in a JSON
 * body. `count=` and "5" in JSON are no count, on the read route as on the write one ("serves 2,000
 * generated targets" and "JSON bodies of another shape" in tests/stack/targets.test.ts).
 */
function generatedCount(count) {
  if (!Number.isInteger(count) || count < 0 || count > MAX_GENERATED) {
    throw badRequest(`count must be an integer from 0 to ${MAX_GENERATED}`);
  }
  return count;
}

/** A count given in a query: digits only, else NaN, which generatedCount refuses. */
function queryCount(text) {
  return /^\d+$/.test(text) ? Number(text) : NaN;
}

/**
 * The `--generated` of `npm start` and `npm run stack`, checked before anything starts: a whole number
 * from 0 to LIMITS.generated (this service itself caps what it is given).
 * @param {string} text
 * @returns {number}
 */
export function generatedSetting(text) {
  if (!/^\d+$/.test(text) || Number(text) > MAX_GENERATED) {
    throw new Error(`--generated must be a whole number from 0 to ${MAX_GENERATED}, not ${JSON.stringify(text)}`);
  }
  return Number(text);
}
/**
 * The admin server's routes, which `GET /` lists for whoever opens the address the banner prints.
 * Every route the server answers is here ("lists its routes" in tests/stack/targets.test.ts).
 */
export const ADMIN_ROUTES = [
  'GET /',
  'GET /health',
  'GET /sd',
  'GET /admin/targets',
  'POST /admin/targets',
  'DELETE /admin/targets',
  'PUT /admin/generated',
  'POST /admin/generated',
  'GET /admin/listeners',
  'POST /admin/listeners/{http,tls,tcp,dns}/{stop,start}',
  'POST /alerts',
  'GET /alerts',
  'GET /admin/alerts',
];

/** Labels a caller may not set: Prometheus' own (`__*`), and `job`, which would pose as another job. */
const RESERVED_LABEL = /^(__.*|job)$/;

/** A label value with markup in it, so that every view of the labels gets its escaping exercised. */
export const MARKUP_SERVICE_NAME = '<img src=x onerror=alert(1)>';

/**
 * Days the TLS listener's certificate is valid: inside the Port Status panel's default warning window
 * (14 days), so that its tile shows the expiry (tests/e2e/facts.test.ts).
 */
export const CERT_DAYS = 10;
/** What /maintenance answers with 200: no `ok` line, so the http_content module's check fails. */
export const MAINTENANCE_BODY = 'down for maintenance, back soon\n';

const PEM_KEY = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----\n?/;
const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/;

/**
 * A self-signed certificate for `names` (host names and IP addresses) valid from now for `days`, and
 * its key, made by the openssl command: Node makes keys but not X.509 certificates. Both come back on
 * openssl's standard output, so nothing is written to disk (the container's file system is
 * read-only). Throws with the reason when openssl is missing or fails.
 * @param {{ days?: number, names?: string[], openssl?: string }} [options]
 * @returns {{ key: string, cert: string }}
 */
export function makeCertificate({ days = CERT_DAYS, names = [], openssl = 'openssl' } = {}) {
  const san = [...new Set(['localhost', ...names])]
    .filter((name) => (net.isIP(name) && name !== '0.0.0.0' && name !== '::') || /^[a-zA-Z0-9.-]+$/.test(name))
    .map((name) => (net.isIP(name) ? `IP:${name}` : `DNS:${name}`))
    .join(',');
  const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  args.push('-keyout', '-', '-days', String(days), '-subj', '/CN=portwatch-demo', '-addext', `subjectAltName=${san}`);
  const result = spawnSync(openssl, args, { encoding: 'utf8', timeout: 20000 });
  if (result.error) {
    throw new Error(
      result.error.code === 'ENOENT'
        ? `the ${openssl} command was not found: install openssl for the TLS listener`
        : `${openssl} failed: ${result.error.message}`
    );
  }
  const key = PEM_KEY.exec(result.stdout)?.[0];
  const cert = PEM_CERT.exec(result.stdout)?.[0];
  if (result.status !== 0 || !key || !cert) {
    throw new Error(`${openssl} made no certificate (exit ${result.status}): ${result.stderr.trim().slice(-500)}`);
  }
  return { key, cert };
}

function defaultLog(message, fields = {}) {
  const extra = Object.entries(fields)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(' ');
  process.stdout.write(`${new Date().toISOString()} ${message}${extra ? ' ' + extra : ''}\n`);
}

function formatHost(host) {
  return net.isIPv6(host) ? `[${host}]` : host;
}

/** Binds a server to host:port; with fallback, to a free port when that one is taken. */
function listen(server, host, port, fallback) {
  return new Promise((resolve, reject) => {
    const attempt = (p, canRetry) => {
      const onError = (error) => {
        server.removeListener('listening', onListening);
        if (canRetry && error.code === 'EADDRINUSE') {
          attempt(0, false);
        } else {
          reject(error);
        }
      };
      const onListening = () => {
        server.removeListener('error', onError);
        resolve(server.address().port);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      if (server instanceof dgram.Socket) {
        server.bind(p, host);
      } else {
        server.listen(p, host);
      }
    };
    attempt(port, fallback && port !== 0);
  });
}

/** A port nothing listens on: found free, then left closed. */
// The closed port must stay closed for the demo's whole life, yet nothing holds it. A port the kernel
// hands out for "any free port" comes from its ephemeral range (32768 and up on Linux) and would
// soon be given to another server on the machine, so a closed port of our choosing lies below it.
const CLOSED_PORT_RANGE = { from: 20000, to: 32000 };

async function canListen(host, port) {
  const probe = net.createServer();
  try {
    await listen(probe, host, port, false);
    await new Promise((resolve) => probe.close(resolve));
    return true;
  } catch {
    return false;
  }
}

async function closedPort(host, preferred, fallback) {
  if (preferred !== 0) {
    if (await canListen(host, preferred)) {
      return preferred;
    }
    if (!fallback) {
      throw Object.assign(new Error(`port ${preferred} on ${host} is in use`), { code: 'EADDRINUSE' });
    }
  }
  const span = CLOSED_PORT_RANGE.to - CLOSED_PORT_RANGE.from;
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = CLOSED_PORT_RANGE.from + Math.floor(Math.random() * span);
    if (await canListen(host, port)) {
      return port;
    }
  }
  throw new Error(`no free port between ${CLOSED_PORT_RANGE.from} and ${CLOSED_PORT_RANGE.to} on ${host}`);
}

function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      reject(Object.assign(new Error(`body larger than ${limit} bytes`), { status: 413 }));
      return;
    }
    let size = 0;
    const chunks = [];
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) {
        // Stop reading; the answer closes the connection, so the rest is never read.
        req.removeAllListeners('data');
        req.pause();
        reject(Object.assign(new Error(`body larger than ${limit} bytes`), { status: 413 }));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The request's JSON body, which must be an object (an empty body is `{}`). Every route reads fields
 * of it, so `null`, an array or a number is the caller's error, 400, not a TypeError's 500
 * (tests/stack/targets.test.ts, "answers JSON bodies of another shape with 400").
 */
async function readJson(req, limit = MAX_BODY) {
  const text = await readBody(req, limit);
  if (!text) {
    return {};
  }
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest('body is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('body must be a JSON object');
  }
  // What is kept of a body is listed later as JSON: one nested deeper would fail every listing.
  if (jsonDepth(body) > MAX_JSON_DEPTH) {
    throw badRequest(`body is nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  return body;
}

/** How deep a body may nest; Alertmanager's webhook payloads nest four levels. */
const MAX_JSON_DEPTH = 32;

/**
 * The nesting depth of a parsed JSON value (a scalar is 0), counted without recursion. The same as
 * preview/server.mjs's: this service is built as a container of its own and cannot import it.
 */
function jsonDepth(value) {
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

function send(res, status, body) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
    'cache-control': 'no-store',
  });
  res.end(text);
}

/** A value if it is text, else undefined. */
function textOf(value) {
  return typeof value === 'string' ? value : undefined;
}

function badRequest(message) {
  return Object.assign(new Error(message), { status: 400 });
}

/**
 * Why a request may not come in, or null. Browsers send Origin with every cross-site request but a
 * plain GET, and a page that rebinds its own name to 127.0.0.1 still sends its name as Host; Prometheus,
 * Alertmanager, curl and the command line client send no Origin and address this server by its name.
 * @param {import('node:http').IncomingMessage} req
 * @param {Set<string>} hostNames names this server answers to besides IP addresses and localhost
 */
function refusal(req, hostNames) {
  // Node would answer this itself, with an empty 400 that says nothing (requireHostHeader: false below).
  if (req.headers.host === undefined && req.httpVersion === '1.1') {
    return { status: 400, message: 'an HTTP/1.1 request needs a Host header' };
  }
  const host = req.headers.host ?? '';
  const hostName = host
    .replace(/:\d+$/, '')
    .replace(/^\[(.*)\]$/, '$1')
    .toLowerCase();
  if (!net.isIP(hostName) && hostName !== 'localhost' && !hostNames.has(hostName)) {
    return { status: 403, message: `requests for host ${JSON.stringify(host)} are refused` };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) {
    return { status: 403, message: `requests from another site (Origin ${origin}) are refused` };
  }
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') {
      return { status: 415, message: `${method} takes Content-Type: application/json only` };
    }
  }
  return null;
}

/**
 * Checks an added target and turns it into a target group.
 * @param {{ target?: unknown, labels?: unknown, module?: unknown }} [body] what a client sent
 * @returns {{ targets: string[], labels: Record<string, string> }}
 */
export function toTargetGroup({ target, labels = {}, module } = {}) {
  if (typeof target !== 'string' || target.length === 0 || target.length > LIMITS.valueLength || /\s/.test(target)) {
    throw badRequest(`target must be an address or URL of 1 to ${LIMITS.valueLength} characters without spaces`);
  }
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) {
    throw badRequest('labels must be an object of strings');
  }
  /** @type {Record<string, string>} */
  const out = {};
  for (const [name, value] of Object.entries(labels)) {
    if (!LABEL_NAME.test(name) || name.length > LIMITS.labelNameLength) {
      throw badRequest(`invalid label name ${JSON.stringify(name.slice(0, 100))}`);
    }
    if (RESERVED_LABEL.test(name)) {
      throw badRequest(`label ${name} is reserved`);
    }
    if (typeof value !== 'string' || value.length > LIMITS.valueLength) {
      throw badRequest(`label ${name} must be a string of at most ${LIMITS.valueLength} characters`);
    }
    out[name] = value;
  }
  if (module !== undefined) {
    out.module = module;
  }
  if (out.module !== undefined && (typeof out.module !== 'string' || !LABEL_NAME.test(out.module))) {
    throw badRequest('module must be a blackbox module name');
  }
  if (Object.keys(out).length > LIMITS.labels) {
    throw badRequest(`at most ${LIMITS.labels} labels, module included`);
  }
  return { targets: [target], labels: out };
}

const ENVS = ['production', 'staging', 'dev'];

/** N generated targets for scale tests: HTTP paths on the demo server, every 50th one answering 503. */
export function generatedTargets(count, host, ports) {
  const groups = [];
  for (let i = 0; i < count; i++) {
    const down = i % 50 === 49;
    groups.push({
      targets: [`http://${host}:${ports.http}/${down ? 'down' : 't'}/${i}`],
      labels: {
        service_name: `svc-${String(i).padStart(4, '0')}`,
        env: ENVS[i % ENVS.length],
        team: `team-${i % 20}`,
        module: 'http_2xx',
      },
    });
  }
  return groups;
}

/**
 * Starts every listener. Returns the ports bound and controls; used by the command line below and
 * usable in-process. Settings: host, advertise, ports, anyPortIfTaken, generated, extraTargets and
 * log (message, fields).
 */
export async function startTargets(settings = {}) {
  const log = settings.log ?? defaultLog;
  const host = settings.host ?? '127.0.0.1';
  // true, or the names of the listeners that may move: a port asked for explicitly never does.
  const anyPortIfTaken = settings.anyPortIfTaken ?? false;
  const fallback = (name) =>
    anyPortIfTaken === true || (Array.isArray(anyPortIfTaken) && anyPortIfTaken.includes(name));
  const want = { ...DEFAULT_PORTS, ...(settings.ports ?? {}) };
  const advertise = settings.advertise ?? host;
  const adv = formatHost(advertise === '0.0.0.0' || advertise === '::' ? '127.0.0.1' : advertise);
  /** @type {Partial<Record<keyof typeof DEFAULT_PORTS, number>>} */
  const ports = {};
  const added = new Map();
  const alerts = [];
  const notifications = [];
  let generated = Math.min(Number(settings.generated ?? 0) || 0, MAX_GENERATED);
  /** Why a listener is missing, by name: the demo runs without it rather than not at all. */
  const notes = {};

  // The certificate is made once, at start: a TLS listener stopped and started again keeps it, as a
  // restarted server would.
  let certificate;
  try {
    certificate = makeCertificate({ names: ['targets', host, advertise, '127.0.0.1'], openssl: settings.openssl });
  } catch (error) {
    notes.tls = `no TLS listener: ${error.message}`;
    log('no TLS listener', { reason: error.message });
  }

  // --- probed listeners -------------------------------------------------------------------------
  /** The demo HTTP routes, over HTTP and HTTPS. */
  const answer = (req, res) => {
    const url = req.url ?? '';
    res.setHeader('connection', 'close');
    if (['/', '/health', '/status'].includes(url) || /^\/t\/\d+$/.test(url)) {
      send(res, 200, 'ok\n');
    } else if (url === '/status/503' || /^\/down\/\d+$/.test(url)) {
      send(res, 503, 'unavailable\n');
    } else if (url === '/maintenance') {
      send(res, 200, MAINTENANCE_BODY);
    } else {
      send(res, 404, 'not found\n');
    }
  };
  const sockets = { http: new Set(), tls: new Set(), tcp: new Set() };
  const factories = {
    http: () => http.createServer(answer),
    tls: () => {
      if (!certificate) {
        throw Object.assign(new Error(notes.tls), { status: 409 });
      }
      return https.createServer({ key: certificate.key, cert: certificate.cert }, answer);
    },
    tcp: () =>
      net.createServer((socket) => {
        socket.on('error', () => {});
        socket.end();
      }),
    dns: () => {
      const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
      socket.on('message', (msg, rinfo) => answerDnsQuery(socket, msg, rinfo, log));
      return socket;
    },
  };
  const listeners = {};

  async function openListener(name) {
    if (listeners[name]) {
      return;
    }
    const server = factories[name]();
    if (sockets[name]) {
      server.on('connection', (socket) => {
        sockets[name].add(socket);
        socket.on('close', () => sockets[name].delete(socket));
      });
    }
    const port = await listen(server, host, ports[name] ?? want[name], ports[name] === undefined && fallback(name));
    // An 'error' event nobody listens for ends the process, and with it the whole demo stack: one
    // listener's trouble after it is up is logged instead. No test can make a bound socket fail.
    server.on('error', (error) => log('listener error', { name, error: error.message }));
    ports[name] = port;
    listeners[name] = server;
    log('listening', { name, host, port });
  }

  async function closeListener(name) {
    const server = listeners[name];
    if (!server) {
      return;
    }
    delete listeners[name];
    await new Promise((resolve) => {
      if (server instanceof dgram.Socket) {
        server.close(() => resolve());
      } else {
        server.close(() => resolve());
        for (const socket of sockets[name] ?? []) {
          socket.destroy();
        }
      }
    });
    log('closed', { name, port: ports[name] });
  }

  // --- service discovery and admin -------------------------------------------------------------
  function demoGroups() {
    return [
      {
        targets: [`http://${adv}:${ports.http}/`],
        labels: { service_name: 'web-frontend', env: 'production', team: 'storefront', module: 'http_2xx' },
      },
      {
        targets: [`${adv}:${ports.admin}`],
        labels: { service_name: 'service-discovery', env: 'demo', team: 'platform' },
      },
      {
        targets: [`http://${adv}:${ports.http}/status`],
        labels: { service_name: MARKUP_SERVICE_NAME, env: 'demo', team: '<b>markup</b>', module: 'http_2xx' },
      },
    ];
  }

  function sdGroups(count = generated) {
    return [...demoGroups(), ...added.values(), ...generatedTargets(count, adv, ports)];
  }

  /**
   * Keeps the fields shown of each alert, and only as text: whatever else a sender nests there is
   * dropped, so that a body shaped otherwise can neither fail this nor the lists that show it later
   * (tests/stack/targets.test.ts, "alerts of another shape").
   */
  function recordAlerts(source, list) {
    for (const alert of Array.isArray(list) ? list : []) {
      const labels = alert?.labels ?? {};
      const endsAt = textOf(alert?.endsAt);
      const ended = endsAt !== undefined && Date.parse(endsAt) <= Date.now();
      const entry = {
        at: new Date().toISOString(),
        source,
        status: textOf(alert?.status) ?? (ended ? 'resolved' : 'firing'),
        alertname: textOf(labels.alertname),
        instance: textOf(labels.instance),
        summary: textOf(alert?.annotations?.summary),
      };
      alerts.push(entry);
      log('alert', entry);
    }
    alerts.splice(0, Math.max(0, alerts.length - 200));
  }

  const hostNames = new Set([host, advertise].map((name) => name.toLowerCase()));
  const admin = http.createServer({ requireHostHeader: false }, async (req, res) => {
    try {
      const refused = refusal(req, hostNames);
      if (refused) {
        log('request refused', { method: req.method, url: req.url?.slice(0, 200), reason: refused.message });
        throw Object.assign(new Error(refused.message), { status: refused.status });
      }
      // A raw backslash reads as a slash to the URL parser (`/\\x/health` as `//x/health`, a host).
      const target = req.url ?? '/';
      if (!target.startsWith('/') || target.startsWith('//') || target.includes('\\')) {
        throw badRequest('the request target must be a path, without backslashes');
      }
      let url;
      try {
        url = new URL(target, 'http://admin');
      } catch {
        throw badRequest('the request target is not a valid path');
      }
      const path = url.pathname;
      // As the preview server does (preview/server.mjs, parseRequestTarget): `/%zz` is malformed, not
      // a path that has no route (tests/stack/targets.test.ts, "answers malformed request targets").
      try {
        decodeURIComponent(path);
      } catch {
        throw badRequest('the request target has a malformed percent-encoding');
      }
      const method = req.method ?? 'GET';
      const route = `${method} ${path}`;
      if (route === 'GET /') {
        return send(res, 200, { service: 'Portwatch demo targets', routes: ADMIN_ROUTES });
      }
      if (route === 'GET /health') {
        return send(res, 200, 'ok\n');
      }
      if (route === 'GET /sd') {
        const given = url.searchParams.get('count');
        return send(res, 200, sdGroups(given === null ? generated : generatedCount(queryCount(given))));
      }
      if (route === 'GET /admin/targets') {
        return send(res, 200, [...added.values()]);
      }
      if (route === 'POST /admin/targets') {
        const group = toTargetGroup(await readJson(req));
        if (added.size >= LIMITS.added && !added.has(group.targets[0])) {
          throw badRequest(`at most ${LIMITS.added} added targets; remove some first`);
        }
        added.set(group.targets[0], group);
        log('target added', { target: group.targets[0], labels: group.labels });
        return send(res, 201, group);
      }
      if (route === 'DELETE /admin/targets') {
        const target = url.searchParams.get('target') ?? (await readJson(req)).target;
        const existed = added.delete(target);
        log('target removed', { target, existed });
        return send(res, existed ? 200 : 404, { target, removed: existed });
      }
      if (route === 'PUT /admin/generated' || route === 'POST /admin/generated') {
        const given = url.searchParams.get('count');
        const count = generatedCount(given !== null ? queryCount(given) : (await readJson(req)).count);
        generated = count;
        log('generated targets', { count });
        return send(res, 200, { count });
      }
      if (route === 'GET /admin/listeners') {
        return send(res, 200, status());
      }
      const m = /^\/admin\/listeners\/(http|tls|tcp|dns)\/(start|stop)$/.exec(path);
      if (m && method === 'POST') {
        await (m[2] === 'stop' ? closeListener(m[1]) : openListener(m[1]));
        return send(res, 200, status());
      }
      if (route === 'POST /alerts') {
        const body = await readJson(req, MAX_ALERTS_BODY);
        const received = body.alerts ?? [];
        if (
          !Array.isArray(received) ||
          !received.every((a) => typeof a === 'object' && a !== null && !Array.isArray(a))
        ) {
          throw badRequest('alerts must be an array of alert objects');
        }
        recordAlerts('alertmanager', received);
        const { receiver, status, groupKey, groupLabels } = body;
        notifications.push({ at: new Date().toISOString(), receiver, status, groupKey, groupLabels, alerts: received });
        notifications.splice(0, Math.max(0, notifications.length - 200));
        return send(res, 200, { ok: true });
      }
      if (route === 'GET /alerts') {
        return send(res, 200, notifications);
      }
      if (route === 'GET /admin/alerts') {
        return send(res, 200, alerts);
      }
      return send(res, 404, { error: `no route ${route}` });
    } catch (error) {
      res.setHeader('connection', 'close');
      return send(res, error.status ?? 500, { error: error.message });
    }
  });

  function status() {
    return Object.fromEntries(
      ['http', 'tls', 'tcp', 'dns'].map((name) => [
        name,
        { port: ports[name], up: Boolean(listeners[name]), ...(notes[name] ? { note: notes[name] } : {}) },
      ])
    );
  }

  // --- start ---------------------------------------------------------------------------------
  try {
    ports.admin = await listen(admin, host, want.admin, fallback('admin'));
    log('listening', { name: 'admin', host, port: ports.admin });
    for (const name of ['http', 'tls', 'tcp', 'dns']) {
      if (!notes[name]) {
        await openListener(name);
      }
    }
    ports.tcpDown = await closedPort(host, want.tcpDown, fallback('tcpDown'));
    for (const target of settings.extraTargets ?? []) {
      const group = toTargetGroup(target);
      added.set(group.targets[0], group);
    }
  } catch (error) {
    admin.close();
    for (const name of Object.keys(listeners)) {
      await closeListener(name);
    }
    throw error;
  }

  return {
    // Every port is bound by now, tls's unless notes.tls says why not.
    ports: /** @type {Record<keyof typeof DEFAULT_PORTS, number>} */ ({ ...ports }),
    notes: { ...notes },
    stopListener: closeListener,
    startListener: openListener,
    sdGroups,
    async close() {
      for (const name of Object.keys(listeners)) {
        await closeListener(name);
      }
      await new Promise((resolve) => {
        admin.close(() => resolve());
        admin.closeAllConnections();
      });
    },
  };
}

// --- DNS ---------------------------------------------------------------------------------------

/**
 * Answers one datagram on `socket`, when it is a query that can be answered; says whether a reply was
 * sent. A datagram's source port can be 0, which send() refuses by throwing, and a throw in a
 * 'message' handler would end the process and the whole demo stack with it; a reply that cannot be
 * sent is logged instead (tests/stack/targets.test.ts, "never lets a DNS query end the process").
 * @param {{ send: Function }} socket
 * @param {Buffer} msg
 * @param {{ address: string, port: number }} rinfo
 * @param {(message: string, fields?: object) => void} [log]
 * @returns {boolean}
 */
export function answerDnsQuery(socket, msg, rinfo, log = defaultLog) {
  if (!Number.isInteger(rinfo.port) || rinfo.port < 1 || rinfo.port > 65535) {
    return false;
  }
  const reply = dnsReply(msg);
  if (!reply) {
    return false;
  }
  const failed = (error) => log('DNS reply not sent', { to: `${rinfo.address}:${rinfo.port}`, error: error.message });
  try {
    socket.send(reply, rinfo.port, rinfo.address, (error) => error && failed(error));
  } catch (error) {
    failed(error);
    return false;
  }
  return true;
}

/** Answers a DNS query: A queries get 127.0.0.1, every other type an empty NOERROR answer. */
export function dnsReply(msg) {
  if (msg.length < 12 || msg.readUInt16BE(4) !== 1) {
    return null;
  }
  let offset = 12;
  while (offset < msg.length && msg[offset] !== 0) {
    if ((msg[offset] & 0xc0) !== 0) {
      return null;
    }
    offset += msg[offset] + 1;
  }
  offset += 1;
  if (offset + 4 > msg.length) {
    return null;
  }
  const qtype = msg.readUInt16BE(offset);
  const question = msg.subarray(12, offset + 4);
  const answer = qtype === 1;
  const header = Buffer.alloc(12);
  header.writeUInt16BE(msg.readUInt16BE(0), 0); // id
  header.writeUInt16BE(0x8000 | (msg.readUInt16BE(2) & 0x0100) | 0x0400 | 0x0080, 2); // QR, RD, AA, RA
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answer ? 1 : 0, 6);
  const parts = [header, question];
  if (answer) {
    const rr = Buffer.alloc(16);
    rr.writeUInt16BE(0xc00c, 0); // name: pointer to the question
    rr.writeUInt16BE(1, 2); // A
    rr.writeUInt16BE(1, 4); // IN
    rr.writeUInt32BE(60, 6); // TTL
    rr.writeUInt16BE(4, 10);
    Buffer.from([127, 0, 0, 1]).copy(rr, 12);
    parts.push(rr);
  }
  return Buffer.concat(parts);
}

// --- command line ------------------------------------------------------------------------------

function parseArgs(argv) {
  const options = {};
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--any-port-if-taken') {
      options['any-port-if-taken'] = true;
    } else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2);
      options[name] = inline ?? argv[++i];
    } else {
      rest.push(arg);
    }
  }
  return { options, rest };
}

function portSetting(value, fallback) {
  if (value === undefined || value === '') {
    return fallback;
  }
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`invalid port ${value}`);
  }
  return port;
}

async function client(command, args, options) {
  const base = `http://127.0.0.1:${portSetting(options.admin ?? process.env.ADMIN_PORT, DEFAULT_PORTS.admin)}`;
  let response;
  if (command === 'add') {
    const [target, ...pairs] = args;
    const labels = Object.fromEntries(pairs.map((p) => p.split(/=(.*)/s, 2)));
    const module = labels.module;
    delete labels.module;
    response = await fetch(`${base}/admin/targets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ target, labels, module }),
    });
  } else if (command === 'remove') {
    response = await fetch(`${base}/admin/targets?target=${encodeURIComponent(args[0] ?? '')}`, {
      method: 'DELETE',
      headers: { 'content-type': 'application/json' },
    });
  } else if (command === 'list') {
    response = await fetch(`${base}/sd`);
  } else {
    throw new Error(`unknown command ${command}: use add, remove or list`);
  }
  process.stdout.write(`${await response.text()}\n`);
  return response.ok ? 0 : 1;
}

async function main() {
  const { options, rest } = parseArgs(process.argv.slice(2));
  if (rest.length > 0) {
    process.exitCode = await client(rest[0], rest.slice(1), options);
    return;
  }
  const env = process.env;
  const host = options.host ?? env.HOST ?? '127.0.0.1';
  const anyPort = options['any-port-if-taken'];
  const running = await startTargets({
    host,
    advertise: options.advertise ?? env.ADVERTISE_HOST ?? host,
    anyPortIfTaken: typeof anyPort === 'string' ? anyPort.split(',') : Boolean(anyPort),
    generated: Number(options.generated ?? env.GENERATED_TARGETS ?? 0),
    ports: {
      http: portSetting(options.http ?? env.HTTP_PORT, DEFAULT_PORTS.http),
      tls: portSetting(options.tls ?? env.TLS_PORT, DEFAULT_PORTS.tls),
      tcp: portSetting(options.tcp ?? env.TCP_PORT, DEFAULT_PORTS.tcp),
      tcpDown: portSetting(options['tcp-down'] ?? env.TCP_DOWN_PORT, DEFAULT_PORTS.tcpDown),
      dns: portSetting(options.dns ?? env.DNS_PORT, DEFAULT_PORTS.dns),
      admin: portSetting(options.admin ?? env.ADMIN_PORT, DEFAULT_PORTS.admin),
    },
  });
  defaultLog('ready', { ports: running.ports });
  if (options['ready-file']) {
    const file = options['ready-file'];
    writeFileSync(`${file}.tmp`, JSON.stringify({ pid: process.pid, ports: running.ports, notes: running.notes }));
    renameSync(`${file}.tmp`, file);
  }
  const shutdown = (signal) => {
    defaultLog('stopping', { signal });
    const timer = setTimeout(() => process.exit(0), 2000);
    timer.unref();
    running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
}
