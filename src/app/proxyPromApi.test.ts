import { of } from 'rxjs';

import { NOT_PROMETHEUS_ANSWER } from './checks/types';
import { proxyPromApi } from './proxyPromApi';

const answer = { current: {} as unknown };

jest.mock('@grafana/runtime', () => ({
  getBackendSrv: () => ({ fetch: () => of({ status: 200, data: answer.current }) }),
}));

describe('proxyPromApi', () => {
  it.each<[string, unknown]>([
    ['an empty group list (VictoriaMetrics without vmalert)', { status: 'success', data: { groups: [] } }],
    ['no groups field', { status: 'success', data: {} }],
    ['groups: null', { status: 'success', data: { groups: null } }],
  ])('reads %s as no rule groups, for checkRules to fall back to ALERTS', async (_, body) => {
    answer.current = body;
    await expect(proxyPromApi('vm').rules!()).resolves.toEqual([]);
  });

  // A data source URL pointing at another server that answers 200 (blackbox_exporter's port).
  it.each<[string, unknown]>([
    ['a web page', '<html><body>Blackbox Exporter</body></html>'],
    ['JSON of another kind', { message: 'hello' }],
  ])('says an answer of %s is not a Prometheus API answer', async (_, body) => {
    answer.current = body;
    await expect(proxyPromApi('other').instantQuery('up')).rejects.toThrow(NOT_PROMETHEUS_ANSWER);
  });

  it('passes Prometheus’ own error on', async () => {
    answer.current = { status: 'error', error: 'parse error at char 3' };
    await expect(proxyPromApi('prom').instantQuery('up{')).rejects.toThrow('parse error at char 3');
  });

  it('passes the rule groups on', async () => {
    const groups = [{ name: 'portwatch', rules: [{ type: 'alerting', name: 'PortwatchWatchdog' }] }];
    answer.current = { status: 'success', data: { groups } };
    await expect(proxyPromApi('prom').rules!()).resolves.toEqual(groups);
  });
});
