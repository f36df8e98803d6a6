import { CHECK_QUERIES } from './checkQueries';
import { demoAnswers, resultOf } from './test-utils/demoAnswers';
import { sample } from './test-utils/fakePromApi';
import type { PromSample } from './types';

const DOWN = CHECK_QUERIES.upDown;

describe('checkExporter', () => {
  it.each<[string, Record<string, PromSample[]>, string, string, Record<string, unknown>]>([
    ['the demo', {}, 'ok', 'exporter_reachable', { jobs: [], probeJobs: ['probe_http', 'probe_tcp'], targets: 5 }],
    [
      'blackbox_exporter stopped: every probe target at up == 0',
      { [DOWN]: [sample({ job: 'probe_tcp' }, 2), sample({ job: 'probe_http' }, 3)], [CHECK_QUERIES.probeGroups]: [] },
      'error',
      'exporter_unreachable',
      { jobs: ['probe_http', 'probe_tcp'], downTargets: 5 },
    ],
    [
      'one job cannot reach its exporter',
      { [DOWN]: [sample({ job: 'probe_tcp' }, 2)] },
      'error',
      'exporter_unreachable',
      { jobs: ['probe_tcp'] },
    ],
    [
      'the exporter rejects some probes of a job',
      { [DOWN]: [sample({ job: 'probe_http' }, 1)] },
      'warning',
      'exporter_failing_some',
      { jobs: ['probe_http'], downTargets: 1 },
    ],
    [
      'results without up (federated)',
      {
        [CHECK_QUERIES.probeGroups]: [sample({ job: 'probe_tcp' }, 2), sample({ job: 'probe_remote' }, 1)],
      },
      'warning',
      'no_up_series',
      { jobs: ['probe_remote'] },
    ],
    [
      'a down scrape of another job is not the exporter',
      { [DOWN]: [sample({ job: 'prometheus' }, 1)] },
      'ok',
      'exporter_reachable',
      { downTargets: 0 },
    ],
    [
      'no probe jobs',
      { [CHECK_QUERIES.probeGroups]: [], [CHECK_QUERIES.upTotal]: [sample({ job: 'prometheus' }, 1)] },
      'unknown',
      'no_probe_jobs',
      { probeJobs: [] },
    ],
  ])('%s', async (_, replaced, status, code, params) => {
    const answers = demoAnswers();
    Object.assign(answers.instant, replaced);
    expect(await resultOf('exporter', answers)).toMatchObject({ status, code, params });
  });
});
