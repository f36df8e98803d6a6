import { CHECK_QUERIES } from './checkQueries';
import { demoAnswers, resultOf } from './test-utils/demoAnswers';
import { sample } from './test-utils/fakePromApi';
import type { PromSample } from './types';

const SERIES = CHECK_QUERIES.moduleSeries;
const NEVER = CHECK_QUERIES.moduleNeverUp;

describe('checkModules', () => {
  it.each<[string, Record<string, PromSample[]>, string, string, Record<string, unknown>, unknown[]]>([
    [
      'the demo: single down targets are not a broken module, but its one-target module is named',
      {},
      'ok',
      'modules_ok',
      { modules: [], groups: 3, loneModules: ['http_content'], loneJobs: ['probe_http'] },
      [],
    ],
    [
      'one target: a down target, not a broken module, named apart',
      { [SERIES]: [sample({ job: 'probe_x', module: 'm' }, 1)], [NEVER]: [sample({ job: 'probe_x', module: 'm' }, 1)] },
      'ok',
      'modules_ok',
      { modules: [], loneModules: ['m'], loneJobs: ['probe_x'] },
      [],
    ],
    [
      'one target that came up in the hour: nothing to name',
      { [SERIES]: [sample({ job: 'probe_x', module: 'm' }, 1)], [NEVER]: [] },
      'ok',
      'modules_ok',
      { modules: [], loneModules: [], loneJobs: [] },
      [],
    ],
    [
      'every target of a module always failed',
      {
        [SERIES]: [sample({ job: 'probe_http', module: 'http_post' }, 3), sample({ job: 'probe_tcp' }, 2)],
        [NEVER]: [sample({ job: 'probe_http', module: 'http_post' }, 3), sample({ job: 'probe_tcp' }, 2)],
      },
      'warning',
      'modules_always_fail',
      { modules: ['', 'http_post'], jobs: ['probe_http', 'probe_tcp'] },
      [
        { job: 'probe_http', module: 'http_post', targets: 3 },
        { job: 'probe_tcp', module: '', targets: 2 },
      ],
    ],
    [
      'one target of the module came up once in the hour',
      {
        [SERIES]: [sample({ job: 'probe_http', module: 'http_post' }, 3)],
        [NEVER]: [sample({ job: 'probe_http', module: 'http_post' }, 2)],
      },
      'ok',
      'modules_ok',
      {},
      [],
    ],
    ['no probe results in the hour', { [SERIES]: [], [NEVER]: [] }, 'unknown', 'modules_no_results', { groups: 0 }, []],
  ])('%s', async (_, replaced, status, code, params, details) => {
    const answers = demoAnswers();
    Object.assign(answers.instant, replaced);
    expect(await resultOf('modules', answers)).toMatchObject({ status, code, params, details });
  });
});
