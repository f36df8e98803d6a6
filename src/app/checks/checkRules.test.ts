import { CHECK_QUERIES, notificationErrorsTo, PORTWATCH_ALERTS } from './checkQueries';
import { DEMO_ALERTMANAGER, demoAnswers, resultOf } from './test-utils/demoAnswers';
import { sample, type FakeAnswers } from './test-utils/fakePromApi';
import type { PromRule } from './types';

const alerting = (name: string, extra: Partial<PromRule> = {}): PromRule => ({ type: 'alerting', name, ...extra });
const group = (rules: PromRule[]): FakeAnswers['rules'] => [{ name: 'portwatch', rules }];

describe('checkRules', () => {
  it.each<[string, Partial<FakeAnswers>, string, string, Record<string, unknown>]>([
    ['the demo: every Portwatch rule loaded', {}, 'ok', 'alert_rules_loaded', { missing: [], failing: [], groups: 1 }],
    [
      'no Portwatch rule, only others',
      { rules: group([alerting('Other'), { type: 'recording', name: 'PortwatchTargetDown' }]) },
      'error',
      'alert_rules_missing',
      { loaded: [], missing: PORTWATCH_ALERTS },
    ],
    [
      // VictoriaMetrics without vmalert: an empty rules API proves nothing; vmalert's ALERTS may.
      'an empty rules API: falls back to ALERTS, where the Watchdog fires',
      { rules: [] },
      'ok',
      'watchdog_firing',
      { alerts: ['PortwatchWatchdog'], rulesApi: 'empty', rulesError: '' },
    ],
    [
      // VictoriaMetrics without vmalert has no Alertmanagers API either.
      'an empty rules API and no Watchdog in ALERTS: cannot tell, not "no rule loaded"',
      { rules: [], alertmanagers: new Error('404'), instant: { [CHECK_QUERIES.alerts]: [] } },
      'unknown',
      'rules_not_seen',
      { alerts: [], rulesApi: 'empty' },
    ],
    [
      // It answers the Alertmanagers API: Prometheus, which evaluates its rules itself.
      'a Prometheus with no rule files',
      { rules: [], instant: { [CHECK_QUERIES.alerts]: [] } },
      'error',
      'alert_rules_missing',
      { missing: PORTWATCH_ALERTS, alertmanagers: 1 },
    ],
    [
      'some Portwatch rules missing',
      { rules: group(PORTWATCH_ALERTS.slice(1).map((name) => alerting(name))) },
      'warning',
      'alert_rules_partly_missing',
      { missing: ['PortwatchTargetDown'] },
    ],
    [
      'a Portwatch rule failing to evaluate',
      {
        rules: group(
          PORTWATCH_ALERTS.map((name) =>
            alerting(
              name,
              name === 'PortwatchSlowProbe' ? { health: 'err', lastError: 'many-to-many' } : { health: 'ok' }
            )
          )
        ),
      },
      'error',
      'alert_rules_failing',
      { failing: ['PortwatchSlowProbe'] },
    ],
    [
      'no rules API: the Watchdog firing shows the rules run',
      { rules: undefined },
      'ok',
      'watchdog_firing',
      { alerts: ['PortwatchWatchdog'], rulesApi: 'absent', rulesError: '' },
    ],
    [
      'rules API failing: falls back to ALERTS',
      { rules: new Error('vmalert.proxyURL is not set') },
      'ok',
      'watchdog_firing',
      { rulesApi: 'failed', rulesError: 'vmalert.proxyURL is not set' },
    ],
    [
      'no rules API and no Watchdog: cannot tell, even with other alerts firing',
      { rules: undefined, instant: { [CHECK_QUERIES.alerts]: [sample({ alertname: 'PortwatchTargetDown' }, 1)] } },
      'unknown',
      'rules_not_seen',
      { alerts: ['PortwatchTargetDown'] },
    ],
    [
      'no rules API and ALERTS failing',
      { rules: undefined, instant: { [CHECK_QUERIES.alerts]: new Error('timeout') } },
      'unknown',
      'query_failed',
      { query: CHECK_QUERIES.alerts, error: 'timeout' },
    ],
    // Alerts that reach no Alertmanager: rules loaded, alerting not working.
    [
      'alerts that reach no Alertmanager: none configured',
      { alertmanagers: { activeAlertmanagers: [] } },
      'warning',
      'alerts_go_nowhere',
      { alertmanagers: 0, missing: [] },
    ],
    [
      'alerts that reach no Alertmanager: sending fails',
      { instant: { [notificationErrorsTo([DEMO_ALERTMANAGER])]: [sample({}, 11.7)] } },
      'warning',
      'alerts_not_delivered',
      { alertmanagers: 1, notificationErrors: 12 },
    ],
    [
      'alerts that reach no Alertmanager: also found through the Watchdog',
      { rules: undefined, alertmanagers: { activeAlertmanagers: [] } },
      'warning',
      'alerts_go_nowhere',
      { alerts: ['PortwatchWatchdog'] },
    ],
    [
      // VictoriaMetrics, Thanos, Mimir: their rules may be sent by vmalert or a ruler.
      'a data source without the Alertmanagers API: delivery is not judged',
      { alertmanagers: new Error('404 page not found') },
      'ok',
      'alert_rules_loaded',
      { missing: [] },
    ],
    [
      'a Prometheus that does not scrape itself: only the Alertmanagers are judged',
      { instant: { [notificationErrorsTo([DEMO_ALERTMANAGER])]: [] } },
      'ok',
      'alert_rules_loaded',
      { alertmanagers: 1 },
    ],
    [
      'a worse verdict stands, its list of missing rules with it',
      {
        rules: group(PORTWATCH_ALERTS.slice(1).map((name) => alerting(name))),
        alertmanagers: { activeAlertmanagers: [] },
      },
      'warning',
      'alert_rules_partly_missing',
      { alertmanagers: 0, missing: ['PortwatchTargetDown'] },
    ],
    [
      'rules API and ALERTS both failing: the rules API’s error',
      { rules: new Error('502'), instant: { [CHECK_QUERIES.alerts]: new Error('timeout') } },
      'unknown',
      'query_failed',
      { query: '/api/v1/rules', error: '502' },
    ],
  ])('%s', async (_, replaced, status, code, params) => {
    const answers = demoAnswers();
    const { instant, ...rest } = replaced;
    Object.assign(answers, rest);
    Object.assign(answers.instant, instant);
    expect(await resultOf('rules', answers)).toMatchObject({ status, code, params });
  });
});
