import { CHECK_QUERIES, samplesOf } from './checkQueries';
import { runSetupChecks } from './runSetupChecks';
import { demoAnswers, DEMO_PICKS } from './test-utils/demoAnswers';
import { fakePromApi } from './test-utils/fakePromApi';
import type { CheckId } from './types';

describe('runSetupChecks', () => {
  it('reads the demo stack all green, in the page order', async () => {
    const results = await runSetupChecks(fakePromApi(demoAnswers()), { timeInterval: '5s' });
    expect(results.map((r) => [r.id, r.status, r.code])).toEqual([
      ['probes', 'ok', 'probes_found'],
      ['exporter', 'ok', 'exporter_reachable'],
      ['interval', 'ok', 'interval_matches'],
      ['version', 'ok', 'version_found'],
      ['modules', 'ok', 'modules_ok'],
      ['rules', 'ok', 'alert_rules_loaded'],
    ]);
  });

  it('asks every query at the one time given, in seconds, and each expression once', async () => {
    const api = fakePromApi(demoAnswers());
    await runSetupChecks(api, { timeInterval: '5s' }, 1_736_942_400_000);
    expect(new Set(api.asked.map(([, time]) => time))).toEqual(new Set([1_736_942_400]));
    const expressions = api.asked.map(([expr]) => expr);
    expect(expressions.filter((e) => e === CHECK_QUERIES.probeGroups)).toHaveLength(1);
    expect(expressions.length).toBe(new Set(expressions).size);
  });

  // Which checks read each query: its failure makes those unknown and leaves the others as they were.
  it.each<[string, string, 'instant' | 'matrix', CheckId[]]>([
    ['probe groups', CHECK_QUERIES.probeGroups, 'instant', ['probes', 'exporter']],
    ['up per job', CHECK_QUERIES.upTotal, 'instant', ['probes', 'exporter']],
    ['up == 0 per job', CHECK_QUERIES.upDown, 'instant', ['exporter']],
    ['probe jobs of the last hour', CHECK_QUERIES.recentProbeJobs, 'instant', ['probes', 'exporter']],
    ['shared instances', CHECK_QUERIES.sharedInstances, 'instant', ['probes']],
    ['exporter instances', CHECK_QUERIES.exporterInstances, 'instant', ['probes']],
    ['one series per job', CHECK_QUERIES.probeSample, 'instant', ['interval']],
    ['raw samples', samplesOf(DEMO_PICKS[0].metric), 'matrix', ['interval']],
    ['build info', CHECK_QUERIES.buildInfo, 'instant', ['version']],
    ['module series', CHECK_QUERIES.moduleSeries, 'instant', ['modules']],
    ['modules never up', CHECK_QUERIES.moduleNeverUp, 'instant', ['modules']],
  ])(
    'a failing %s query makes only the checks reading it unknown, with the query and its error',
    async (_, query, kind, ids) => {
      const answers = demoAnswers();
      answers[kind]![query] = new Error('HTTP 503: overloaded');
      const results = await runSetupChecks(fakePromApi(answers), { timeInterval: '5s' });
      for (const result of results) {
        if (ids.includes(result.id)) {
          expect(result).toEqual({
            id: result.id,
            status: 'unknown',
            code: 'query_failed',
            params: { query, error: 'HTTP 503: overloaded' },
          });
        } else {
          expect(result.status).toBe('ok');
        }
      }
    }
  );

  it('gives a query that never answers query_timed_out after the time limit; the rest still report', async () => {
    const answers = demoAnswers();
    answers.instant[CHECK_QUERIES.buildInfo] = 'hang';
    const results = await runSetupChecks(fakePromApi(answers), { timeInterval: '5s' }, undefined, { timeoutMs: 50 });
    expect(results.find((r) => r.id === 'version')).toEqual({
      id: 'version',
      status: 'unknown',
      code: 'query_timed_out',
      params: { query: CHECK_QUERIES.buildInfo, timeoutMs: 50 },
    });
    expect(results.filter((r) => r.id !== 'version').map((r) => r.status)).toEqual(Array(5).fill('ok'));
  });

  it('counts a data source that throws synchronously as a failed query', async () => {
    const api = fakePromApi(demoAnswers());
    api.instantQuery = () => {
      throw new Error('not configured');
    };
    const results = await runSetupChecks(api, {});
    const statuses = new Set(results.filter((r) => r.id !== 'rules').map((r) => `${r.status} ${r.code}`));
    expect(statuses).toEqual(new Set(['unknown query_failed']));
  });
});
