// The stack without Docker, end to end, on Prometheus and on VictoriaMetrics single-node: the same
// rendered configuration, the same queries as the dashboard. Free ports, 1 s scrapes, bounded waits.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

import { startStack } from '../../stack/stack.mjs';
import { PROBE_JOBS, programs, ROOT } from './tools';

type Sample = { metric: Record<string, string>; value: [number, string]; values?: Array<[number, string]> };
type StackTarget = {
  job: string;
  instance: string;
  module: string;
  expected: string;
  listener: string | null;
  labels: Record<string, string>;
};
type Stack = Awaited<ReturnType<typeof startStack>> & { targets: StackTarget[] };

const INTERVAL = '1s';
const INTERVAL_MS = 1000;
// A change shows within three scrapes; the rest is the poll and query round trip.
const THREE_SCRAPES_MS = 3 * INTERVAL_MS + 500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The local addresses of every listening TCP socket and bound UDP socket a process holds. */
function listeningAddresses(pid: number): string[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) {
        inodes.add(m[1]);
      }
    } catch {
      // closed meanwhile
    }
  }
  const out: string[] = [];
  for (const table of ['tcp', 'tcp6', 'udp', 'udp6']) {
    for (const line of readFileSync(`/proc/${pid}/net/${table}`, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const listening = table.startsWith('udp') || cols[3] === '0A';
      if (cols.length > 9 && listening && inodes.has(cols[9])) {
        out.push(`${table} ${cols[1]}`);
      }
    }
  }
  return out;
}

programs(['prometheus', 'blackbox', 'victoriaMetrics']);

describe.each(['prometheus', 'victoria-metrics'] as const)('the stack without Docker, on %s', (backend) => {
  let stack: Stack;
  const valueOf = (results: Sample[], instance: string) =>
    results.find((r) => r.metric.instance === instance)?.value[1];

  beforeAll(async () => {
    stack = (await startStack({ backend, scrapeInterval: INTERVAL, preferDefaultPorts: false })) as Stack;
  }, 120000);

  afterAll(async () => {
    await stack?.stop();
  }, 30000);

  it('listens on 127.0.0.1 only, every process', () => {
    const processes = stack.processes();
    // Alertmanager only with Prometheus: VictoriaMetrics single-node evaluates no rules.
    const names = ['blackbox_exporter', backend, 'targets', ...(backend === 'prometheus' ? ['alertmanager'] : [])];
    expect(processes.map((p) => p.name).sort()).toEqual(names.sort());
    for (const { name, pid } of processes) {
      const addresses = listeningAddresses(pid);
      expect([name, addresses.length > 0]).toEqual([name, true]);
      for (const address of addresses) {
        expect([name, address]).toEqual([name, expect.stringMatching(/^(tcp|udp) 0100007F:/)]);
      }
    }
  });

  it('probes every demo target: all up, except the ones meant to be down', async () => {
    const known = stack.targets.filter((t) => t.expected !== 'unknown');
    // The closed port, the route that answers 503 and the one whose content check fails.
    expect(known.filter((t) => t.expected === 'down').map((t) => t.instance)).toEqual([
      `127.0.0.1:${stack.ports.tcpDown}`,
      `${stack.httpUrl}/status/503`,
      `${stack.httpUrl}/maintenance`,
    ]);
    expect(new Set(stack.targets.map((t) => t.job))).toEqual(new Set(PROBE_JOBS));
    const results = (await stack.waitFor(
      'probe_success',
      (r: Sample[]) => known.every((t) => valueOf(r, t.instance) === (t.expected === 'up' ? '1' : '0')),
      { timeoutMs: 20000 }
    )) as Sample[];
    // The relabelling: instance is the probed address, the scrape went to blackbox_exporter, and the
    // target's labels came along.
    for (const target of stack.targets) {
      const series = results.find((r) => r.metric.instance === target.instance && r.metric.job === target.job);
      expect([target.instance, series?.metric]).toEqual([target.instance, expect.objectContaining(target.labels)]);
    }
    const markup = results.find((r) => r.metric.service_name === '<img src=x onerror=alert(1)>');
    expect(markup?.value[1]).toBe('1');
  });

  it('answers the dashboard’s queries, with the prober query limited to probe jobs', async () => {
    const url = new URL('/api/v1/label/job/values', stack.promUrl);
    url.searchParams.set('match[]', 'probe_success');
    const jobs: string[] = (await (await fetch(url)).json()).data;
    expect(jobs.sort()).toEqual(PROBE_JOBS);
    // What Grafana sends with $job = All and $instance = All: their custom all value, '.*'.
    const selector = `{job=~".*", instance=~".*"}`;
    const dashboard = JSON.parse(readFileSync(join(ROOT, 'dashboards/port-status.json'), 'utf8'));
    const panel = dashboard.panels.find((p: { type: string }) => p.type === 'portwatch-status-panel');
    // Status, duration and prober health exist for every target; the other queries (HTTP status,
    // certificates, hosts, alerts...) only for the targets that have them.
    const everyTarget = panel.targets.filter((t: { refId: string }) => ['A', 'B', 'C'].includes(t.refId));
    expect(everyTarget.map((t: { refId: string }) => t.refId)).toEqual(['A', 'B', 'C']);
    for (const target of everyTarget) {
      const expr = target.expr.replaceAll('$job', '.*').replaceAll('$instance', '.*');
      const results = (await stack.query(expr)) as Sample[];
      expect([target.refId, results.length]).toEqual([target.refId, stack.targets.length]);
      expect(results.every((r) => r.metric.job.startsWith('probe_'))).toBe(true);
    }
    // The range query Grafana makes for sparklines works the same way.
    const end = Math.ceil(Date.now() / 1000) + 1;
    const range = new URL('/api/v1/query_range', stack.promUrl);
    range.searchParams.set('query', `probe_duration_seconds${selector}`);
    range.searchParams.set('start', String(end - 60));
    range.searchParams.set('end', String(end));
    range.searchParams.set('step', '1');
    const body = await (await fetch(range)).json();
    expect(body.status).toBe('success');
    expect(body.data.result.length).toBe(stack.targets.length);
  });

  it('turns the TCP target DOWN within three scrapes of its server stopping, and UP again', async () => {
    const tcp = stack.targets.find((t) => t.job === 'probe_tcp' && t.listener === 'tcp')!;
    const query = `probe_success{job="probe_tcp", instance="${tcp.instance}"}`;
    await stack.waitFor(query, (r: Sample[]) => r[0]?.value[1] === '1');

    let started = Date.now();
    await stack.stopTarget('tcp');
    await stack.waitFor(query, (r: Sample[]) => r[0]?.value[1] === '0', { timeoutMs: 10000, intervalMs: 50 });
    expect(Date.now() - started).toBeLessThanOrEqual(THREE_SCRAPES_MS);

    started = Date.now();
    await stack.startTarget('tcp');
    await stack.waitFor(query, (r: Sample[]) => r[0]?.value[1] === '1', { timeoutMs: 10000, intervalMs: 50 });
    expect(Date.now() - started).toBeLessThanOrEqual(THREE_SCRAPES_MS);
  }, 30000);

  it('turns the HTTP targets DOWN when the HTTP server stops, leaving the others UP', async () => {
    const http = stack.targets.filter((t) => t.listener === 'http');
    const others = stack.targets.filter((t) => t.listener === null && t.expected === 'up');
    expect(http.length).toBeGreaterThanOrEqual(3);
    await stack.stopTarget('http');
    try {
      await stack.waitFor(
        'probe_success',
        (r: Sample[]) =>
          http.every((t) => valueOf(r, t.instance) === '0') && others.every((t) => valueOf(r, t.instance) === '1'),
        { timeoutMs: 10000, intervalMs: 100 }
      );
    } finally {
      await stack.startTarget('http');
    }
    // Back as before: the routes that fail by design (503, content check) stay down.
    await stack.waitFor(
      'probe_success',
      (r: Sample[]) => http.every((t) => valueOf(r, t.instance) === (t.expected === 'up' ? '1' : '0')),
      { timeoutMs: 10000 }
    );
  }, 30000);

  it('reports the prober down (up == 0) and no more probe results while blackbox_exporter is stopped', async () => {
    const probeJobs = new Set(stack.targets.map((t) => t.job));
    await stack.stopBlackbox();
    const stoppedAt = Date.now() / 1000;
    try {
      const up = (await stack.waitFor(
        'up{job=~"probe_.*"}',
        (r: Sample[]) => r.length === stack.targets.length && r.every((s) => s.value[1] === '0'),
        { timeoutMs: 10000, intervalMs: 100 }
      )) as Sample[];
      expect(new Set(up.map((s) => s.metric.job))).toEqual(probeJobs);
      await sleep(2 * INTERVAL_MS);
      // Stale: the instant query finds nothing, and no sample came after the exporter stopped.
      expect(await stack.query('probe_success')).toEqual([]);
      const raw = (await stack.query('probe_success[30s]')) as Sample[];
      for (const series of raw) {
        const numeric = (series.values ?? []).filter(([, v]) => !Number.isNaN(Number(v)));
        expect(numeric.length).toBeGreaterThan(0);
        expect(numeric[numeric.length - 1][0]).toBeLessThanOrEqual(stoppedAt + INTERVAL_MS / 1000);
      }
    } finally {
      await stack.startBlackbox();
    }
    await stack.waitFor('up{job=~"probe_.*"} == 1', (r: Sample[]) => r.length === stack.targets.length, {
      timeoutMs: 15000,
    });
    await stack.waitFor('probe_success', (r: Sample[]) => r.length === stack.targets.length, { timeoutMs: 15000 });
  }, 60000);

  it('picks up a target added to the service-discovery endpoint, and drops it when removed, without a restart', async () => {
    const pid = stack.processes().find((p) => p.name === backend)!.pid;
    const target = `http://127.0.0.1:${stack.ports.http}/t/${backend.length}`;
    const instance = await stack.addSdTarget({
      target,
      labels: { service_name: 'added-by-test', env: 'test' },
      module: 'http_2xx',
    });
    expect(instance).toBe(target);
    try {
      const results = (await stack.waitFor(
        'probe_success{service_name="added-by-test"}',
        (r: Sample[]) => r[0]?.value[1] === '1',
        { timeoutMs: 40000, intervalMs: 250 }
      )) as Sample[];
      expect(results[0].metric).toMatchObject({
        job: 'probe_http_sd',
        instance: target,
        env: 'test',
        module: 'http_2xx',
      });
    } finally {
      await stack.removeSdTarget(target);
    }
    await stack.waitFor('probe_success{service_name="added-by-test"}', (r: Sample[]) => r.length === 0, {
      timeoutMs: 40000,
      intervalMs: 250,
    });
    expect(stack.processes().find((p) => p.name === backend)!.pid).toBe(pid);
  }, 90000);

  if (backend === 'victoria-metrics') {
    it('deletes nothing for a page of another site: its data routes take a key', async () => {
      const foreign = { Origin: 'http://evil.example' };
      const deleted = await fetch(new URL('/api/v1/admin/tsdb/delete_series?match[]=probe_success', stack.promUrl), {
        headers: foreign,
      });
      expect(deleted.status).toBeGreaterThanOrEqual(400);
      for (const path of ['/snapshot/create', '/internal/force_merge', '/internal/resetRollupResultCache']) {
        const status = (await fetch(new URL(path, stack.promUrl), { headers: foreign })).status;
        expect([path, status >= 400]).toEqual([path, true]);
      }
      const result = await stack.query('count(probe_success)');
      expect(Number(result[0]?.value?.[1])).toBeGreaterThan(0);
    });
  }

  if (backend === 'prometheus') {
    it("sends alerts to the stack's Alertmanager", async () => {
      const body = await (await fetch(new URL('/api/v1/alertmanagers', stack.promUrl))).json();
      expect(body.data.activeAlertmanagers).toEqual([{ url: `${stack.alertmanagerUrl}/api/v2/alerts` }]);
      const rules = await (await fetch(new URL('/api/v1/rules', stack.promUrl))).json();
      const names = rules.data.groups.flatMap((g: { rules: Array<{ name: string }> }) => g.rules.map((r) => r.name));
      expect(names.sort()).toEqual([
        'PortwatchCertificateExpiring',
        'PortwatchCertificateExpiring',
        'PortwatchDiscoveryFailing',
        'PortwatchHostDown',
        'PortwatchProberDown',
        'PortwatchSlowProbe',
        'PortwatchTargetDown',
        'PortwatchTargetFlapping',
        'PortwatchTargetFlapping',
        'PortwatchTargetsMissing',
        'PortwatchWatchdog',
      ]);
    });
  }
});
