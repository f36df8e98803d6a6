/**
 * The preview server and the benchmark page's server listen on 127.0.0.1, where any web page the
 * developer opens can send them requests: malformed ones get 400, another site's get 403, and the
 * server keeps answering. The preview server's answers for Grafana's dashboard addresses (/d/<uid>)
 * carry values from the URL, which stay text.
 */
import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { join } from 'node:path';

import { PreviewServer, ROOT, startPreview } from './helpers/preview';

jest.setTimeout(240_000);

/**
 * Sends `head` as the start of a request, with a Host header naming the server unless `headers`
 * gives another, and resolves with the status code of the answer.
 */
function statusOf(url: string, head: string, headers: Record<string, string> = {}): Promise<number> {
  const { hostname, port } = new URL(url);
  const lines = Object.entries({ Host: `${hostname}:${port}`, ...headers, Connection: 'close' }).map(
    ([name, value]) => `${name}: ${value}\r\n`
  );
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    let answer = '';
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer to ${head.slice(0, 40)}`)));
    socket.on('connect', () => socket.write(`${head}\r\n${lines.join('')}\r\n`));
    socket.on('data', (chunk) => (answer += String(chunk)));
    socket.on('error', reject);
    socket.on('close', () => {
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(answer);
      if (status) {
        resolve(Number(status[1]));
      } else {
        reject(new Error(`no status line in ${JSON.stringify(answer.slice(0, 200))}`));
      }
    });
  });
}

const MALFORMED: Array<[string, string]> = [
  ['a lone percent sign', 'GET /% HTTP/1.1'],
  ['a broken escape in a plugin path', 'GET /public/plugins/%E0%A4%A/module.js HTTP/1.1'],
  ['a double slash', 'GET // HTTP/1.1'],
  ['a host where the path goes', 'GET //evil.example/x HTTP/1.1'],
  ['an absolute URL', 'GET http://evil.example/ HTTP/1.1'],
  ['a NUL in the path', 'GET /public/plugins/x%00/module.js HTTP/1.1'],
  ['a broken escape in a dashboard path', 'GET /d/%E0%A4%A/port-detail HTTP/1.1'],
  ['a 5,000-character URL', `GET /${'a'.repeat(5000)} HTTP/1.1`],
  ['a URL longer than the request head may be', `GET /${'a'.repeat(20_000)} HTTP/1.1`],
  ['a request line that is not HTTP', 'HELLO'],
];

/** Requests another site's page can make the browser send: with its Origin, or its own name as Host. */
async function expectCrossSiteRefused(url: string, path: string): Promise<void> {
  const { port } = new URL(url);
  const cases: Array<[string, string, Record<string, string>]> = [
    ['a page of another site', `GET ${path} HTTP/1.1`, { Origin: 'http://evil.example' }],
    ['a sandboxed page', `GET ${path} HTTP/1.1`, { Origin: 'null' }],
    ['another port of this machine', `GET ${path} HTTP/1.1`, { Origin: 'http://127.0.0.1:1' }],
    ['a name rebound to 127.0.0.1', `GET ${path} HTTP/1.1`, { Host: `evil.example:${port}` }],
    [
      'a rebound name, same-origin to the browser',
      `GET ${path} HTTP/1.1`,
      { Host: `evil.example:${port}`, Origin: `http://evil.example:${port}` },
    ],
  ];
  for (const [what, head, headers] of cases) {
    expect([what, await statusOf(url, head, headers)]).toEqual([what, 403]);
  }
  // The page's own requests: same origin, by address or by localhost.
  expect(await statusOf(url, `GET ${path} HTTP/1.1`, { Origin: url })).toBe(200);
  expect(await statusOf(url, `GET ${path} HTTP/1.1`, { Host: `localhost:${port}` })).toBe(200);
}

/** Each malformed request gets 400, and afterwards the page itself still answers 200. */
async function expectMalformedRefused(url: string): Promise<void> {
  for (const [what, head] of MALFORMED) {
    expect([what, await statusOf(url, head)]).toEqual([what, 400]);
  }
  expect(await statusOf(url, 'GET / HTTP/1.1')).toBe(200);
  expect(await statusOf(url, 'GET /index.html?x=%zz HTTP/1.1')).toBe(200);
}

describe('the preview server', () => {
  let preview: PreviewServer;
  beforeAll(async () => {
    // No Prometheus is needed: none of these requests reaches the proxy.
    preview = await startPreview({ promUrl: 'http://127.0.0.1:9' });
  });
  afterAll(() => preview?.stop());

  it('answers malformed requests with 400 and keeps running', async () => {
    await expectMalformedRefused(preview.url);
    expect(await statusOf(preview.url, 'GET /preview/config.json HTTP/1.1')).toBe(200);
  });

  it("refuses another site's requests, the Prometheus proxy's included", async () => {
    await expectCrossSiteRefused(preview.url, '/preview/config.json');
    const proxy = 'POST /api/datasources/proxy/uid/portwatch-prometheus/api/v1/query HTTP/1.1';
    const query = { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': '0' };
    expect(await statusOf(preview.url, proxy, { ...query, Origin: 'http://evil.example' })).toBe(403);
    // Its own page's query gets through to the proxy, which finds no Prometheus there.
    expect(await statusOf(preview.url, proxy, { ...query, Origin: preview.url })).toBe(502);
  });

  it("refuses another site's requests for a dashboard address", async () => {
    await expectCrossSiteRefused(preview.url, '/d/portwatch-port-detail/port-detail?var-instance=a');
  });
});

/** Markup, quotes, a PromQL escape and URL syntax: an instance value as odd as a label can hold. */
const ODD_INSTANCE = `"><script>alert(1)</script><img src=x onerror=alert(2)>'\\&var-instance=x#`;

/** The addresses of a page's links, as the browser reads them from the attribute. */
function hrefsOf(html: string): string[] {
  const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
  return [...html.matchAll(/href="([^"]*)"/g)].map(([, href]) =>
    href.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => entities[entity])
  );
}

describe("the preview server's answers for Grafana dashboard addresses", () => {
  let preview: PreviewServer;
  const promUrl = 'http://127.0.0.1:9';
  const get = (path: string) => fetch(`${preview.url}${path}`, { redirect: 'manual' });
  beforeAll(async () => {
    preview = await startPreview({ promUrl });
  });
  afterAll(() => preview?.stop());

  it.each([
    [
      'with the range and refresh the page reads',
      '/port-status?from=now-15m&to=now&refresh=10s&var-job=a&orgId=1',
      '/?range=now-15m&refresh=10s',
    ],
    ["with the page's own theme and language", '?theme=light&lang=ko-KR&var-instance=b', '/?theme=light&lang=ko-KR'],
    [
      'without an absolute range, which the page has no address for',
      '/port-status?from=1700000000000&to=1700001800000',
      '/',
    ],
    ['bare', '', '/'],
  ])('sends the shown dashboard (portwatch-port-status) to the page, %s', async (_, rest, location) => {
    const answer = await get(`/d/portwatch-port-status${rest}`);
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe(location);
  });

  it('answers Port detail with a page on how to open it, everything from the URL escaped', async () => {
    const query = new URLSearchParams({ 'var-instance': ODD_INSTANCE, from: '1700000000000', to: '1700001800000' });
    const answer = await get(`/d/portwatch-port-detail/port-detail?${query}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await answer.text();
    expect(html).toContain('<h1>Port detail needs Grafana</h1>');
    expect(html).toContain('docker compose up');
    expect(html).toContain('dashboards/import/port-detail.json');
    // The instance shows as text, and nothing of it became markup.
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script|<img|onerror=alert\(2\)>/i);

    const hrefs = hrefsOf(html);
    expect(hrefs).toContain('/');
    // Prometheus' graphs of the target, over the link's 30 minutes: the instance a PromQL string.
    const graphs = hrefs.filter((href) => href.startsWith(`${promUrl}/graph?`)).map((href) => new URL(href));
    const matcher = `{instance=${JSON.stringify(ODD_INSTANCE)}}`;
    expect(graphs.map((url) => url.searchParams.get('g0.expr'))).toEqual([
      `probe_success${matcher}`,
      `probe_duration_seconds${matcher}`,
    ]);
    expect(graphs.map((url) => url.searchParams.get('g0.range_input'))).toEqual(['30m', '30m']);
  });

  it('answers a dashboard uid it does not know with a 404 page that links back to the preview', async () => {
    const answer = await get('/d/%3Cb%3Enone/slug?var-instance=a');
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await answer.text();
    expect(html).toContain('&lt;b&gt;none');
    expect(html).not.toContain('<b>');
    expect(hrefsOf(html)).toContain('/');
  });
});

describe("the benchmark page's server", () => {
  let child: ChildProcess;
  let url: string;
  beforeAll(async () => {
    child = spawn(process.execPath, [join(ROOT, 'tests/e2e/fixtures/bench-server.mjs')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += String(chunk);
        const match = /bench: (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match) {
          resolve(match[1]);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`the bench server exited with ${code}:\n${output}`)));
    });
  });
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  it('answers malformed requests with 400 and keeps running', async () => {
    await expectMalformedRefused(url);
    expect(child.exitCode).toBeNull();
    expect(await statusOf(url, 'GET /bench/config.json HTTP/1.1')).toBe(200);
  });

  it("refuses another site's requests", async () => {
    await expectCrossSiteRefused(url, '/bench/config.json');
  });
});
