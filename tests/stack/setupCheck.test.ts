// The app's setup check against the stack without Docker: the demo reads all green, and with
// blackbox_exporter stopped the exporter check names the probe jobs. Free ports, 1 s probe scrapes
// (the exporter's own job keeps the global 15 s), bounded waits.
import { runSetupChecks } from '../../src/app/checks/runSetupChecks';
import type { CheckResult, PromApi, PromRuleGroup, PromSample, PromSeries } from '../../src/app/checks/types';
import { startStack } from '../../stack/stack.mjs';
import { programs } from './tools';

type Stack = Awaited<ReturnType<typeof startStack>> & { targets: Array<{ job: string }> };

jest.setTimeout(120_000);
programs(['prometheus', 'alertmanager', 'blackbox']);

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

const byId = (results: CheckResult[], id: CheckResult['id']): CheckResult => results.find((r) => r.id === id)!;

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
    // The exporter's own job is scraped every 15 s, so its build info may take that long to appear.
    const results = await checksUntil(api, (r) => r.every((c) => c.status === 'ok'), 40_000);
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
  });

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
      (r) =>
        byId(r, 'exporter').status === 'error' &&
        (byId(r, 'exporter').params.jobs as string[]).length === probeJobs.length,
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
