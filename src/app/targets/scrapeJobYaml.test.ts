/**
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// Node's export conditions: under jsdom's, the yaml package resolves to an ES-module build jest cannot load.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

import { parseTargets } from './parseTargets';
import { discoveryJobYaml, jobNameProblems, prometheusConfig, scrapeJobYaml, ScrapeJobOptions } from './scrapeJobYaml';

const STACK_CONFIG = join(__dirname, '../../../stack/prometheus/prometheus.yml');
const OPTIONS: ScrapeJobOptions = {
  jobName: 'probe_databases',
  module: 'tcp_connect',
  exporterAddress: 'blackbox:9115',
};
const targets = parseTargets(
  'db1:5432 env=prod\ndb2:5432 env=prod\n[::1]:6379 env="dev, local"',
  'tcp_connect'
).targets;

/** A job as YAML reads it: what Prometheus would see. */
const readJob = (text: string) => parse(`scrape_configs:\n${text}`, { version: '1.1' }).scrape_configs[0];

describe('scrapeJobYaml', () => {
  it('relabels exactly as the stack’s probe jobs do', () => {
    const stack = parse(readFileSync(STACK_CONFIG, 'utf8'), { merge: true });
    const probeTcp = stack.scrape_configs.find((j: { job_name: string }) => j.job_name === 'probe_tcp');
    expect(readJob(scrapeJobYaml(targets, OPTIONS)).relabel_configs).toEqual(probeTcp.relabel_configs);
  });

  it('lists the targets by label set under the job’s module', () => {
    expect(readJob(scrapeJobYaml(targets, { ...OPTIONS, scrapeInterval: '30s' }))).toMatchObject({
      job_name: 'probe_databases',
      scrape_interval: '30s',
      metrics_path: '/probe',
      params: { module: ['tcp_connect'] },
      static_configs: [
        { targets: ['db1:5432', 'db2:5432'], labels: { env: 'prod' } },
        { targets: ['[::1]:6379'], labels: { env: 'dev, local' } },
      ],
    });
  });

  it('writes a job with no targets that Prometheus still reads', () => {
    expect(readJob(scrapeJobYaml([], OPTIONS)).static_configs).toEqual([]);
  });

  it.each<[string, Partial<ScrapeJobOptions>]>([
    ['an empty job name', { jobName: '' }],
    ['a job name with a newline', { jobName: 'probe\nx' }],
    ['a job name with spaces around it', { jobName: ' probe_x' }],
    ['an exporter without port', { exporterAddress: 'blackbox' }],
    ['an exporter URL', { exporterAddress: 'http://blackbox:9115' }],
    ['a bad interval', { scrapeInterval: '5 s' }],
    ['a zero interval', { scrapeInterval: '0s' }],
    ['another module than the targets’', { module: 'http_2xx' }],
  ])('throws on %s', (_, change) => {
    expect(() => scrapeJobYaml(targets, { ...OPTIONS, ...change })).toThrow();
  });

  it('quotes a job name YAML would read otherwise', () => {
    expect(readJob(scrapeJobYaml(targets, { ...OPTIONS, jobName: 'yes: #1 "db"' })).job_name).toBe('yes: #1 "db"');
  });
});

describe('jobNameProblems', () => {
  it.each([
    ['probe_databases', []],
    ['Probe DBs (prod)', []],
    ['', [{ code: 'empty-job-name' }]],
    [' probe', [{ code: 'invalid-job-name', params: { name: ' probe' } }]],
    ['probe\t1', [{ code: 'invalid-job-name', params: { name: 'probe\t1' } }]],
    ['probe\ud800', [{ code: 'invalid-job-name', params: { name: 'probe\ud800' } }]],
  ])('%j', (name, problems) => {
    expect(jobNameProblems(name)).toEqual(problems);
  });
});

describe('discoveryJobYaml', () => {
  it.each([
    [
      { kind: 'file_sd' as const, files: ['file_sd/*.yml'], refreshInterval: '30s' },
      { file_sd_configs: [{ files: ['file_sd/*.yml'], refresh_interval: '30s' }] },
    ],
    [
      { kind: 'http_sd' as const, url: 'http://targets:5001/sd?team=a' },
      { http_sd_configs: [{ url: 'http://targets:5001/sd?team=a' }] },
    ],
  ])('%j', (discovery, expected) => {
    const job = readJob(discoveryJobYaml(discovery, OPTIONS));
    expect(job).toMatchObject({ ...expected, params: { module: ['tcp_connect'] } });
    expect(job.static_configs).toBeUndefined();
  });

  it.each([
    ['no files', { kind: 'file_sd' as const, files: [] }],
    ['a file Prometheus would not read', { kind: 'file_sd' as const, files: ['targets.txt'] }],
    ['a URL that is not http', { kind: 'http_sd' as const, url: 'file:///etc/sd.json' }],
    ['a URL with a space', { kind: 'http_sd' as const, url: 'http://sd/a b' }],
    ['a bad refresh interval', { kind: 'http_sd' as const, url: 'http://sd/', refreshInterval: '1 min' }],
  ])('throws on %s', (_, discovery) => {
    expect(() => discoveryJobYaml(discovery, OPTIONS)).toThrow();
  });
});

describe('prometheusConfig', () => {
  it('wraps the jobs in a complete file', () => {
    const config = parse(
      prometheusConfig(
        [
          { targets, options: OPTIONS },
          { discovery: { kind: 'file_sd', files: ['more/*.yml'] }, options: { ...OPTIONS, jobName: 'probe_more' } },
        ],
        { scrapeInterval: '1s' }
      ),
      { version: '1.1' }
    );
    expect(config.global).toEqual({ scrape_interval: '1s' });
    expect(config.scrape_configs.map((j: { job_name: string }) => j.job_name)).toEqual([
      'probe_databases',
      'probe_more',
    ]);
  });

  it('throws on two jobs of one name', () => {
    expect(() =>
      prometheusConfig([
        { targets, options: OPTIONS },
        { targets: [], options: OPTIONS },
      ])
    ).toThrow(/used twice/);
  });

  it('writes a file without jobs', () => {
    expect(parse(prometheusConfig([]))).toEqual({ global: { scrape_interval: '15s' }, scrape_configs: [] });
  });
});
