// What a web page the developer opens can do with the stack without Docker: every part listens on
// 127.0.0.1, which any page can send requests to. It may read nothing from Prometheus and change
// nothing in the demo targets service.
import http from 'node:http';

import { startStack } from '../../stack/stack.mjs';
import { programs } from './tools';

type Stack = Awaited<ReturnType<typeof startStack>>;

const EVIL = 'http://evil.example';

/** A request with exactly these headers; resolves with the status, the headers and the body. */
function request(
  url: string,
  method: string,
  headers: Record<string, string>,
  body = ''
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

programs(['prometheus', 'alertmanager', 'blackbox']);

describe('the stack without Docker, seen from another site', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ scrapeInterval: '1s', preferDefaultPorts: false, waitForScrapes: false });
  }, 60000);
  afterAll(() => stack?.stop());

  it('Prometheus gives another site no Access-Control-Allow-Origin, only its own origin', async () => {
    const query = `${stack.promUrl}/api/v1/query?query=up`;
    const evil = await request(query, 'GET', { origin: EVIL });
    expect(evil.status).toBe(200);
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await request(query, 'OPTIONS', {
      origin: EVIL,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    for (const origin of [
      'null',
      `${EVIL}:${stack.ports.prometheus}`,
      `http://127.0.0.1:${stack.ports.prometheus}.evil.example`,
    ]) {
      const answer = await request(query, 'GET', { origin });
      expect([origin, answer.headers['access-control-allow-origin']]).toEqual([origin, undefined]);
    }
    // The flag is in effect: Prometheus' own origin is the one it names.
    const own = `http://127.0.0.1:${stack.ports.prometheus}`;
    expect((await request(query, 'GET', { origin: own })).headers['access-control-allow-origin']).toBe(own);
  });

  it('the targets service refuses a cross-site text/plain POST, and discovery stays as it was', async () => {
    const before = await (await fetch(stack.sdUrl)).text();
    const planted = JSON.stringify({ target: '203.0.113.7:22', labels: { service_name: 'planted' } });
    const answer = await request(
      `${stack.targetsUrl}/admin/targets`,
      'POST',
      { origin: EVIL, 'content-type': 'text/plain;charset=UTF-8' },
      planted
    );
    expect(answer.status).toBe(403);
    const stop = await request(`${stack.targetsUrl}/admin/listeners/tcp/stop`, 'POST', {
      origin: EVIL,
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(stop.status).toBe(403);
    expect(await (await fetch(stack.sdUrl)).text()).toBe(before);
    expect(await (await fetch(`${stack.targetsUrl}/admin/listeners`)).json()).toMatchObject({ tcp: { up: true } });
    // The stack's own calls still go through.
    await stack.stopTarget('tcp');
    expect(await (await fetch(`${stack.targetsUrl}/admin/listeners`)).json()).toMatchObject({ tcp: { up: false } });
    await stack.startTarget('tcp');
  });

  it('Alertmanager answers only under its own path, which another site cannot know', async () => {
    const url = new URL(stack.alertmanagerUrl!);
    const secret = url.pathname;
    expect(secret).toMatch(/^\/[0-9a-f]{32}$/);
    for (const path of ['/api/v2/alerts', '/api/v2/silences', '/api/v1/alerts', '/-/ready']) {
      const guessed = await request(`${url.origin}${path}`, 'GET', { origin: EVIL });
      expect([path, guessed.status]).toEqual([path, 404]);
    }
    // The root redirects to the path without CORS headers: a page on another site cannot read where
    // it points, as the browser fails a cross-origin redirect that allows no origin.
    const root = await request(`${url.origin}/`, 'GET', { origin: EVIL });
    expect(root.headers['access-control-allow-origin']).toBeUndefined();
    const silence = await request(
      `${url.origin}/api/v2/silences`,
      'POST',
      { origin: EVIL, 'content-type': 'application/json' },
      JSON.stringify({
        matchers: [],
        startsAt: new Date().toISOString(),
        endsAt: new Date(Date.now() + 60_000).toISOString(),
        createdBy: 'x',
        comment: 'x',
      })
    );
    expect(silence.status).toBe(404);
    // The stack's own URL works, and Prometheus sends its alerts there.
    expect((await request(`${stack.alertmanagerUrl}/api/v2/status`, 'GET', {})).status).toBe(200);
    let active: unknown[] = [];
    for (let tries = 0; tries < 120 && active.length === 0; tries++) {
      active = (await (await fetch(`${stack.promUrl}/api/v1/alertmanagers`)).json()).data.activeAlertmanagers;
      if (active.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    expect(active).toEqual([{ url: `${stack.alertmanagerUrl}/api/v2/alerts` }]);
  }, 60_000);
});
