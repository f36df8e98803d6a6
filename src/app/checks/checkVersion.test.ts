import { CHECK_QUERIES, upOfJob } from './checkQueries';
import { demoAnswers, resultOf } from './test-utils/demoAnswers';
import { sample } from './test-utils/fakePromApi';
import type { PromSample } from './types';

const INFO = CHECK_QUERIES.buildInfo;
const EXPORTER = { job: 'blackbox_exporter', instance: 'blackbox:9115' };

describe('checkVersion', () => {
  it.each<[string, Record<string, PromSample[]>, string, string, Record<string, unknown>]>([
    ['the demo', {}, 'ok', 'version_found', { versions: ['0.23.0'], jobs: ['blackbox_exporter'], downJobs: [] }],
    ['the exporter’s metrics not scraped', { [INFO]: [] }, 'unknown', 'exporter_metrics_not_scraped', {}],
    [
      // Its job is there but has failed all along: naming the failing jobs, not "add a job".
      'an exporter down since the start',
      { [INFO]: [], [CHECK_QUERIES.otherJobsDown]: [sample({ job: 'blackbox_exporter' }, 1)] },
      'unknown',
      'exporter_metrics_unseen',
      { failingJobs: ['blackbox_exporter'] },
    ],
    [
      'the exporter’s own scrape failing',
      { [upOfJob('blackbox_exporter')]: [sample(EXPORTER, 0)] },
      'warning',
      'exporter_metrics_down',
      { versions: ['0.23.0'], downJobs: ['blackbox_exporter'] },
    ],
    [
      'the exporter’s job gone from the configuration',
      { [upOfJob('blackbox_exporter')]: [] },
      'warning',
      'exporter_metrics_down',
      { downJobs: ['blackbox_exporter'] },
    ],
    [
      'two exporters of different versions',
      {
        [INFO]: [
          sample({ ...EXPORTER, version: '0.23.0' }, 1),
          sample({ ...EXPORTER, instance: 'b2:9115', version: '0.25.0' }, 1),
        ],
      },
      'warning',
      'versions_differ',
      { versions: ['0.23.0', '0.25.0'] },
    ],
  ])('%s', async (_, replaced, status, code, params) => {
    const answers = demoAnswers();
    Object.assign(answers.instant, replaced);
    expect(await resultOf('version', answers)).toMatchObject({ status, code, params });
  });
});
