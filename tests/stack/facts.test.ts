// The demo targets behind the Port Status panel's facts, probed by the real stack: the route that
// answers 503, the HTTPS listener's self-signed certificate, the failed content check, and the test
// host (stack/testhost.mjs) taken off the network. Free ports, 1 s scrapes, bounded waits.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import tls from 'node:tls';

import { startStack } from '../../stack/stack.mjs';
import { testHostUnavailable } from '../../stack/testhost.mjs';
import { CERT_DAYS } from '../../targets/server.mjs';
import { programs, ROOT } from './tools';

type Sample = { metric: Record<string, string>; value: [number, string] };
type StackTarget = { job: string; instance: string; module: string; expected: string; listener: string | null };
type Stack = Awaited<ReturnType<typeof startStack>> & { targets: StackTarget[] };

jest.setTimeout(120_000);
programs(['prometheus', 'blackbox', 'alertmanager']);

const DAY_S = 24 * 60 * 60;
/** Why this machine cannot make the test host (not root...), or null. */
const noTestHost = testHostUnavailable();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let stack: Stack;
let startedAt: number;

beforeAll(async () => {
  startedAt = Date.now() / 1000;
  stack = (await startStack({ scrapeInterval: '1s', preferDefaultPorts: false, testHost: true })) as Stack;
});

afterAll(async () => {
  await stack?.stop();
});

function target(test: (t: StackTarget) => boolean, what: string): StackTarget {
  const found = stack.targets.find(test);
  if (!found) {
    throw new Error(`the stack has no ${what}: ${JSON.stringify(stack.targets.map((t) => t.instance))}`);
  }
  return found;
}

/** The one value of `metric` for `instance`, once `predicate` holds for it. */
async function valueOf(metric: string, instance: string, predicate: (value: number) => boolean): Promise<number> {
  const result = (await stack.waitFor(
    `${metric}{instance="${instance}"}`,
    (r: Sample[]) => r.length === 1 && predicate(Number(r[0].value[1])),
    { timeoutMs: 20_000 }
  )) as Sample[];
  return Number(result[0].value[1]);
}

function networkNames(): string {
  return (
    spawnSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' }).stdout +
    spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout
  );
}

it('probes the route that answers 503: HTTP status 503, probe failed, expected down', async () => {
  const t = target((x) => x.instance.endsWith('/status/503'), '503 target');
  expect(t).toMatchObject({ job: 'probe_http', expected: 'down', listener: 'http' });
  expect(await valueOf('probe_http_status_code', t.instance, (v) => v !== 0)).toBe(503);
  expect(await valueOf('probe_success', t.instance, () => true)).toBe(0);
});

it('reports when the HTTPS listener’s self-signed certificate expires: 10 days after the stack started', async () => {
  const t = target((x) => x.instance.startsWith('https://'), 'HTTPS target');
  expect(t).toMatchObject({ module: 'http_2xx_tls_selfsigned', expected: 'up', listener: 'tls' });
  expect(stack.httpsUrl).toBeDefined();
  const expiry = await valueOf('probe_ssl_earliest_cert_expiry', t.instance, (v) => v > 0);
  // Made at start by openssl (`-days 10`): within the seconds the start took, 10 days on.
  expect(expiry).toBeGreaterThanOrEqual(Math.floor(startedAt) + CERT_DAYS * DAY_S - 1);
  expect(expiry).toBeLessThanOrEqual(Date.now() / 1000 + CERT_DAYS * DAY_S + 1);
  // The very certificate the listener serves.
  const served = await new Promise<tls.PeerCertificate>((resolve, reject) => {
    const url = new URL(stack.httpsUrl!);
    const socket = tls.connect({ host: url.hostname, port: Number(url.port), rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate());
      socket.end();
    });
    socket.once('error', reject);
  });
  expect(Date.parse(served.valid_to) / 1000).toBe(expiry);
  expect(await valueOf('probe_success', t.instance, () => true)).toBe(1);
});

it('fails the content check of the route that answers 200 with a maintenance notice', async () => {
  const t = target((x) => x.instance.endsWith('/maintenance'), 'content-check target');
  expect(t).toMatchObject({ module: 'http_content', expected: 'down', listener: 'http' });
  expect(await valueOf('probe_failed_due_to_regex', t.instance, (v) => v === 1)).toBe(1);
  expect(await valueOf('probe_http_status_code', t.instance, (v) => v !== 0)).toBe(200);
  expect(await valueOf('probe_success', t.instance, () => true)).toBe(0);
  // The same module passes a route whose body says ok: the check is the body, not the module.
  const health = target((x) => x.instance.endsWith('/health') && x.instance.startsWith('http://'), 'health target');
  const url = new URL('/probe', stack.blackboxUrl);
  url.searchParams.set('module', 'http_content');
  url.searchParams.set('target', health.instance);
  expect(await (await fetch(url)).text()).toMatch(/^probe_success 1$/m);
});

describe(noTestHost ? `without the test host (${noTestHost})` : 'the test host', () => {
  if (noTestHost) {
    it('starts the stack without it, saying why', () => {
      expect(stack.testHost).toBeUndefined();
      expect(stack.testHostUnavailable).toContain(noTestHost);
      expect(stack.targets.some((t) => t.listener === 'testHost')).toBe(false);
    });
    return;
  }

  it('is pinged and its port probed; taken off the network, both fail, and they come back', async () => {
    const host = stack.testHost!;
    expect(stack.targets.filter((t) => t.listener === 'testHost').map((t) => [t.job, t.instance, t.expected])).toEqual([
      ['probe_tcp', host.tcpInstance, 'up'],
      ['probe_icmp', host.icmpInstance, 'up'],
    ]);
    // Joined to its ports by the `host` label, which the relabelling sets.
    const both = `probe_success{host="${host.address}"}`;
    const all = (value: string) => (r: Sample[]) => r.length === 2 && r.every((s) => s.value[1] === value);
    await stack.waitFor(both, all('1'), { timeoutMs: 20_000 });

    await stack.stopTestHost();
    try {
      expect(host.up).toBe(false);
      const down = (await stack.waitFor(both, all('0'), { timeoutMs: 20_000 })) as Sample[];
      expect(down.map((s) => s.metric.job).sort()).toEqual(['probe_icmp', 'probe_tcp']);
    } finally {
      await stack.startTestHost();
    }
    await stack.waitFor(both, all('1'), { timeoutMs: 20_000 });
  });

  it('is removed, namespace and link, when the process that made it is killed', async () => {
    const script = `
      import { startStack } from ${JSON.stringify(join(ROOT, 'stack/stack.mjs'))};
      const stack = await startStack({ preferDefaultPorts: false, testHost: true, waitForScrapes: false });
      console.log('namespace ' + stack.testHost.namespace);
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const deadline = Date.now() + 60_000;
    while (!/namespace (\S+)/.test(output) && child.exitCode === null && Date.now() < deadline) {
      await sleep(100);
    }
    const namespace = /namespace (\S+)/.exec(output)?.[1];
    const made = networkNames();
    child.kill('SIGKILL');
    expect([namespace, output]).toEqual([expect.stringMatching(/^portwatch-[0-9a-f]{8}$/), expect.any(String)]);
    const id = namespace!.slice('portwatch-'.length);
    expect(made).toContain(`pw${id}o`);
    expect(made).toContain(namespace);
    const deadline2 = Date.now() + 20_000;
    while (networkNames().includes(id) && Date.now() < deadline2) {
      await sleep(200);
    }
    expect(networkNames()).not.toContain(id);
  });

  it('is removed, namespace and link, by stop()', async () => {
    const id = stack.testHost!.namespace.slice('portwatch-'.length);
    expect(networkNames()).toContain(id);
    await stack.stop();
    expect(networkNames()).not.toContain(id);
  });
});
