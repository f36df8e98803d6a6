// stack/render.mjs: one copy of each config file, rendered for loopback addresses.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

import { renderAddress, renderConfig, renderYaml, scaleDuration } from '../../stack/render.mjs';
import { adjustTargets } from '../../stack/stack.mjs';
import { LOOPBACK_PORTS, ROOT } from './tools';

const ports = LOOPBACK_PORTS;

describe('renderAddress', () => {
  it.each([
    ['targets:8080', '127.0.0.1:18080'],
    ['targets:8081', '127.0.0.1:18081'],
    ['https://targets:8443/health', 'https://127.0.0.1:18443/health'],
    ['http://targets:5000/health', 'http://127.0.0.1:15000/health'],
    ['http://targets:5001/sd', 'http://127.0.0.1:15001/sd'],
    ['blackbox:9115', '127.0.0.1:19115'],
    ['alertmanager:9093', '127.0.0.1:19093'],
    ['localhost:9090', '127.0.0.1:19090'],
    ['targets', '127.0.0.1'],
    ['localhost:3000', 'localhost:3000'],
    ['blackbox_exporter', 'blackbox_exporter'],
    ['my-targets:8080', 'my-targets:8080'],
    ['targets.example:8080', 'targets.example:8080'],
    ['probe_tcp', 'probe_tcp'],
  ])('%s -> %s', (from, to) => {
    expect(renderAddress(from, ports)).toBe(to);
  });

  it('refuses a service address it has no local port for', () => {
    expect(() => renderAddress('targets:9999', ports)).toThrow(/targets:9999/);
    expect(() => renderAddress('alertmanager:9093', { ...ports, alertmanager: undefined })).toThrow(
      /alertmanager:9093/
    );
    expect(() => renderAddress('alertmanager:9094', ports)).toThrow(/alertmanager:9094/);
    expect(() => renderAddress('targets:8080', { ...ports, tcp: undefined })).toThrow(/tcp/);
  });
});

describe('renderYaml', () => {
  const text = [
    '# a comment that stays',
    'global:',
    '  scrape_interval: 15s',
    'scrape_configs:',
    '  - job_name: probe_tcp',
    '    scrape_interval: 5s',
    '    static_configs:',
    "      - targets: ['targets:8080']",
    '        labels: {service_name: targets}',
    '    relabel_configs: &relabel',
    '      - target_label: __address__',
    '        replacement: blackbox:9115',
    '  - job_name: other',
    '    relabel_configs: *relabel',
  ].join('\n');

  it('replaces addresses in values, never keys, keeps comments and anchors, and sets the jobs’ interval', () => {
    const out = renderYaml(text, { ports, scrapeInterval: '1s' });
    expect(out).toContain('# a comment that stays');
    expect(out).toContain('*relabel');
    const config = parse(out);
    expect(config.global.scrape_interval).toBe('15s');
    expect(config.scrape_configs[0].scrape_interval).toBe('1s');
    expect(config.scrape_configs[1].scrape_interval).toBeUndefined();
    expect(config.scrape_configs[0].static_configs[0].targets).toEqual(['127.0.0.1:18080']);
    // A label value that is a bare service name is an address too: keep such names out of labels.
    expect(config.scrape_configs[0].static_configs[0].labels.service_name).toBe('127.0.0.1');
    expect(config.scrape_configs[1].relabel_configs[0].replacement).toBe('127.0.0.1:19115');
  });
});

describe('renderConfig on the shipped files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'portwatch-render-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves no compose service name in the configuration, and nothing but loopback addresses', () => {
    const rendered = renderConfig(dir, { ports, scrapeInterval: '2s' });
    const files = [
      rendered.prometheusConfig,
      rendered.blackboxConfig,
      rendered.alertmanagerConfig,
      ...readdirSync(join(rendered.prometheusDir, 'file_sd')).map((f) => join(rendered.prometheusDir, 'file_sd', f)),
    ];
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => !line.trim().startsWith('#'))
        .join('\n');
      expect([file, text.match(/\b(targets|blackbox|alertmanager|prometheus|grafana):\d+/g)]).toEqual([file, null]);
      for (const host of text.match(/\b\d+\.\d+\.\d+\.\d+\b/g) ?? []) {
        expect(host).toBe('127.0.0.1');
      }
    }
    const config = parse(readFileSync(rendered.prometheusConfig, 'utf8'));
    for (const job of config.scrape_configs.filter((j: { job_name: string }) => j.job_name.startsWith('probe_'))) {
      expect([job.job_name, job.scrape_interval]).toEqual([job.job_name, '2s']);
    }
  });

  it('copies the rule files as they are', () => {
    const rendered = renderConfig(dir, { ports });
    expect(readFileSync(join(rendered.prometheusDir, 'rules/portwatch.yml'), 'utf8')).toBe(
      readFileSync(join(ROOT, 'stack/prometheus/rules/portwatch.yml'), 'utf8')
    );
  });
});

describe('alertTimeScale', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'portwatch-render-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['1m', 0.1, '6000ms'],
    ['1h30m', 0.5, '2700000ms'],
    ['15s', 0.1, '1500ms'],
    ['500ms', 2, '1000ms'],
    ['1ms', 0.1, '1ms'],
  ])('scaleDuration(%s, %s) is %s', (text, factor, scaled) => {
    expect(scaleDuration(text, factor)).toBe(scaled);
  });

  it.each(['', '1', 'm', '1 m', '1m x', '-1m'])('refuses %j as a duration', (text) => {
    expect(() => scaleDuration(text, 2)).toThrow(/not a duration/);
  });

  it.each([0, -1, Number.NaN])('refuses a scale of %s', (scale) => {
    expect(() => renderConfig(dir, { ports, alertTimeScale: scale })).toThrow(/alertTimeScale/);
  });

  it("scales the rules' for, the evaluation interval and Alertmanager's timings", () => {
    const rendered = renderConfig(dir, { ports, alertTimeScale: 0.1 });
    const shipped = parse(readFileSync(join(ROOT, 'stack/prometheus/rules/portwatch.yml'), 'utf8'));
    const rules = parse(readFileSync(join(rendered.prometheusDir, 'rules/portwatch.yml'), 'utf8'));
    const rule = (groups: typeof shipped, name: string) =>
      groups.groups[0].rules.find((r: { alert?: string }) => r.alert === name);
    expect([rule(shipped, 'PortwatchTargetDown').for, rule(shipped, 'PortwatchSlowProbe').for]).toEqual(['1m', '5m']);
    expect([rule(rules, 'PortwatchTargetDown').for, rule(rules, 'PortwatchSlowProbe').for]).toEqual([
      '6000ms',
      '30000ms',
    ]);
    expect(rule(rules, 'PortwatchTargetDown').expr).toBe(rule(shipped, 'PortwatchTargetDown').expr);
    expect(rule(rules, 'PortwatchWatchdog').for).toBeUndefined();
    expect(parse(readFileSync(rendered.prometheusConfig, 'utf8')).global).toEqual({
      scrape_interval: '15s',
      evaluation_interval: '1500ms',
    });
    const route = parse(readFileSync(rendered.alertmanagerConfig, 'utf8')).route;
    expect([route.group_wait, route.group_interval, route.repeat_interval]).toEqual(['3000ms', '30000ms', '1440000ms']);
    const watchdog = route.routes.find((r: { receiver: string }) => r.receiver === 'watchdog');
    expect(watchdog.repeat_interval).toBe('30000ms');
  });
});

describe('adjustTargets', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'portwatch-adjust-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([true, false])(
    'leaves the ICMP job out where blackbox_exporter cannot ping (dropIcmp %s), and nothing else',
    (dropIcmp) => {
      const { prometheusConfig } = renderConfig(dir, { ports });
      const jobs = (): string[] =>
        parse(readFileSync(prometheusConfig, 'utf8')).scrape_configs.map((job: { job_name: string }) => job.job_name);
      const before = jobs();
      expect(before).toContain('probe_icmp');
      adjustTargets(prometheusConfig, { dropHttps: false, dropIcmp, testHost: undefined, alertmanagerPath: '/x' });
      expect(jobs()).toEqual(dropIcmp ? before.filter((job) => job !== 'probe_icmp') : before);
    }
  );
});
