import { CHECK_QUERIES } from './checkQueries';
import { demoAnswers, resultOf } from './test-utils/demoAnswers';
import { sample } from './test-utils/fakePromApi';
import type { PromSample } from './types';

const DOWN = CHECK_QUERIES.upDown;
const UP = CHECK_QUERIES.upTotal;
const RECENT = CHECK_QUERIES.recentProbeJobs;
const DEMO_UP = [sample({ job: 'probe_tcp' }, 2), sample({ job: 'probe_http' }, 3), sample({ job: 'prometheus' }, 1)];
const DEMO_RECENT = [sample({ job: 'probe_tcp' }, 2), sample({ job: 'probe_http' }, 3)];

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
      // Its probe_success went stale when the exporter died: only the last hour still shows the job.
      'exporter died under a job not named probe_*',
      {
        [UP]: [...DEMO_UP, sample({ job: 'blackbox' }, 3)],
        [DOWN]: [sample({ job: 'blackbox' }, 3)],
        [RECENT]: [...DEMO_RECENT, sample({ job: 'blackbox' }, 3)],
      },
      'error',
      'exporter_unreachable',
      { jobs: ['blackbox'], probeJobs: ['blackbox', 'probe_http', 'probe_tcp'], unprobedTargets: 3 },
    ],
    [
      // A module name blackbox_exporter does not know: 400, up == 0, never a probe_success.
      'a probe_* job at up == 0 from its start',
      { [UP]: [...DEMO_UP, sample({ job: 'probe_typo' }, 2)], [DOWN]: [sample({ job: 'probe_typo' }, 2)] },
      'error',
      'exporter_unreachable',
      { jobs: ['probe_typo'], unprobedTargets: 2 },
    ],
    [
      'a job with results in the hour but no up now was removed: not checked',
      { [RECENT]: [...DEMO_RECENT, sample({ job: 'old_checks' }, 2)] },
      'ok',
      'exporter_reachable',
      { probeJobs: ['probe_http', 'probe_tcp'] },
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
