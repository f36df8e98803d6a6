import { CHECK_QUERIES, notificationErrorsTo, PORTWATCH_ALERTS, samplesOf, upOfJob } from '../checkQueries';
import { runSetupChecks } from '../runSetupChecks';
import type { CheckId, CheckResult, PromSample, SetupSettings } from '../types';
import { fakePromApi, sample, series, type FakeAnswers } from './fakePromApi';

const TCP = { __name__: 'probe_success', job: 'probe_tcp', instance: 'targets:8080' };
const HTTP = { __name__: 'probe_success', job: 'probe_http', instance: 'http://targets:5000/health' };

/** The Alertmanager the demo's Prometheus sends to. */
export const DEMO_ALERTMANAGER = 'http://alertmanager:9093/api/v2/alerts';

/** The picks of CHECK_QUERIES.probeSample in the demo: one series per probe job. */
export const DEMO_PICKS: PromSample[] = [sample(TCP, 1), sample(HTTP, 1)];

/**
 * What the demo stack answers, every check green: two probe jobs scraped every 5 s, the exporter's
 * own job, the shipped rules. Tests replace single answers to reach each other code.
 */
export function demoAnswers(): FakeAnswers & { instant: NonNullable<FakeAnswers['instant']> } {
  return {
    instant: {
      [CHECK_QUERIES.probeGroups]: [
        sample({ job: 'probe_tcp' }, 2),
        sample({ job: 'probe_http' }, 2),
        sample({ job: 'probe_http', module: 'http_content' }, 1),
      ],
      [CHECK_QUERIES.targets]: [sample({}, 5)],
      [CHECK_QUERIES.jobTargets]: [sample({ job: 'probe_tcp' }, 2), sample({ job: 'probe_http' }, 3)],
      [CHECK_QUERIES.recentProbeJobs]: [sample({ job: 'probe_tcp' }, 2), sample({ job: 'probe_http' }, 3)],
      // Every target under an instance of its own, none under the exporter's address.
      [CHECK_QUERIES.sharedInstances]: [],
      [CHECK_QUERIES.exporterInstances]: [],
      [CHECK_QUERIES.icmpElsewhere]: [],
      [CHECK_QUERIES.upTotal]: [
        sample({ job: 'probe_tcp' }, 2),
        sample({ job: 'probe_http' }, 3),
        sample({ job: 'blackbox_exporter' }, 1),
        sample({ job: 'prometheus' }, 1),
      ],
      [CHECK_QUERIES.upDown]: [],
      [CHECK_QUERIES.probeSample]: DEMO_PICKS,
      [CHECK_QUERIES.buildInfo]: [
        sample({ job: 'blackbox_exporter', instance: 'blackbox:9115', version: '0.23.0' }, 1),
      ],
      [upOfJob('blackbox_exporter')]: [sample({ job: 'blackbox_exporter', instance: 'blackbox:9115' }, 1)],
      [CHECK_QUERIES.moduleSeries]: [
        sample({ job: 'probe_tcp' }, 2),
        sample({ job: 'probe_http' }, 2),
        sample({ job: 'probe_http', module: 'http_content' }, 1),
      ],
      // The demo's closed port and its maintenance page: down by design, but not whole modules.
      [CHECK_QUERIES.moduleNeverUp]: [
        sample({ job: 'probe_tcp' }, 1),
        sample({ job: 'probe_http', module: 'http_content' }, 1),
      ],
      [CHECK_QUERIES.alerts]: [sample({ alertname: 'PortwatchWatchdog' }, 1)],
      [notificationErrorsTo([DEMO_ALERTMANAGER])]: [sample({}, 0)],
    },
    matrix: {
      [samplesOf(TCP)]: [series(TCP, 5, 120)],
      [samplesOf(HTTP)]: [series(HTTP, 5, 120)],
    },
    alertmanagers: { activeAlertmanagers: [{ url: DEMO_ALERTMANAGER }] },
    rules: [
      {
        name: 'portwatch',
        file: 'rules/portwatch.yml',
        rules: PORTWATCH_ALERTS.map((name) => ({ type: 'alerting' as const, name, health: 'ok' })),
      },
    ],
  };
}

/** Runs the checks on `answers` and returns the one result of `id`. */
export async function resultOf(
  id: CheckId,
  answers: FakeAnswers,
  settings: SetupSettings = { timeInterval: '5s' }
): Promise<CheckResult> {
  const results = await runSetupChecks(fakePromApi(answers), settings, undefined, { timeoutMs: 200 });
  return results.find((result) => result.id === id)!;
}
