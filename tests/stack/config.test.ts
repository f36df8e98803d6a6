// The shipped configuration passes the checks of the programs that read it, as shipped and as
// rendered for the stack without Docker.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parse } from 'yaml';

import { PORTWATCH_ALERTS } from '../../src/app/checks/checkQueries';
import { renderConfig } from '../../stack/render.mjs';
import { LOOPBACK_PORTS, programs, ROOT, run } from './tools';

const bin = programs(['promtool', 'blackbox', 'victoriaMetrics', 'amtool']);
const PROMETHEUS_CONFIG = join(ROOT, 'stack/prometheus/prometheus.yml');
const RULES = join(ROOT, 'stack/prometheus/rules/portwatch.yml');
const ALERTMANAGER_CONFIG = join(ROOT, 'stack/alertmanager/alertmanager.yml');

function expectSuccess(result: { status: number | null; output: string }) {
  if (result.status !== 0) {
    throw new Error(`exit ${result.status}:\n${result.output}`);
  }
}

describe('shipped configuration', () => {
  it('passes promtool check config, rule files included', () => {
    const result = run(bin.promtool, ['check', 'config', PROMETHEUS_CONFIG]);
    expectSuccess(result);
    expect(result.output).toMatch(/SUCCESS: 11 rules found/);
    expect(result.output).not.toMatch(/WARNING/);
  });

  it('passes promtool check rules', () => {
    const result = run(bin.promtool, ['check', 'rules', RULES]);
    expectSuccess(result);
    expect(result.output).toMatch(/SUCCESS: 11 rules found/);
  });

  it("names every rule in the setup check's list of the shipped alerts", () => {
    const groups = parse(readFileSync(RULES, 'utf8')).groups as Array<{ rules: Array<{ alert?: string }> }>;
    const names = new Set(groups.flatMap((group) => group.rules.map((rule) => rule.alert)));
    expect([...PORTWATCH_ALERTS].sort()).toEqual([...names].sort());
  });

  it('passes the alert rules unit tests (promtool test rules)', () => {
    expectSuccess(run(bin.promtool, ['test', 'rules', join(ROOT, 'tests/stack/rules/portwatch.test.yml')]));
  });

  it('passes blackbox_exporter --config.check', () => {
    const result = run(bin.blackbox, ['--config.check', `--config.file=${join(ROOT, 'stack/blackbox/blackbox.yml')}`]);
    expectSuccess(result);
    expect(result.output).toMatch(/Config file is ok/);
  });

  it('passes amtool check-config', () => {
    const result = run(bin.amtool, ['check-config', ALERTMANAGER_CONFIG]);
    expectSuccess(result);
    expect(result.output).toMatch(/SUCCESS/);
    expect(result.output).toMatch(/4 inhibit rules/);
  });
});

describe('Alertmanager routing (amtool config routes test)', () => {
  const route = (labels: string[], receiver?: string) =>
    run(bin.amtool, [
      'config',
      'routes',
      'test',
      `--config.file=${ALERTMANAGER_CONFIG}`,
      ...(receiver ? [`--verify.receivers=${receiver}`] : []),
      ...labels,
    ]);

  it.each([
    // The dead man's switch goes to its own receiver, whatever else it carries.
    ['watchdog', 'alertname=PortwatchWatchdog severity=none'],
    ['watchdog', 'alertname=PortwatchWatchdog severity=none team=storefront'],
    // A team label sends a target's alerts to its team, at any severity.
    ['team-storefront', 'alertname=PortwatchTargetDown severity=critical team=storefront job=probe_http_sd'],
    ['team-storefront', 'alertname=PortwatchSlowProbe severity=warning team=storefront'],
    ['team-platform', 'alertname=PortwatchTargetFlapping severity=warning team=platform'],
    // A prober that gives no results is the monitoring's own failure: whoever runs it, not the teams.
    ['oncall-pager', 'alertname=PortwatchProberDown severity=critical team=platform'],
    // Without a team (or with a team that has no route), by severity.
    ['oncall-pager', 'alertname=PortwatchTargetDown severity=critical job=probe_tcp'],
    ['oncall-pager', 'alertname=PortwatchHostDown severity=critical team=no-route-for-this-team'],
    ['oncall-pager', 'alertname=PortwatchProberDown severity=critical'],
    ['oncall-chat', 'alertname=PortwatchSlowProbe severity=warning'],
    ['oncall-chat', 'alertname=PortwatchTargetsMissing severity=warning job=probe_http_sd'],
    ['oncall-chat', 'alertname=PortwatchDiscoveryFailing severity=warning'],
    ['oncall-chat', 'alertname=PortwatchCertificateExpiring severity=warning job=probe_https'],
    ['oncall-pager', 'alertname=PortwatchCertificateExpiring severity=critical job=probe_https'],
    // Anything else: the default receiver.
    ['default', 'alertname=SomethingElse severity=info'],
  ])('sends to %s: %s', (receiver, labels) => {
    const result = route(labels.split(' '), receiver);
    expectSuccess(result);
    expect(result.output.split('\n').filter((line) => line && !line.startsWith('Warning'))).toEqual([receiver]);
  });

  it('fails a case whose receiver is wrong', () => {
    const result = route(['alertname=PortwatchTargetDown', 'severity=critical'], 'oncall-chat');
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/did not match/);
  });

  it('groups by alertname, job and service_name, never by instance, and a dead prober into one notification', () => {
    const config = parse(readFileSync(ALERTMANAGER_CONFIG, 'utf8'));
    expect(config.route.group_by).toEqual(['alertname', 'job', 'service_name']);
    const grouped = config.route.routes.filter((r: { group_by?: string[] }) => r.group_by !== undefined);
    expect(grouped).toEqual([
      { matchers: ['alertname = "PortwatchProberDown"'], receiver: 'oncall-pager', group_by: ['alertname'] },
    ]);
  });
});

describe('the host label of probe targets (promtool check service-discovery)', () => {
  let dir: string;
  // [address, host]: what the shared probe relabelling makes of each form of target.
  const cases: Array<[string, string]> = [
    ['targets:8080', 'targets'],
    ['targets', 'targets'],
    ['http://targets:5000/health', 'targets'],
    ['https://shop.example.com/health?x=1#top', 'shop.example.com'],
    ['https://user:secret@shop.example.com:8443/', 'shop.example.com'],
    // An @ after the host (in the query or fragment) is no user part.
    ['http://127.0.0.1:8081?notify=ops@10.0.0.9', '127.0.0.1'],
    ['https://shop.example.com#ops@other.example', 'shop.example.com'],
    ['db.internal:5432', 'db.internal'],
    ['dead:22', 'dead'],
    ['10.0.0.7', '10.0.0.7'],
    ['10.0.0.7:22', '10.0.0.7'],
    ['[::1]:80', '::1'],
    ['http://[2001:db8::1]:8080/x', '2001:db8::1'],
    ['::1', '::1'],
    ['2001:db8::7', '2001:db8::7'],
  ];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'portwatch-host-'));
    cpSync(PROMETHEUS_CONFIG, join(dir, 'prometheus.yml'));
    cpSync(join(ROOT, 'stack/prometheus/rules'), join(dir, 'rules'), { recursive: true });
    mkdirSync(join(dir, 'file_sd'));
    writeFileSync(join(dir, 'file_sd', 'hosts.yml'), JSON.stringify([{ targets: cases.map(([address]) => address) }]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is the address without scheme, user, port, path or brackets', () => {
    const result = run(bin.promtool, [
      'check',
      'service-discovery',
      '--timeout=5s',
      join(dir, 'prometheus.yml'),
      'probe_file_sd',
    ]);
    expectSuccess(result);
    // It prints the targets as a JSON array for each discovery update it sees, its log lines right
    // after: read the last array.
    const updates = result.output.match(/^\[$[\s\S]*?^\]/gm) ?? [];
    expect(updates.length).toBeGreaterThan(0);
    const found = JSON.parse(updates[updates.length - 1]) as Array<{ labels: Record<string, string> }>;
    const hosts = Object.fromEntries(found.map((t) => [t.labels.instance, t.labels.host]));
    expect(hosts).toEqual(Object.fromEntries(cases));
  });
});

describe('configuration rendered for loopback', () => {
  let dir: string;
  let rendered: { prometheusConfig: string; blackboxConfig: string; alertmanagerConfig: string };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'portwatch-render-'));
    rendered = renderConfig(dir, { ports: LOOPBACK_PORTS, scrapeInterval: '1s' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes promtool check config', () => {
    const result = run(bin.promtool, ['check', 'config', rendered.prometheusConfig]);
    expectSuccess(result);
    expect(result.output).not.toMatch(/WARNING/);
  });

  it('passes blackbox_exporter --config.check', () => {
    expectSuccess(run(bin.blackbox, ['--config.check', `--config.file=${rendered.blackboxConfig}`]));
  });

  it('passes amtool check-config, with the receivers posting to the local targets service', () => {
    expectSuccess(run(bin.amtool, ['check-config', rendered.alertmanagerConfig]));
    const config = parse(readFileSync(rendered.alertmanagerConfig, 'utf8'));
    const urls = config.receivers.flatMap((r: { webhook_configs?: Array<{ url: string }> }) =>
      (r.webhook_configs ?? []).map((w) => w.url)
    );
    expect(urls.length).toBeGreaterThan(0);
    expect(new Set(urls)).toEqual(new Set(['http://127.0.0.1:15001/alerts']));
    expect(parse(readFileSync(rendered.prometheusConfig, 'utf8')).alerting.alertmanagers).toEqual([
      { static_configs: [{ targets: ['127.0.0.1:19093'] }] },
    ]);
  });

  it('is accepted by VictoriaMetrics (-promscrape.config.dryRun)', () => {
    expectSuccess(
      run(bin.victoriaMetrics, [
        `-promscrape.config=${rendered.prometheusConfig}`,
        '-promscrape.config.strictParse=false',
        '-promscrape.config.dryRun',
        '-loggerLevel=ERROR',
      ])
    );
  });
});
