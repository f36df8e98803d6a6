// The preview server (preview/server.mjs) in-process, in front of a stand-in Prometheus that records
// what reaches it. The browser-driven tests of the same server are in tests/e2e.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  jsonDepth,
  MAX_JSON_DEPTH,
  portSetting,
  previewSettings,
  prometheusApiUrl,
  prometheusGraphUrl,
  provisionedDatasource,
  startPreviewServer,
  streamFile,
} from '../../preview/server.mjs';

const ROOT = join(__dirname, '..', '..');
const UID = provisionedDatasource().uid ?? 'prometheus';
const SECRET = 'global:\n  scrape_interval: 15s # the whole configuration\n';

type Answer = { status: number; headers: http.IncomingHttpHeaders; text: string };

/** A request with its path sent exactly as given (fetch would resolve `..` and escapes first). */
function request(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  options: { setHost?: boolean } = {}
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false, ...options }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Building the preview host's bundle on first use, with room for a slow machine. */
const HOST_BUILD_MS = 300_000;

describe('the preview server', () => {
  const seen: string[] = [];
  let slowClosed: Promise<void>;
  let onSlowClosed: () => void;
  let prometheus: http.Server;
  let preview: { port: number; close: () => Promise<void> };
  let dist: string;

  beforeAll(async () => {
    slowClosed = new Promise((resolve) => (onSlowClosed = resolve));
    prometheus = http.createServer((req, res) => {
      seen.push(req.url ?? '');
      const path = new URL(req.url ?? '/', 'http://p').pathname;
      if (path === '/api/v1/status/config') {
        res.end(SECRET);
      } else if (path === '/api/v1/series') {
        res.writeHead(302, { Location: 'http://127.0.0.1:1/elsewhere' }).end();
      } else if (path === '/api/v1/query_range') {
        // Never answers: the preview must let go of it when its own client goes away.
        res.on('close', () => onSlowClosed());
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"success","data":[]}');
      }
    });
    await new Promise<void>((resolve) => prometheus.listen(0, '127.0.0.1', resolve));
    dist = mkdtempSync(join(tmpdir(), 'preview-dist-'));
    writeFileSync(
      join(dist, 'plugin.json'),
      JSON.stringify({ type: 'panel', id: 'test-panel', name: 'Test', info: {} })
    );
    const address = prometheus.address() as { port: number };
    preview = await startPreviewServer({
      port: 0,
      promUrl: `http://127.0.0.1:${address.port}`,
      dist,
      // The host bundle is built when stale, as `npm start` does: in a fresh clone nothing has built it yet.
      build: true,
      quiet: true,
    });
  }, HOST_BUILD_MS);
  afterAll(async () => {
    await preview?.close();
    prometheus.closeAllConnections();
    await new Promise((resolve) => prometheus.close(resolve));
    rmSync(dist, { recursive: true, force: true });
  });

  const proxied = (rest: string) => `/api/datasources/proxy/uid/${UID}/${rest}`;

  it('proxies only the query API: escapes decoded in the path stay in their segment', async () => {
    expect((await request(preview.port, 'GET', proxied('api/v1/query?query=up'))).status).toBe(200);
    expect((await request(preview.port, 'GET', proxied('api/v1/label/job/values'))).status).toBe(200);
    const escapes = [
      'api/v1/label/..%5c..%5c..%5capi%5cv1%5cstatus%5cconfig%3f/values',
      'api/v1/label/..%5c..%5c..%5capi%5cv1%5cstatus%5cconfig%23/values',
      'api/v1/label/%2e%2e/values',
      'api/v1/label/%2E%2E%2F..%2F..%2Fapi%2Fv1%2Fstatus%2Fconfig%3F/values',
      'api/v1/label/a%09b/values',
    ];
    for (const path of escapes) {
      const answer = await request(preview.port, 'GET', proxied(path));
      expect([path, answer.status]).toEqual([path, 403]);
      expect(answer.text).not.toContain('scrape_interval');
    }
    expect(seen.filter((url) => !/^\/api\/v1\/(query\?|label\/job\/values)/.test(url))).toEqual([]);
  });

  it('builds upstream URLs with each segment encoded, and none outside the allowed paths', () => {
    const prom = new URL('http://127.0.0.1:9090/prom/');
    expect(prometheusApiUrl(prom, 'api/v1/label/a b%/values', '?x=1')).toEqual({
      url: new URL('http://127.0.0.1:9090/prom/api/v1/label/a%20b%25/values?x=1'),
    });
    for (const path of ['api/v1/label/a\\b/values', 'api/v1/label/a?/values', 'api/v1/label/../values']) {
      expect([path, 'error' in prometheusApiUrl(prom, path, '')]).toEqual([path, true]);
    }
    expect('error' in prometheusApiUrl(prom, 'api/v1/status/config', '')).toBe(true);
  });

  it("answers 404 for a data source uid that is not the provisioned one, as Grafana's proxy does", async () => {
    const count = seen.length;
    const answer = await request(preview.port, 'GET', '/api/datasources/proxy/uid/other/api/v1/query?query=up');
    expect(answer.status).toBe(404);
    expect(seen.length).toBe(count);
  });

  it('answers other methods on an allowed path with 405 and the methods it takes', async () => {
    for (const method of ['HEAD', 'OPTIONS', 'PUT', 'DELETE']) {
      const answer = await request(preview.port, method, proxied('api/v1/query'));
      expect([method, answer.status, answer.headers.allow]).toEqual([method, 405, 'GET, POST']);
    }
    expect((await request(preview.port, 'HEAD', proxied('api/v1/status/config'))).status).toBe(403);
  });

  it('answers a redirect from Prometheus with 502, without its Location', async () => {
    const answer = await request(preview.port, 'GET', proxied('api/v1/series?match[]=up'));
    expect(answer.status).toBe(502);
    expect(answer.headers.location).toBeUndefined();
  });

  it('stops the upstream request when its client goes away', async () => {
    const req = http.request({
      host: '127.0.0.1',
      port: preview.port,
      path: proxied('api/v1/query_range?query=up'),
      agent: false,
    });
    req.on('error', () => {});
    req.end();
    await new Promise((resolve) => setTimeout(resolve, 300));
    req.destroy();
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise((resolve) => (timer = setTimeout(() => resolve('still open'), 3000)));
    await expect(Promise.race([slowClosed.then(() => 'closed'), gaveUp])).resolves.toBe('closed');
    clearTimeout(timer);
  });

  it('answers an HTTP/1.1 request without Host with 400 and says why', async () => {
    const answer = await request(preview.port, 'GET', '/', {}, { setHost: false });
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/Host header/);
  });

  it('serves no file through a symbolic link out of the plugin folder', async () => {
    writeFileSync(join(dist, 'own.txt'), 'own');
    symlinkSync('/etc', join(dist, 'etclink'));
    symlinkSync('/etc/hostname', join(dist, 'host.txt'));
    const file = (name: string) => request(preview.port, 'GET', `/public/plugins/test-panel/${name}`);
    expect((await file('own.txt')).status).toBe(200);
    expect((await file('etclink/hostname')).status).toBe(404);
    expect((await file('host.txt')).status).toBe(404);
  });

  it('refuses backslashes in the request target, which the URL parser would read as slashes', async () => {
    expect((await request(preview.port, 'GET', '/\\x/preview/config.json')).status).toBe(400);
  });

  it('answers a file that cannot be opened with 404, and the server goes on', async () => {
    // Removed between the look and the read, as a rebuild under `npm run dev` does.
    const server = http.createServer((_req, res) => streamFile(res, join(dist, 'gone.txt'), 'text/plain'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as { port: number }).port;
      expect((await request(port, 'GET', '/')).status).toBe(404);
      expect((await request(port, 'GET', '/')).status).toBe(404);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('ignores an out-of-range time in a dashboard URL instead of failing the page', async () => {
    const answer = await request(
      preview.port,
      'GET',
      '/d/portwatch-port-detail?var-instance=a&from=0&to=8640000000000001'
    );
    expect(answer.status).not.toBe(500);
    expect(answer.text).not.toMatch(/Invalid time value/);
  });
});

describe("the preview server's app settings", () => {
  it('refuses a body nested deeper than settings ever are, and keeps answering', async () => {
    // The built app (npm test builds before this suite): its settings route is the app's.
    const app = await startPreviewServer({ port: 0, dist: join(ROOT, 'dist'), build: false, quiet: true });
    try {
      const settings = '/api/plugins/portwatch-app/settings';
      let deep: unknown = 'x';
      for (let i = 0; i < 1000; i++) {
        deep = [deep];
      }
      const post = (body: unknown) =>
        new Promise<number>((resolve, reject) => {
          const text = JSON.stringify(body);
          const req = http.request(
            {
              host: '127.0.0.1',
              port: app.port,
              method: 'POST',
              path: settings,
              headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) },
              agent: false,
            },
            (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            }
          );
          req.on('error', reject);
          req.end(text);
        });
      expect(await post({ jsonData: { deep } })).toBe(400);
      expect((await request(app.port, 'GET', settings)).status).toBe(200);
      expect((await request(app.port, 'GET', '/preview/config.json')).status).toBe(200);
      expect(jsonDepth({ jsonData: { datasourceUid: 'a' } })).toBeLessThan(MAX_JSON_DEPTH);
    } finally {
      await app.close();
    }
  });
});

describe("the preview server's plugin details page", () => {
  it("answers the page at Grafana's /plugins/<app id> only, and refuses other sites there too", async () => {
    const app = await startPreviewServer({ port: 0, dist: join(ROOT, 'dist'), build: false, quiet: true });
    try {
      const status = async (path: string, headers: Record<string, string> = {}) =>
        [path, (await request(app.port, 'GET', path, headers)).status] as const;
      for (const path of ['/plugins/portwatch-app', '/plugins/portwatch-app/', '/plugins/portwatch-app?page=x']) {
        const answer = await request(app.port, 'GET', path);
        expect([path, answer.status, answer.headers['content-type']]).toEqual([path, 200, 'text/html; charset=utf-8']);
        expect(answer.text).toContain('<div id="root"></div>');
      }
      for (const path of [
        '/plugins',
        '/plugins/',
        '/plugins/other-app',
        '/plugins/portwatch-app/x',
        '/plugins/portwatch-app%2Fx',
      ]) {
        expect(await status(path)).toEqual([path, 404]);
      }
      expect(await status('/plugins/portwatch-app', { Origin: 'http://evil.example' })).toEqual([
        '/plugins/portwatch-app',
        403,
      ]);
      expect(await status('/plugins/portwatch-app', { Host: 'evil.example' })).toEqual(['/plugins/portwatch-app', 403]);
      expect(await status('/plugins/%E0%A4%A')).toEqual(['/plugins/%E0%A4%A', 400]);
    } finally {
      await app.close();
    }
  });
});

describe("Prometheus' graph links", () => {
  const prom = new URL('http://127.0.0.1:9090');
  const at = (search: string) =>
    new URLSearchParams(prometheusGraphUrl(prom, 'up', new URLSearchParams(search)).split('?')[1]);

  it.each([['from=0&to=8640000000000001'], ['from=0&to=' + '9'.repeat(400)], ['from=1&to=99999999999999999999']])(
    'ignores an out-of-range time (%s): an hour up to now',
    (search) => {
      const params = at(search);
      expect(params.get('g0.range_input')).toBe('1h');
      expect(params.get('g0.end_input')).toBeNull();
    }
  );

  it('keeps a time in range', () => {
    expect(at('from=0&to=7200000').get('g0.end_input')).toBe('1970-01-01 02:00:00');
    expect(at('from=0&to=7200000').get('g0.range_input')).toBe('2h');
  });
});

describe("the preview server's command line", () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['preview/server.mjs', '--no-build', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 20000,
    });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--port', 'abc'], /--port must be a port number from 0 to 65535, not "abc"/],
    [['--port', '99999'], /--port must be a port number/],
    [['--grafana', '14'], /unknown host "14"/],
    [['--ttl', 'x'], /--ttl must be/],
  ])('refuses %j with a message and the usage, exit 2', (args, message) => {
    const result = run(...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('Usage: node preview/server.mjs');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it.each(['--help', '-h'])('prints the usage for %s and exits 0, starting nothing', (flag) => {
    const result = run(flag);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: node preview/server.mjs');
    expect(result.stdout).not.toContain('preview: http');
  });

  it('reads the settings it is given', () => {
    expect(previewSettings(['--port', '0', '--no-build'])).toMatchObject({ port: 0, build: false, grafana: '12' });
    expect(portSetting(3001)).toBe(3001);
    expect(() => portSetting(Number('abc'))).toThrow(/--port must be/);
  });
});
