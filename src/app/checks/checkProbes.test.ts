import { CHECK_QUERIES } from './checkQueries';
import { demoAnswers, resultOf } from './test-utils/demoAnswers';
import { sample } from './test-utils/fakePromApi';
import type { PromSample } from './types';

const GROUPS = CHECK_QUERIES.probeGroups;
const TARGETS = CHECK_QUERIES.targets;
const JOB_TARGETS = CHECK_QUERIES.jobTargets;
const UP = CHECK_QUERIES.upTotal;
const RECENT = CHECK_QUERIES.recentProbeJobs;
const SHARED = CHECK_QUERIES.sharedInstances;
const EXPORTER_INSTANCES = CHECK_QUERIES.exporterInstances;
/** A probe series of a job whose relabelling copied the target to `target` and left instance at the exporter. */
const collapsed = (target: string, value: number): PromSample =>
  sample({ __name__: 'probe_success', job: 'probe_web', instance: 'blackbox:9115', target }, value);

describe('checkProbes', () => {
  it.each<[string, Record<string, PromSample[]>, string, string, Record<string, unknown>]>([
    [
      'the demo: jobs, modules and targets',
      {},
      'ok',
      'probes_found',
      { jobs: ['probe_http', 'probe_tcp'], modules: ['', 'http_content'], targets: 5, silentJobs: [], unnamedJobs: [] },
    ],
    [
      'no probe job at all',
      { [GROUPS]: [], [UP]: [sample({ job: 'prometheus' }, 1)] },
      'error',
      'no_probes',
      { jobs: [] },
    ],
    [
      'probe jobs scraped but no results (exporter down)',
      { [GROUPS]: [] },
      'error',
      'no_probe_results',
      { jobs: [], silentJobs: ['probe_http', 'probe_tcp'] },
    ],
    [
      'one probe job without results',
      { [GROUPS]: [sample({ job: 'probe_tcp' }, 2)], [TARGETS]: [sample({}, 2)] },
      'warning',
      'jobs_without_results',
      { jobs: ['probe_tcp'], silentJobs: ['probe_http'], targets: 2 },
    ],
    [
      // Its probe_success went stale when the exporter died: only the last hour still shows the job.
      'exporter died under a job not named probe_*',
      {
        [UP]: [sample({ job: 'probe_tcp' }, 2), sample({ job: 'probe_http' }, 3), sample({ job: 'blackbox' }, 3)],
        [RECENT]: [sample({ job: 'probe_tcp' }, 2), sample({ job: 'probe_http' }, 3), sample({ job: 'blackbox' }, 3)],
      },
      'warning',
      'jobs_without_results',
      { jobs: ['probe_http', 'probe_tcp'], silentJobs: ['blackbox'] },
    ],
    [
      'a job with results in the hour but no up now was removed: not named',
      { [RECENT]: [sample({ job: 'probe_tcp' }, 2), sample({ job: 'probe_http' }, 3), sample({ job: 'gone' }, 1)] },
      'ok',
      'probes_found',
      { silentJobs: [] },
    ],
    [
      // One tile in the panel, where the down target hides in "2/3 up".
      'targets that share one instance, told apart by a target label',
      {
        [SHARED]: [
          collapsed('https://a.example', 1),
          collapsed('https://b.example', 1),
          collapsed('https://c.example', 0),
        ],
      },
      'warning',
      'targets_share_instance',
      { sharedJobs: ['probe_web'], sharedLabels: ['target'] },
    ],
    [
      // One target probed from several places: one tile on purpose, not a relabelling mistake.
      'one target probed from several locations',
      {
        [SHARED]: ['eu', 'us', 'ap'].map((location, i) =>
          sample({ __name__: 'probe_success', job: 'probe_web', instance: 'https://a.example', location }, i % 2)
        ),
      },
      'ok',
      'probes_found',
      { sharedJobs: [] },
    ],
    [
      'targets told apart by host:port and IP addresses',
      {
        [SHARED]: ['10.0.0.1:443', '10.0.0.2:443', '10.0.0.3', '[2001:db8::1]:80', '2001:db8::2'].map((address) =>
          sample({ __name__: 'probe_success', job: 'probe_tcp', instance: 'blackbox:9115', address }, 1)
        ),
      },
      'warning',
      'targets_share_instance',
      { sharedJobs: ['probe_tcp'], sharedLabels: ['address'] },
    ],
    [
      'a single target under the exporter’s address',
      { [EXPORTER_INSTANCES]: [sample({ job: 'probe_one', instance: 'blackbox:9115' }, 1)] },
      'warning',
      'targets_share_instance',
      { sharedJobs: ['probe_one'], sharedLabels: [] },
    ],
    [
      // The dashboards' host query and PortwatchHostDown read job="probe_icmp" only.
      'hosts pinged by a job other than probe_icmp',
      { [CHECK_QUERIES.icmpElsewhere]: [sample({ job: 'probe_ping' }, 3), sample({ job: 'probe_file_sd' }, 1)] },
      'warning',
      'icmp_outside_probe_icmp',
      { icmpJobs: ['probe_file_sd', 'probe_ping'] },
    ],
    [
      'results from a job the dashboards do not select',
      {
        [GROUPS]: [sample({ job: 'probe_tcp' }, 2), sample({ job: 'probe_http' }, 2), sample({ job: 'blackbox' }, 4)],
        [TARGETS]: [sample({}, 8)],
      },
      'warning',
      'jobs_not_named_probe',
      { unnamedJobs: ['blackbox'], targets: 8 },
    ],
    [
      // The panel shows one tile for it, so the check counts one target.
      'an address probed by two jobs counts once',
      {
        [GROUPS]: [sample({ job: 'probe_tcp' }, 2), sample({ job: 'probe_http_sd' }, 1)],
        [TARGETS]: [sample({}, 2)],
        [JOB_TARGETS]: [sample({ job: 'probe_tcp' }, 2), sample({ job: 'probe_http_sd' }, 1)],
        [UP]: [sample({ job: 'probe_tcp' }, 2), sample({ job: 'probe_http_sd' }, 1)],
      },
      'ok',
      'probes_found',
      { jobs: ['probe_http_sd', 'probe_tcp'], targets: 2 },
    ],
  ])('%s', async (_, replaced, status, code, params) => {
    const answers = demoAnswers();
    Object.assign(answers.instant, replaced);
    const result = await resultOf('probes', answers);
    expect(result).toMatchObject({ status, code, params });
  });

  it('counts targets by the panel’s default key labels, in all and per job', () => {
    expect(TARGETS).toBe('count(count by (instance) (probe_success))');
    expect(JOB_TARGETS).toBe('count by (job) (count by (job, instance) (probe_success))');
  });

  it('counts the targets of one job once when two modules probe them', async () => {
    const answers = demoAnswers();
    answers.instant[JOB_TARGETS] = [sample({ job: 'probe_tcp' }, 2), sample({ job: 'probe_http' }, 2)];
    const result = await resultOf('probes', answers);
    expect(result.details).toContainEqual({ job: 'probe_http', targets: 2, modules: ['', 'http_content'] });
  });

  it('lists per job its targets and modules', async () => {
    const result = await resultOf('probes', demoAnswers());
    expect(result.details).toEqual([
      { job: 'probe_http', targets: 3, modules: ['', 'http_content'] },
      { job: 'probe_tcp', targets: 2, modules: [''] },
    ]);
  });
});
