// Alerts end to end on the stack without Docker: Prometheus' rules, Alertmanager's grouping, routing
// and inhibition, and the targets service's webhook, which lists what reached it. The alerting's
// durations are scaled down (alertTimeScale), so the shipped minutes become seconds; free ports,
// 1 s scrapes, bounded waits.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startStack } from '../../stack/stack.mjs';
import { programs, ROOT } from './tools';

type Alert = { status: string; labels: Record<string, string> };
type Notification = {
  receiver: string;
  status: string;
  groupKey: string;
  groupLabels: Record<string, string>;
  alerts: Alert[];
};
type AlertmanagerAlert = {
  labels: Record<string, string>;
  receivers: Array<{ name: string }>;
  status: { state: string; inhibitedBy: string[] };
};
type Stack = Awaited<ReturnType<typeof startStack>>;

// for: 1m -> 6 s, evaluation 15 s -> 1.5 s, group_wait 30 s -> 3 s, group_interval 5m -> 30 s.
const SCALE = 0.1;
const GROUP_INTERVAL_MS = 300000 * SCALE;
const SERVICE = 'alerting-test';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

programs(['prometheus', 'alertmanager', 'blackbox']);

/** Polls `check` until it returns something other than undefined or false. */
async function waitUntil<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const result = await check();
      if (result !== undefined && result !== false) {
        return result;
      }
    } catch (error) {
      lastError = error;
    }
    await sleep(250);
  }
  throw new Error(`waited ${timeoutMs} ms for ${what}${lastError ? `; last error ${lastError}` : ''}`);
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) {
    throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as T;
}

describe('alerts on the stack without Docker (Prometheus, Alertmanager, the targets webhook)', () => {
  let stack: Stack;
  let down: string[];
  let up: string[];

  const notifications = () => getJson<Notification[]>(`${stack.targetsUrl}/alerts`);
  const ofService = (list: Notification[], alertname: string) =>
    list.filter((n) => n.groupLabels.alertname === alertname && n.groupLabels.service_name === SERVICE);
  const proberDownOf = (list: Notification[]) => list.filter((n) => n.groupLabels.alertname === 'PortwatchProberDown');
  const alertmanagerAlerts = (...matchers: string[]) => {
    const url = new URL(`${stack.alertmanagerUrl}/api/v2/alerts`);
    matchers.forEach((m) => url.searchParams.append('filter', m));
    return getJson<AlertmanagerAlert[]>(url.toString());
  };
  const postAlerts = async (alerts: Array<{ labels: Record<string, string>; endsAt?: string }>) => {
    const response = await fetch(new URL(`${stack.alertmanagerUrl}/api/v2/alerts`), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(alerts),
    });
    expect(response.status).toBe(200);
  };

  beforeAll(async () => {
    stack = await startStack({ scrapeInterval: '1s', preferDefaultPorts: false, alertTimeScale: SCALE });
    // One job's targets of one service: some DOWN, some UP.
    const http = `http://127.0.0.1:${stack.ports.http}`;
    down = [`127.0.0.1:${stack.ports.tcpDown}`, `${http}/down/1`, `${http}/down/2`];
    up = [`127.0.0.1:${stack.ports.tcp}`, `${http}/t/1`];
    for (const target of [...down, ...up]) {
      await stack.addSdTarget({
        target,
        labels: { service_name: SERVICE, env: 'test' },
        module: target.startsWith('http') ? 'http_2xx' : undefined,
      });
    }
  }, 120000);

  afterAll(async () => {
    await stack?.stop();
  }, 30000);

  it('gives every probe target a host label: its address without scheme, port or path', async () => {
    const results = (await stack.waitFor(`up{service_name="${SERVICE}"}`, (r: unknown[]) => r.length === 5, {
      timeoutMs: 40000,
    })) as Array<{ metric: Record<string, string> }>;
    expect(results.map((r) => r.metric.host)).toEqual(Array(5).fill('127.0.0.1'));
    const all = (await stack.query('up{job=~"probe_.*"}')) as Array<{ metric: Record<string, string> }>;
    expect(all.length).toBeGreaterThan(5);
    expect(all.filter((r) => r.metric.host !== '127.0.0.1').map((r) => r.metric)).toEqual([]);
  }, 60000);

  it('holds back a target’s alerts while its prober is down, and a host’s port alerts while it is down', async () => {
    const endsAt = new Date(Date.now() + 10 * 60000).toISOString();
    const labels = (alertname: string, extra: Record<string, string>) => ({
      alertname,
      severity: 'critical',
      service_name: 'inhibition-test',
      ...extra,
    });
    const alerts = [
      labels('PortwatchProberDown', { job: 'probe_a', instance: 'a1:1', host: 'a1' }),
      labels('PortwatchSlowProbe', { job: 'probe_a', instance: 'a1:1', host: 'a1', severity: 'warning' }),
      // Another target of the same job, whose probe the exporter still answers (a1's module is unknown
      // to it, say): its alert is its own.
      labels('PortwatchTargetDown', { job: 'probe_a', instance: 'a2:1', host: 'a2' }),
      labels('PortwatchTargetDown', { job: 'probe_b', instance: 'b1:1', host: 'b1' }),
      labels('PortwatchHostDown', { job: 'probe_icmp', instance: 'db', host: 'db' }),
      labels('PortwatchTargetDown', { job: 'probe_b', instance: 'db:5432', host: 'db' }),
      labels('PortwatchSlowProbe', { job: 'probe_b', instance: 'http://db/', host: 'db', severity: 'warning' }),
      labels('PortwatchTargetDown', { job: 'probe_b', instance: 'web:80', host: 'web' }),
      // A host-down alert without a host label must not hold back port alerts without one.
      labels('PortwatchHostDown', { job: 'probe_icmp', instance: 'nameless' }),
      labels('PortwatchTargetDown', { job: 'probe_b', instance: 'nameless:1' }),
      // Down says more than flapping; the critical certificate alert more than its warning.
      labels('PortwatchTargetFlapping', { job: 'probe_b', instance: 'web:80', host: 'web', severity: 'warning' }),
      labels('PortwatchTargetFlapping', { job: 'probe_b', instance: 'api:80', host: 'api', severity: 'warning' }),
      labels('PortwatchCertificateExpiring', {
        job: 'probe_c',
        instance: 'https://c/',
        host: 'c',
        severity: 'warning',
      }),
      labels('PortwatchCertificateExpiring', { job: 'probe_c', instance: 'https://c/', host: 'c' }),
      labels('PortwatchCertificateExpiring', {
        job: 'probe_c',
        instance: 'https://d/',
        host: 'd',
        severity: 'warning',
      }),
    ];
    await postAlerts(alerts.map((l) => ({ labels: l, endsAt })));
    try {
      const states = await waitUntil(
        'the posted alerts in Alertmanager',
        async () => {
          const found = await alertmanagerAlerts('service_name="inhibition-test"');
          return found.length === alerts.length && found;
        },
        10000
      );
      const stateOf = Object.fromEntries(
        states.map((a) => [
          {
            PortwatchSlowProbe: `slow ${a.labels.instance}`,
            PortwatchTargetFlapping: `flapping ${a.labels.instance}`,
            PortwatchCertificateExpiring: `cert ${a.labels.severity} ${a.labels.instance}`,
          }[a.labels.alertname] ?? a.labels.instance,
          a.status.state,
        ])
      );
      expect(stateOf).toEqual({
        'a1:1': 'active',
        'slow a1:1': 'suppressed',
        'a2:1': 'active',
        'b1:1': 'active',
        db: 'active',
        'db:5432': 'suppressed',
        'slow http://db/': 'suppressed',
        'web:80': 'active',
        nameless: 'active',
        'nameless:1': 'active',
        'flapping web:80': 'suppressed',
        'flapping api:80': 'active',
        'cert warning https://c/': 'suppressed',
        'cert critical https://c/': 'active',
        'cert warning https://d/': 'active',
      });
    } finally {
      await postAlerts(alerts.map((l) => ({ labels: l, endsAt: new Date().toISOString() })));
    }
  }, 30000);

  it('a stopped blackbox_exporter gives one PortwatchProberDown notification for all its targets, no PortwatchTargetDown and no "resolved" for the targets; its return resolves it', async () => {
    // PortwatchTargetDown of the DOWN targets fires and is notified first.
    const targetDown = await waitUntil(
      'the PortwatchTargetDown notification of every DOWN target',
      async () => {
        const sent = ofService(await notifications(), 'PortwatchTargetDown');
        const instances = new Set(sent.flatMap((n) => n.alerts.map((a) => a.labels.instance)));
        return down.every((t) => instances.has(t)) && sent;
      },
      90000
    );
    expect(new Set(targetDown.map((n) => n.receiver))).toEqual(new Set(['oncall-pager']));
    expect(targetDown.flatMap((n) => n.alerts.map((a) => a.labels.instance)).filter((i) => up.includes(i))).toEqual([]);
    const before = (await notifications()).length;

    await stack.stopBlackbox();

    // Alertmanager holds the targets' alerts back as soon as the prober's alert arrives.
    await waitUntil(
      "the DOWN targets' alerts inhibited by PortwatchProberDown",
      async () => {
        const held = await alertmanagerAlerts('alertname="PortwatchTargetDown"', `service_name="${SERVICE}"`);
        return (
          held.length === down.length &&
          held.every((a) => a.status.state === 'suppressed' && a.status.inhibitedBy.length > 0)
        );
      },
      60000
    );
    const proberDown = await waitUntil(
      'the PortwatchProberDown notification',
      async () => {
        const sent = proberDownOf((await notifications()).slice(before));
        return sent.length > 0 && sent;
      },
      60000
    );
    expect(proberDown[0]).toMatchObject({
      receiver: 'oncall-pager',
      status: 'firing',
      groupLabels: { alertname: 'PortwatchProberDown' },
    });
    // Every target of the service, DOWN or UP, in that one notification, with the other jobs' targets.
    const unprobed = proberDown[0].alerts.map((a) => a.labels.instance);
    expect([...down, ...up].filter((target) => !unprobed.includes(target))).toEqual([]);
    expect(new Set(proberDown[0].alerts.map((a) => a.labels.job)).size).toBeGreaterThan(1);

    // The targets' alerts go on firing in Prometheus with their probe results stale, held back by
    // Alertmanager through at least one flush of their group.
    await sleep(GROUP_INTERVAL_MS + 5000);
    const firing = (await stack.query(
      `ALERTS{alertname="PortwatchTargetDown", alertstate="firing", service_name="${SERVICE}"}`
    )) as Array<{ metric: Record<string, string> }>;
    expect(firing.map((r) => r.metric.instance).sort()).toEqual([...down].sort());
    expect(
      (await alertmanagerAlerts('alertname="PortwatchTargetDown"', `service_name="${SERVICE}"`)).map(
        (a) => a.status.state
      )
    ).toEqual(down.map(() => 'suppressed'));
    const whileDown = (await notifications()).slice(before);
    expect(ofService(whileDown, 'PortwatchTargetDown')).toEqual([]);
    // One page for the whole outage, not one per job or service.
    expect(proberDownOf(whileDown).map((n) => n.status)).toEqual(['firing']);

    await stack.startBlackbox();

    const resolved = await waitUntil(
      'the resolved PortwatchProberDown notification',
      async () => {
        const sent = proberDownOf((await notifications()).slice(before));
        return sent.find((n) => n.status === 'resolved');
      },
      90000
    );
    expect(resolved.groupKey).toBe(proberDown[0].groupKey);
    const resolvedTargets = resolved.alerts.map((a) => a.labels.instance);
    expect([...down, ...up].filter((target) => !resolvedTargets.includes(target))).toEqual([]);

    // The DOWN targets' alerts are no longer held back, and their notification (sent before the
    // outage) is not repeated.
    await waitUntil(
      'PortwatchTargetDown active again in Alertmanager',
      async () => {
        const again = await alertmanagerAlerts('alertname="PortwatchTargetDown"', `service_name="${SERVICE}"`);
        return again.length === down.length && again.every((a) => a.status.state === 'active');
      },
      60000
    );
    await sleep(GROUP_INTERVAL_MS + 3000);
    const after = (await notifications()).slice(before);
    expect(ofService(after, 'PortwatchTargetDown')).toEqual([]);
    expect(new Set(proberDownOf(after).map((n) => n.groupKey)).size).toBe(1);
  }, 300000);

  it('sends the watchdog to Alertmanager all the time, and to its own receiver only', async () => {
    const [watchdog] = await waitUntil(
      'the watchdog in Alertmanager',
      async () => {
        const found = await alertmanagerAlerts('alertname="PortwatchWatchdog"');
        return found.length > 0 && found;
      },
      30000
    );
    expect(watchdog.status.state).toBe('active');
    expect(watchdog.receivers.map((r) => r.name)).toEqual(['watchdog']);
    expect((await notifications()).filter((n) => n.groupLabels.alertname === 'PortwatchWatchdog')).toEqual([]);
  }, 60000);

  it("keeps the alerts that are not about one target (the watchdog's) out of the Port Status panel's alerts query", async () => {
    const dashboard = JSON.parse(readFileSync(join(ROOT, 'dashboards/port-status.json'), 'utf8'));
    const panel = dashboard.panels.find((p: { type: string }) => p.type === 'portwatch-status-panel');
    const alertsQuery = panel.targets.find((t: { expr: string }) => t.expr.startsWith('ALERTS')).expr;
    expect(await stack.query('ALERTS{alertname="PortwatchWatchdog"}')).toHaveLength(1);
    const results = (await stack.waitFor(alertsQuery, (r: unknown[]) => r.length > 0)) as Array<{
      metric: Record<string, string>;
    }>;
    expect(results.filter((r) => !r.metric.instance || !r.metric.job?.startsWith('probe_'))).toEqual([]);
  }, 60000);
});
