// The app's setup check against the stack without Docker: the demo reads all green, and with
// blackbox_exporter stopped the exporter check names the probe jobs. Free ports, 1 s probe scrapes
// (the exporter's own job keeps the global 15 s), bounded waits.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runSetupChecks } from '../../src/app/checks/runSetupChecks';
import type {
  CheckId,
  CheckResult,
  PromAlertmanagers,
  PromApi,
  PromRuleGroup,
  PromSample,
  PromSeries,
} from '../../src/app/checks/types';
import { startProcess, watchDirectory } from '../../stack/procs.mjs';
import { freePorts, startStack, waitReady } from '../../stack/stack.mjs';
import { programs, ROOT } from './tools';

type Stack = Awaited<ReturnType<typeof startStack>> & { targets: Array<{ job: string }> };

jest.setTimeout(120_000);
const bin = programs(['prometheus', 'alertmanager', 'blackbox']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** PromApi over the Prometheus HTTP API, as the app's page does over Grafana's data source proxy. */
function httpPromApi(base: string): PromApi {
  async function api<T>(path: string, params: Record<string, string>): Promise<T> {
    const response = await fetch(`${base}${path}?${new URLSearchParams(params)}`, {
      signal: AbortSignal.timeout(5000),
    });
    const body = (await response.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') {
      throw new Error(`${response.status} ${body.error ?? ''}`);
    }
    return body.data;
  }
  const query = (expr: string, time?: number) =>
    api<{ result: unknown }>(
      '/api/v1/query',
      time === undefined ? { query: expr } : { query: expr, time: String(time) }
    );
  return {
    instantQuery: async (expr, time) => (await query(expr, time)).result as PromSample[],
    matrixQuery: async (expr, time) => (await query(expr, time)).result as PromSeries[],
    rules: async () => (await api<{ groups: PromRuleGroup[] }>('/api/v1/rules', { type: 'alert' })).groups,
    alertmanagers: async () => api<PromAlertmanagers>('/api/v1/alertmanagers', {}),
  };
}

/** Runs the checks until `done` holds for their results (at most `timeoutMs`), and returns the last. */
async function checksUntil(
  api: PromApi,
  done: (r: CheckResult[]) => boolean,
  timeoutMs: number
): Promise<CheckResult[]> {
  const deadline = Date.now() + timeoutMs;
  let results = await runSetupChecks(api, { timeInterval: '1s' });
  while (!done(results) && Date.now() < deadline) {
    await sleep(500);
    results = await runSetupChecks(api, { timeInterval: '1s' });
  }
  return results;
}

/** The check's result, read as one of its own (a failed query's result then fails the expectation). */
const byId = <Id extends CheckId>(results: CheckResult[], id: Id): Extract<CheckResult, { id: Id }> =>
  results.find((r) => r.id === id) as Extract<CheckResult, { id: Id }>;

describe('the setup check on the stack without Docker', () => {
  let stack: Stack;
  let api: PromApi;
  let probeJobs: string[];

  beforeAll(async () => {
    stack = (await startStack({ scrapeInterval: '1s', preferDefaultPorts: false })) as Stack;
    api = httpPromApi(stack.promUrl);
    probeJobs = [...new Set(stack.targets.map((t) => t.job))].sort();
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 30_000);

  it('reads the demo all green', async () => {
    // The exporter's own job is scraped every 15 s, so its build info may take that long to appear;
    // Prometheus' job of itself too, whose counter of failed notifications needs two scrapes.
    const results = await checksUntil(
      api,
      (r) => r.every((c) => c.status === 'ok') && byId(r, 'rules').params.notificationErrors !== undefined,
      60_000
    );
    expect(results.map((r) => [r.id, r.status, r.code])).toEqual([
      ['probes', 'ok', 'probes_found'],
      ['exporter', 'ok', 'exporter_reachable'],
      ['interval', 'ok', 'interval_matches'],
      ['version', 'ok', 'version_found'],
      ['modules', 'ok', 'modules_ok'],
      ['rules', 'ok', 'alert_rules_loaded'],
    ]);
    expect(byId(results, 'probes').params.jobs).toEqual(probeJobs);
    expect(byId(results, 'interval').params).toMatchObject({ scrapeIntervalMs: 1000, staleAfterMs: 2000 });
    expect(byId(results, 'version').params.jobs).toEqual(['blackbox_exporter']);
    // Prometheus' own metrics of its notifications are read where they are (it scrapes itself).
    expect(byId(results, 'rules').params).toMatchObject({ alertmanagers: 1, notificationErrors: 0 });
  }, 90_000);

  it('without the rules API still sees the rules run, from the Watchdog in ALERTS', async () => {
    const { rules: _, ...noRules } = api;
    // Rules are evaluated every 15 s, the group's first evaluation at an offset Prometheus picks: on
    // a busy machine the Watchdog's first ALERTS sample has taken over 30 s. The wait ends as soon as it shows.
    const results = await checksUntil(noRules, (r) => byId(r, 'rules').status === 'ok', 90_000);
    expect(byId(results, 'rules')).toMatchObject({ status: 'ok', code: 'watchdog_firing' });
  });

  it('with blackbox_exporter stopped names every probe job as unable to reach it', async () => {
    await stack.stopBlackbox();
    const results = await checksUntil(
      api,
      (r) => byId(r, 'exporter').status === 'error' && byId(r, 'exporter').params.jobs.length === probeJobs.length,
      30_000
    );
    expect(byId(results, 'exporter')).toMatchObject({
      status: 'error',
      code: 'exporter_unreachable',
      params: { jobs: probeJobs },
    });
    expect(byId(results, 'probes')).toMatchObject({
      status: 'error',
      code: 'no_probe_results',
      params: { silentJobs: probeJobs },
    });
  });
});

// Set-ups the stack does not have, on a Prometheus of their own: a job not named probe_* whose
// exporter dies, a probe_* job whose module blackbox_exporter does not know, and a job whose
// relabelling leaves every target under the exporter's address.
describe('the setup check on probe jobs set up wrong', () => {
  const HOST = '127.0.0.1';
  // Made in beforeAll, not while jest collects the tests: a run that filters them all out would leave it behind.
  let dir: string;
  const procs: Array<ReturnType<typeof startProcess>> = [];
  let api: PromApi;
  let dying: ReturnType<typeof startProcess>;
  let promPort: number;
  let steadyAddress: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portwatch-setup-check-'));
    watchDirectory(dir);
    const [steadyPort, dyingPort, port, closedPort] = await freePorts(4);
    promPort = port;
    steadyAddress = `${HOST}:${steadyPort}`;
    const dyingAddress = `${HOST}:${dyingPort}`;
    const job = (name: string, module: string, targets: string[], exporter: string, relabel: string) =>
      [
        `  - job_name: ${name}`,
        '    metrics_path: /probe',
        `    params: { module: [${module}] }`,
        `    static_configs: [{ targets: [${targets.map((t) => `"${t}"`).join(', ')}] }]`,
        '    relabel_configs:',
        '      - { source_labels: [__address__], target_label: __param_target }',
        relabel,
        `      - { target_label: __address__, replacement: "${exporter}" }`,
      ].join('\n');
    const config = [
      'global: { scrape_interval: 1s, evaluation_interval: 1s }',
      'scrape_configs:',
      '  - job_name: blackbox_exporter',
      `    static_configs: [{ targets: ["${steadyAddress}"] }]`,
      job(
        'web_checks',
        'tcp_connect',
        [`${HOST}:${promPort}`],
        dyingAddress,
        '      - { source_labels: [__param_target], target_label: instance }'
      ),
      job(
        'probe_typo',
        'tcp_conect',
        [`${HOST}:${promPort}`],
        steadyAddress,
        '      - { source_labels: [__param_target], target_label: instance }'
      ),
      // The target goes to a label of its own; instance stays the exporter's address.
      job(
        'probe_collapsed',
        'tcp_connect',
        [`${HOST}:${promPort}`, `${HOST}:${closedPort}`],
        steadyAddress,
        '      - { source_labels: [__param_target], target_label: target }'
      ),
      '',
    ].join('\n');
    writeFileSync(join(dir, 'prometheus.yml'), config);
    const start = (name: string, command: string, args: string[], readyUrl: string) => {
      const proc = startProcess({ name, command, args, logFile: join(dir, `${name}.log`) });
      procs.push(proc);
      return waitReady(proc, readyUrl, 30_000).then(() => proc);
    };
    const blackboxConfig = `--config.file=${join(ROOT, 'stack/blackbox/blackbox.yml')}`;
    [, dying] = await Promise.all([
      start(
        'blackbox-steady',
        bin.blackbox,
        [blackboxConfig, `--web.listen-address=${steadyAddress}`],
        `http://${steadyAddress}/-/healthy`
      ),
      start(
        'blackbox-dying',
        bin.blackbox,
        [blackboxConfig, `--web.listen-address=${dyingAddress}`],
        `http://${dyingAddress}/-/healthy`
      ),
    ]);
    const promUrl = `http://${HOST}:${promPort}`;
    await start(
      'prometheus',
      bin.prometheus,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=${HOST}:${promPort}`,
      ],
      `${promUrl}/-/ready`
    );
    api = httpPromApi(promUrl);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(procs.map((proc) => proc.stop()));
    rmSync(dir, { recursive: true, force: true });
    watchDirectory(dir, false);
  }, 30_000);

  it('names targets merged under the exporter’s address, and a probe_* job whose every scrape fails', async () => {
    const results = await checksUntil(
      api,
      // The exporter's address names the job from its first scrape; the label that tells its two
      // targets apart only once both have been probed.
      (r) =>
        byId(r, 'probes').params.sharedJobs.includes('probe_collapsed') &&
        byId(r, 'probes').params.sharedLabels.includes('target') &&
        byId(r, 'exporter').status === 'error',
      30_000
    );
    expect(byId(results, 'probes').params).toMatchObject({
      sharedJobs: ['probe_collapsed'],
      sharedLabels: ['target'],
      silentJobs: ['probe_typo'],
    });
    expect(byId(results, 'exporter')).toMatchObject({
      status: 'error',
      code: 'exporter_unreachable',
      params: { jobs: ['probe_typo'], unprobedTargets: 1 },
    });
  });

  it('still names a job not named probe_* once its exporter has died', async () => {
    await checksUntil(api, (r) => byId(r, 'probes').params.jobs.includes('web_checks'), 30_000);
    await dying.stop();
    const results = await checksUntil(api, (r) => byId(r, 'exporter').params.jobs.includes('web_checks'), 30_000);
    expect(byId(results, 'exporter')).toMatchObject({
      status: 'error',
      code: 'exporter_unreachable',
      params: { jobs: ['probe_typo', 'web_checks'] },
    });
    expect(byId(results, 'probes').params).toMatchObject({ silentJobs: ['probe_typo', 'web_checks'] });
  });
});
