// The demo targets service, in-process on free loopback ports.
import dgram from 'node:dgram';
import http from 'node:http';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';

import {
  ADMIN_ROUTES,
  answerDnsQuery,
  CERT_DAYS,
  dnsReply,
  generatedTargets,
  LIMITS,
  MAINTENANCE_BODY,
  MARKUP_SERVICE_NAME,
  startTargets,
  toTargetGroup,
} from '../../targets/server.mjs';
import { socketTable } from '../../stack/procs.mjs';
import { ROOT } from './tools';

type Group = { targets: string[]; labels: Record<string, string> };
type Running = Awaited<ReturnType<typeof startTargets>>;

const ANY = { http: 0, tls: 0, tcp: 0, tcpDown: 0, dns: 0, admin: 0 };
const quiet = () => {};

/** Local addresses bound to a port, from the kernel's socket tables ('0100007F' is 127.0.0.1). */
function boundAddresses(table: 'tcp' | 'udp' | 'tcp6' | 'udp6', port: number): string[] {
  const rows = socketTable(table);
  if (rows === undefined) {
    throw new Error(`no /proc/net/${table} to read`);
  }
  return rows.filter((row) => row.port === port).map((row) => row.address);
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * A request with exactly the headers given (fetch adds its own Content-Type and Origin rules), as a
 * page of another site or a script could send it.
 */
function rawRequest(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body = ''
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A value nested `depth` arrays deep. */
function nested(depth: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) {
    value = [value];
  }
  return value;
}

function queryMessage(name: string, qtype = 1): Buffer {
  const labels = name.split('.').map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)]));
  const question = Buffer.concat([...labels, Buffer.from([0, 0, qtype, 0, 1])]);
  const header = Buffer.from([0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]);
  return Buffer.concat([header, question]);
}

/**
 * Sends a DNS query from source port 0, which no ordinary socket can: a raw UDP socket writes the UDP
 * header itself. Needs root and python3; false when they are missing.
 */
function sendFromPortZero(port: number, message: Buffer): boolean {
  if (process.getuid?.() !== 0) {
    return false;
  }
  const script = [
    'import socket, struct, sys',
    'q = bytes.fromhex(sys.argv[2])',
    "udp = struct.pack('!HHHH', 0, int(sys.argv[1]), 8 + len(q), 0) + q",
    "socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_UDP).sendto(udp, ('127.0.0.1', 0))",
  ].join('\n');
  return spawnSync('python3', ['-c', script, String(port), message.toString('hex')]).status === 0;
}

function dnsQuery(port: number, name: string, qtype = 1): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('no DNS answer'));
    }, 2000);
    socket.once('message', (msg) => {
      clearTimeout(timer);
      socket.close();
      resolve(msg);
    });
    socket.send(queryMessage(name, qtype), port, '127.0.0.1');
  });
}

describe('demo targets service', () => {
  let running: Running;
  let admin: string;
  beforeAll(async () => {
    running = await startTargets({ host: '127.0.0.1', ports: ANY, log: quiet });
    admin = `http://127.0.0.1:${running.ports.admin}`;
  });
  afterAll(() => running.close());

  const get = async (path: string) => {
    const response = await fetch(`${admin}${path}`);
    return { status: response.status, body: await response.json() };
  };
  const send = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${admin}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  };

  it('lists its routes at /, every one it answers', async () => {
    const { status, body } = await get('/');
    expect(status).toBe(200);
    expect(body.routes).toEqual(ADMIN_ROUTES);
    const source = readFileSync(join(ROOT, 'targets', 'server.mjs'), 'utf8');
    const answered = [...source.matchAll(/route === '([^']+)'/g)].map((match) => match[1]);
    expect(answered.length).toBeGreaterThan(10);
    expect(answered.filter((route) => !ADMIN_ROUTES.includes(route))).toEqual([]);
    for (const route of ADMIN_ROUTES.filter((r) => r.startsWith('GET '))) {
      expect([route, (await fetch(`${admin}${route.slice(4)}`)).status]).toEqual([route, 200]);
    }
  });

  it('listens on 127.0.0.1 only', () => {
    const ports = running.ports;
    expect(Object.keys(ports).sort()).toEqual(['admin', 'dns', 'http', 'tcp', 'tcpDown', 'tls']);
    expect(new Set(Object.values(ports)).size).toBe(6);
    for (const name of ['admin', 'http', 'tls', 'tcp'] as const) {
      expect([name, [...new Set(boundAddresses('tcp', ports[name]))]]).toEqual([name, ['0100007F']]);
      expect([name, boundAddresses('tcp6', ports[name])]).toEqual([name, []]);
    }
    expect(boundAddresses('udp', ports.dns)).toEqual(['0100007F']);
  });

  it('answers HTTP 200 on /health and accepts TCP; the down port refuses', async () => {
    const health = await fetch(`http://127.0.0.1:${running.ports.http}/health`);
    expect(health.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${running.ports.http}/nope`)).status).toBe(404);
    expect(await connects(running.ports.tcp)).toBe(true);
    expect(await connects(running.ports.tcpDown)).toBe(false);
  });

  it('answers 503 on /status/503, and 200 without an `ok` line on /maintenance', async () => {
    const unavailable = await fetch(`http://127.0.0.1:${running.ports.http}/status/503`);
    expect(unavailable.status).toBe(503);
    const maintenance = await fetch(`http://127.0.0.1:${running.ports.http}/maintenance`);
    expect([maintenance.status, await maintenance.text()]).toEqual([200, MAINTENANCE_BODY]);
    // The http_content module requires a line that says ok (stack/blackbox/blackbox.yml).
    expect(MAINTENANCE_BODY).not.toMatch(/^ok$/m);
    expect(await (await fetch(`http://127.0.0.1:${running.ports.http}/health`)).text()).toMatch(/^ok$/m);
  });

  it(`serves HTTPS with a self-signed certificate made at start, valid for ${CERT_DAYS} days`, async () => {
    const before = Date.now();
    const served = await new Promise<{ raw: Buffer; body: string }>((resolve, reject) => {
      const socket = tls.connect({ host: '127.0.0.1', port: running.ports.tls, rejectUnauthorized: false }, () => {
        const raw = socket.getPeerCertificate().raw;
        let body = '';
        socket.on('data', (chunk) => (body += chunk));
        socket.on('end', () => resolve({ raw, body }));
        socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
      });
      socket.once('error', reject);
    });
    expect(served.body).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(served.body.slice(served.body.indexOf('\r\n\r\n'))).toMatch(/^ok$/m);
    const cert = new X509Certificate(served.raw);
    expect(cert.issuer).toBe(cert.subject);
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkHost('targets')).toBe('targets');
    const validFor = Date.parse(cert.validTo) - Date.parse(cert.validFrom);
    expect(validFor).toBe(CERT_DAYS * 24 * 60 * 60 * 1000);
    // Made when the service started, not at some fixed date.
    expect(Date.parse(cert.validFrom)).toBeLessThanOrEqual(before);
    expect(Date.parse(cert.validFrom)).toBeGreaterThan(before - 60_000);
    // An unverified client is what blackbox_exporter's module is set up as; a verifying one refuses it.
    await expect(
      new Promise((resolve, reject) => {
        const socket = tls.connect({ host: '127.0.0.1', port: running.ports.tls, servername: 'targets' }, () => {
          socket.end();
          resolve('verified');
        });
        socket.once('error', reject);
      })
    ).rejects.toThrow(/self[- ]signed/i);
  });

  it('picks the down port below the range the kernel hands out as any free port, so no other server gets it', () => {
    const ephemeralFrom = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    expect(running.ports.tcpDown).toBeLessThan(ephemeralFrom);
  });

  it('serves Prometheus http_sd target groups, one with markup in a label value', async () => {
    const { status, body } = await get('/sd');
    expect(status).toBe(200);
    const groups = body as Group[];
    expect(groups.length).toBeGreaterThanOrEqual(3);
    for (const group of groups) {
      expect(Array.isArray(group.targets)).toBe(true);
      for (const value of Object.values(group.labels)) {
        expect(typeof value).toBe('string');
      }
      expect(group.labels).toHaveProperty('service_name');
      expect(group.labels).toHaveProperty('env');
    }
    expect(groups.some((g) => g.labels.service_name === MARKUP_SERVICE_NAME)).toBe(true);
    expect(MARKUP_SERVICE_NAME).toMatch(/<img [^>]*onerror=/);
    expect(groups.every((g) => g.targets.every((t) => t.includes('127.0.0.1:')))).toBe(true);
  });

  it('names only blackbox modules that exist', async () => {
    const modules = Object.keys(parse(readFileSync(join(ROOT, 'stack/blackbox/blackbox.yml'), 'utf8')).modules);
    const groups = ((await get('/sd?count=100')).body as Group[]).filter((g) => g.labels.module);
    expect(groups.length).toBeGreaterThan(100);
    for (const group of groups) {
      expect(modules).toContain(group.labels.module);
    }
  });

  it('adds and removes targets at run time', async () => {
    const added = await send('POST', '/admin/targets', {
      target: '127.0.0.1:9',
      labels: { service_name: 'added', env: 'test' },
      module: 'tcp_connect',
    });
    expect(added.status).toBe(201);
    let groups = (await get('/sd')).body as Group[];
    expect(groups).toContainEqual({
      targets: ['127.0.0.1:9'],
      labels: { service_name: 'added', env: 'test', module: 'tcp_connect' },
    });
    expect((await send('DELETE', `/admin/targets?target=${encodeURIComponent('127.0.0.1:9')}`)).status).toBe(200);
    groups = (await get('/sd')).body as Group[];
    expect(groups.some((g) => g.targets.includes('127.0.0.1:9'))).toBe(false);
    expect((await send('DELETE', '/admin/targets?target=127.0.0.1:9')).status).toBe(404);
  });

  it('rejects targets it could not serve', async () => {
    for (const body of [
      {},
      { target: 'a b' },
      { target: 'x:1', labels: { __address__: 'y' } },
      { target: 'x:1', labels: { 'bad-name': 'v' } },
      { target: 'x:1', labels: { n: 1 } },
      { target: 'x:1', module: '../etc' },
    ]) {
      expect([body, (await send('POST', '/admin/targets', body)).status]).toEqual([body, 400]);
    }
    const response = await fetch(`${admin}/admin/targets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'not json',
    });
    expect(response.status).toBe(400);
    expect(() => toTargetGroup({ target: 'x'.repeat(3000) })).toThrow();
  });

  it('refuses labels that would pose as another job or Prometheus itself, and oversized ones', async () => {
    const many = Object.fromEntries(Array.from({ length: LIMITS.labels + 1 }, (_, i) => [`l${i}`, 'v']));
    const cases: Array<[string, unknown, RegExp]> = [
      ['job', { target: 'x:1', labels: { job: 'prometheus' } }, /reserved/],
      ['__meta_*', { target: 'x:1', labels: { __meta_x: 'y' } }, /invalid label name|reserved/],
      ['__scheme__', { target: 'x:1', labels: { __scheme__: 'https' } }, /invalid label name|reserved/],
      ['a long name', { target: 'x:1', labels: { ['n'.repeat(LIMITS.labelNameLength + 1)]: 'v' } }, /label name/],
      ['a long value', { target: 'x:1', labels: { env: 'v'.repeat(LIMITS.valueLength + 1) } }, /at most/],
      ['a long target', { target: `x:1/${'p'.repeat(LIMITS.valueLength)}` }, /characters/],
      ['too many labels', { target: 'x:1', labels: many }, /at most/],
      ['a module label that is no module name', { target: 'x:1', labels: { module: '../etc' } }, /module/],
    ];
    for (const [what, body, message] of cases) {
      const answer = await send('POST', '/admin/targets', body);
      expect([what, answer.status, answer.body?.error]).toEqual([what, 400, expect.stringMatching(message)]);
    }
    const big = await rawRequest(
      running.ports.admin,
      'POST',
      '/admin/targets',
      { 'content-type': 'application/json' },
      JSON.stringify({ target: 'x:1', labels: { a: 'b' }, padding: ' '.repeat(20000) })
    );
    expect(big.status).toBe(413);
    expect(((await get('/admin/targets')).body as Group[]).some((g) => g.targets[0] === 'x:1')).toBe(false);
  });

  it('holds at most the set number of added targets', async () => {
    const targets = Array.from({ length: LIMITS.added }, (_, i) => `10.0.${Math.floor(i / 250)}.${i % 250}:22`);
    try {
      for (const target of targets) {
        expect((await send('POST', '/admin/targets', { target })).status).toBe(201);
      }
      const over = await send('POST', '/admin/targets', { target: '10.9.9.9:22' });
      expect([over.status, over.body.error]).toEqual([400, expect.stringMatching(/at most/)]);
      // Replacing one already there is no new target.
      expect((await send('POST', '/admin/targets', { target: targets[0], labels: { env: 'x' } })).status).toBe(201);
    } finally {
      for (const target of targets) {
        await send('DELETE', `/admin/targets?target=${encodeURIComponent(target)}`);
      }
    }
    expect((await get('/admin/targets')).body).toEqual([]);
    // Two thousand requests one after another: on a busy machine they take longer than Jest's 5 s.
  }, 60_000);

  describe('requests a page of another site could send', () => {
    const state = async () => ({
      sd: (await get('/sd')).body,
      added: (await get('/admin/targets')).body,
      listeners: (await get('/admin/listeners')).body,
    });
    const target = JSON.stringify({ target: '203.0.113.7:22', labels: { service_name: 'planted' } });

    it('refuses a cross-site text/plain POST, and every other write without JSON, and nothing changes', async () => {
      const before = await state();
      const port = running.ports.admin;
      const host = `127.0.0.1:${port}`;
      const attempts: Array<[string, string, string, Record<string, string>, string, number]> = [
        // What a form or a no-cors fetch of another site sends: a "simple" request, no preflight.
        [
          'cross-site text/plain',
          'POST',
          '/admin/targets',
          { origin: 'http://evil.example', 'content-type': 'text/plain' },
          target,
          403,
        ],
        [
          'cross-site form',
          'POST',
          '/admin/listeners/tcp/stop',
          { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
          '',
          403,
        ],
        [
          'cross-site JSON',
          'POST',
          '/admin/targets',
          { origin: 'http://evil.example', 'content-type': 'application/json' },
          target,
          403,
        ],
        [
          'sandboxed page',
          'PUT',
          '/admin/generated?count=5000',
          { origin: 'null', 'content-type': 'application/json' },
          '',
          403,
        ],
        // A page whose own name was made to resolve to 127.0.0.1: same-origin to the browser.
        [
          'rebound name',
          'POST',
          '/admin/targets',
          { host: `evil.example:${port}`, origin: `http://evil.example:${port}`, 'content-type': 'application/json' },
          target,
          403,
        ],
        ['text/plain', 'POST', '/admin/targets', { 'content-type': 'text/plain' }, target, 415],
        ['no content type', 'POST', '/admin/listeners/tcp/stop', {}, '', 415],
        [
          'form',
          'PUT',
          '/admin/generated?count=5000',
          { 'content-type': 'application/x-www-form-urlencoded' },
          '',
          415,
        ],
        ['DELETE without JSON', 'DELETE', '/admin/targets?target=x', { 'content-type': 'text/plain' }, '', 415],
      ];
      for (const [what, method, path, headers, body, status] of attempts) {
        const answer = await rawRequest(port, method, path, { host, ...headers }, body);
        expect([what, answer.status]).toEqual([what, status]);
        expect([what, JSON.parse(answer.text).error]).toEqual([
          what,
          expect.stringMatching(/refused|application\/json/),
        ]);
      }
      expect(await state()).toEqual(before);
      expect(await connects(running.ports.tcp)).toBe(true);
    });

    it('refuses to be read by another site', async () => {
      const port = running.ports.admin;
      const cases: Array<Record<string, string>> = [
        { origin: 'http://evil.example' },
        { host: `evil.example:${port}` },
      ];
      for (const headers of cases) {
        const answer = await rawRequest(port, 'GET', '/sd', { host: `127.0.0.1:${port}`, ...headers });
        expect([headers, answer.status]).toEqual([headers, 403]);
        expect(answer.text).not.toContain('service_name');
      }
    });

    it('takes JSON from its own origin, and webhooks that send JSON without an Origin', async () => {
      const port = running.ports.admin;
      const own = await rawRequest(
        port,
        'POST',
        '/admin/targets',
        { host: `localhost:${port}`, origin: `http://localhost:${port}`, 'content-type': 'application/json' },
        target
      );
      expect(own.status).toBe(201);
      expect((await send('DELETE', '/admin/targets?target=203.0.113.7:22')).status).toBe(200);
      // What Alertmanager's webhook sends, to a server of its own so that the alert log stays the other test's.
      const other = await startTargets({ host: '127.0.0.1', ports: ANY, log: quiet });
      try {
        const webhook = await rawRequest(
          other.ports.admin,
          'POST',
          '/alerts',
          { 'content-type': 'application/json', 'user-agent': 'Alertmanager/0.25.0' },
          JSON.stringify({
            status: 'firing',
            alerts: [{ status: 'firing', labels: { alertname: 'X' }, annotations: {} }],
          })
        );
        expect(webhook.status).toBe(200);
        const logged = await (await fetch(`http://127.0.0.1:${other.ports.admin}/admin/alerts`)).json();
        expect(logged).toEqual([expect.objectContaining({ source: 'alertmanager', alertname: 'X' })]);
      } finally {
        await other.close();
      }
    });

    it('answers malformed request targets with 400', async () => {
      const port = running.ports.admin;
      for (const path of ['//', '//evil.example/sd', '/%', '/%zz', '/admin/targets%', '/\\x/health', '/\\[']) {
        expect([path, (await rawRequest(port, 'GET', path, {})).status]).toEqual([path, 400]);
      }
      expect((await fetch(`${admin}/health`)).status).toBe(200);
    });

    it('answers an HTTP/1.1 request without Host with 400 and says why', async () => {
      const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = http.request(
          { host: '127.0.0.1', port: running.ports.admin, path: '/health', setHost: false, agent: false },
          (res) => {
            let text = '';
            res.on('data', (chunk) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          }
        );
        req.on('error', reject);
        req.end();
      });
      expect(answer.status).toBe(400);
      expect(answer.text).toMatch(/Host header/);
    });
  });

  it('serves 2,000 generated targets, for scale tests, every 50th one down', async () => {
    expect(((await get('/sd?count=2000')).body as Group[]).length).toBe(2000 + 3);
    expect((await send('PUT', '/admin/generated?count=2000')).status).toBe(200);
    const groups = (await get('/sd')).body as Group[];
    const generated = groups.filter((g) => /^svc-\d{4}$/.test(g.labels.service_name));
    expect(generated).toHaveLength(2000);
    expect(new Set(generated.map((g) => g.targets[0])).size).toBe(2000);
    expect(generated.filter((g) => g.targets[0].includes('/down/'))).toHaveLength(40);
    expect((await fetch(`http://127.0.0.1:${running.ports.http}/t/1999`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${running.ports.http}/down/49`)).status).toBe(503);
    await send('PUT', '/admin/generated?count=0');
    expect(((await get('/sd')).body as Group[]).length).toBe(3);
    expect((await send('PUT', '/admin/generated?count=-1')).status).toBe(400);
    // Not a count on either route: empty, signed, fractional, too many.
    for (const count of ['', '-1', '+5', '1.5', '1e3', '20001']) {
      expect((await get(`/sd?count=${count}`)).status).toBe(400);
      expect((await send('PUT', `/admin/generated?count=${count}`)).status).toBe(400);
    }
    expect(generatedTargets(3, 'targets', { http: 5000 }).map((g: Group) => g.targets[0])).toEqual([
      'http://targets:5000/t/0',
      'http://targets:5000/t/1',
      'http://targets:5000/t/2',
    ]);
  });

  it('stops and starts its listeners without stopping the process', async () => {
    expect((await send('POST', '/admin/listeners/tcp/stop')).body).toMatchObject({ tcp: { up: false } });
    expect(await connects(running.ports.tcp)).toBe(false);
    expect((await send('POST', '/admin/listeners/tcp/start')).body).toMatchObject({
      tcp: { up: true, port: running.ports.tcp },
    });
    expect(await connects(running.ports.tcp)).toBe(true);

    await send('POST', '/admin/listeners/http/stop');
    await expect(fetch(`http://127.0.0.1:${running.ports.http}/health`)).rejects.toThrow();
    await send('POST', '/admin/listeners/http/start');
    expect((await fetch(`http://127.0.0.1:${running.ports.http}/health`)).status).toBe(200);
    expect((await get('/admin/listeners')).body).toEqual({
      http: { port: running.ports.http, up: true },
      tls: { port: running.ports.tls, up: true },
      tcp: { port: running.ports.tcp, up: true },
      dns: { port: running.ports.dns, up: true },
    });
    expect((await send('POST', '/admin/listeners/admin/stop')).status).toBe(404);
  });

  it('answers JSON bodies of another shape with 400, saying what it takes', async () => {
    const cases: Array<[string, string, unknown]> = [
      ['POST', '/admin/targets', null],
      ['POST', '/admin/targets', [1]],
      ['POST', '/admin/targets', 5],
      ['DELETE', '/admin/targets', null],
      ['PUT', '/admin/generated', null],
      ['POST', '/alerts', null],
      ['POST', '/alerts', { alerts: 5 }],
      ['POST', '/alerts', { alerts: [null] }],
      ['POST', '/alerts', { alerts: ['x'] }],
      ['PUT', '/admin/generated', { count: '5' }],
      ['PUT', '/admin/generated', { count: [3] }],
      ['PUT', '/admin/generated?count=', {}],
      // Nested deeper than anything a sender has a reason to: kept, it would fail every listing.
      ['POST', '/alerts', { alerts: [{ annotations: { summary: nested(100) } }] }],
    ];
    for (const [method, path, body] of cases) {
      const answer = await send(method, path, body);
      expect([method, path, body, answer.status]).toEqual([method, path, body, 400]);
      expect(answer.body.error).not.toMatch(/TypeError|Cannot read|is not a function/);
    }
    expect((await get('/alerts')).body).toEqual([]);
  });

  it('never lets a DNS query end the process: a reply it cannot send is logged', async () => {
    const logged: string[] = [];
    const log = (message: string) => logged.push(message);
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    try {
      // send() throws ERR_SOCKET_BAD_PORT for port 0, the source port of a crafted datagram.
      expect(answerDnsQuery(socket, queryMessage('a.test'), { address: '127.0.0.1', port: 0 }, log)).toBe(false);
      const throwing = {
        send: () => {
          throw new Error('boom');
        },
      };
      expect(answerDnsQuery(throwing, queryMessage('a.test'), { address: '127.0.0.1', port: 53 }, log)).toBe(false);
      expect(logged).toEqual(['DNS reply not sent']);
    } finally {
      socket.close();
    }
    if (sendFromPortZero(running.ports.dns, queryMessage('portwatch.test'))) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect((await dnsQuery(running.ports.dns, 'portwatch.test')).readUInt16BE(6)).toBe(1);
  });

  it('answers DNS A queries over UDP', async () => {
    const answer = await dnsQuery(running.ports.dns, 'portwatch.test');
    expect(answer.readUInt16BE(0)).toBe(0x1234);
    expect(answer.readUInt16BE(2) & 0x800f).toBe(0x8000); // a response, NOERROR
    expect(answer.readUInt16BE(6)).toBe(1);
    expect([...answer.subarray(answer.length - 4)]).toEqual([127, 0, 0, 1]);
    const aaaa = await dnsQuery(running.ports.dns, 'portwatch.test', 28);
    expect(aaaa.readUInt16BE(6)).toBe(0);
    expect(dnsReply(Buffer.from([1, 2, 3]))).toBeNull();
  });

  it("logs the notifications Alertmanager's webhook posts, and lists them as sent", async () => {
    const groupLabels = { alertname: 'PortwatchTargetDown', job: 'probe_tcp', service_name: 'db' };
    const alert = (status: string, instance: string) => ({
      status,
      labels: { ...groupLabels, instance, severity: 'critical' },
      annotations: { summary: `${instance} is down` },
    });
    const notifications = [
      {
        receiver: 'oncall-pager',
        status: 'firing',
        groupKey: '{}:{db}',
        groupLabels,
        alerts: [alert('firing', 'x:1')],
      },
      {
        receiver: 'oncall-pager',
        status: 'resolved',
        groupKey: '{}:{db}',
        groupLabels,
        alerts: [alert('resolved', 'x:1'), alert('resolved', 'x:2')],
      },
    ];
    for (const notification of notifications) {
      expect((await send('POST', '/alerts', notification)).status).toBe(200);
    }
    expect((await get('/alerts')).body).toEqual(
      notifications.map((n) => ({ ...n, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }))
    );
    expect((await get('/admin/alerts')).body).toEqual([
      expect.objectContaining({ source: 'alertmanager', status: 'firing', instance: 'x:1', summary: 'x:1 is down' }),
      expect.objectContaining({ source: 'alertmanager', status: 'resolved', instance: 'x:1' }),
      expect.objectContaining({ source: 'alertmanager', status: 'resolved', instance: 'x:2' }),
    ]);
    // An alert of another shape: only its text is kept, and both lists still read.
    const odd = { alerts: [{ endsAt: { toString: 1, valueOf: 1 }, labels: { alertname: ['x'], instance: 'a:1' } }] };
    expect((await send('POST', '/alerts', odd)).status).toBe(200);
    expect((await get('/alerts')).status).toBe(200);
    const kept = await get('/admin/alerts');
    expect(kept.status).toBe(200);
    expect(kept.body[kept.body.length - 1]).toEqual({
      at: expect.any(String),
      source: 'alertmanager',
      status: 'firing',
      instance: 'a:1',
    });
  });
});

describe('discovery limits', () => {
  const config = parse(readFileSync(join(ROOT, 'stack/prometheus/prometheus.yml'), 'utf8'));
  const job = config.scrape_configs.find((j: { job_name: string }) => j.job_name === 'probe_http_sd');
  /** The most labels a blackbox_exporter sample has of its own (probe_ssl_last_chain_info). */
  const BLACKBOX_LABELS = 4;

  it('Prometheus takes every target and label the discovery endpoint may list, and no more', () => {
    const demoTargets = 3;
    expect(job.target_limit).toBeGreaterThanOrEqual(LIMITS.generated + LIMITS.added + demoTargets);
    expect(job.target_limit).toBeLessThanOrEqual(2 * (LIMITS.generated + LIMITS.added + demoTargets));
    const added = new Set(
      (job.relabel_configs as Array<{ target_label?: string }>)
        .map((r) => r.target_label)
        .filter((name): name is string => Boolean(name) && !name!.startsWith('__'))
    );
    const widest = LIMITS.labels + added.size + ['__name__', 'job'].length + BLACKBOX_LABELS;
    expect(job.label_limit).toBeGreaterThanOrEqual(widest);
    expect(job.label_limit).toBeLessThanOrEqual(2 * widest);
    expect(job.label_value_length_limit).toBeGreaterThanOrEqual(LIMITS.valueLength);
  });
});

describe('demo targets service settings', () => {
  it('advertises the host name it is given (the compose service name)', async () => {
    const running = await startTargets({ host: '127.0.0.1', advertise: 'targets', ports: ANY, log: quiet });
    try {
      const groups = running.sdGroups(0) as Group[];
      expect(groups.flatMap((g) => g.targets).every((t) => /(^|\/\/)targets:\d+/.test(t))).toBe(true);
    } finally {
      await running.close();
    }
  });

  it('runs without the TLS listener, and says why, when the openssl command is missing', async () => {
    const logged: string[] = [];
    const running = await startTargets({
      host: '127.0.0.1',
      ports: ANY,
      openssl: '/nonexistent/openssl',
      log: (message: string, fields?: Record<string, unknown>) => logged.push(`${message} ${JSON.stringify(fields)}`),
    });
    try {
      expect(running.ports.tls).toBeUndefined();
      expect(running.notes.tls).toMatch(/no TLS listener: the \/nonexistent\/openssl command was not found/);
      expect(logged.join('\n')).toContain('no TLS listener');
      expect((await fetch(`http://127.0.0.1:${running.ports.http}/health`)).status).toBe(200);
      const admin = `http://127.0.0.1:${running.ports.admin}`;
      const listeners = await (await fetch(`${admin}/admin/listeners`)).json();
      expect(listeners.tls).toEqual({ up: false, note: running.notes.tls });
      const start = await fetch(`${admin}/admin/listeners/tls/start`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      });
      expect([start.status, (await start.json()).error]).toEqual([409, running.notes.tls]);
    } finally {
      await running.close();
    }
  });

  it('falls back to a free port when asked to and the port is taken', async () => {
    const first = await startTargets({ host: '127.0.0.1', ports: ANY, log: quiet });
    try {
      const taken = { ...ANY, http: first.ports.http };
      await expect(startTargets({ host: '127.0.0.1', ports: taken, log: quiet })).rejects.toThrow(/EADDRINUSE/);
      const second = await startTargets({ host: '127.0.0.1', ports: taken, anyPortIfTaken: true, log: quiet });
      expect(second.ports.http).not.toBe(first.ports.http);
      await second.close();
    } finally {
      await first.close();
    }
  });
});
