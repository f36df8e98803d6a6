// stack/render.mjs: one copy of each config file, rendered for loopback addresses.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

import { renderAddress, renderConfig, renderYaml } from '../../stack/render.mjs';
import { ROOT } from './tools';

const ports = { prometheus: 19090, blackbox: 19115, http: 15000, admin: 15001, dns: 15053, tcp: 18080, tcpDown: 18081 };

describe('renderAddress', () => {
  it.each([
    ['targets:8080', '127.0.0.1:18080'],
    ['targets:8081', '127.0.0.1:18081'],
    ['http://targets:5000/health', 'http://127.0.0.1:15000/health'],
    ['http://targets:5001/sd', 'http://127.0.0.1:15001/sd'],
    ['blackbox:9115', '127.0.0.1:19115'],
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
    expect(() => renderAddress('alertmanager:9093', ports)).toThrow(/alertmanager:9093/);
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
