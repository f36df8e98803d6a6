import { of } from 'rxjs';

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

  it('passes the rule groups on', async () => {
    const groups = [{ name: 'portwatch', rules: [{ type: 'alerting', name: 'PortwatchWatchdog' }] }];
    answer.current = { status: 'success', data: { groups } };
    await expect(proxyPromApi('prom').rules!()).resolves.toEqual(groups);
  });
});
