import { reasonText } from './reasonText';
import { Reason } from '../data/types';

describe('reasonText', () => {
  it.each<[Reason, string]>([
    [{ code: 'probe-succeeded' }, 'probe succeeded'],
    [{ code: 'probe-failed' }, 'probe failed'],
    [{ code: 'no-sample' }, 'no sample in range'],
    [{ code: 'prober-unreachable' }, 'prober unreachable'],
    [{ code: 'no-status-series' }, 'no probe_success series'],
    [{ code: 'invalid-value', value: Infinity }, 'value +Inf is not 0 or 1'],
    [{ code: 'invalid-value', value: 0.5 }, 'value 0.5 is not 0 or 1'],
    [{ code: 'silent', ms: 435_000 }, 'no sample for 7m 15s'],
    [{ code: 'all-up', count: 3 }, 'all 3 probes up'],
    [{ code: 'some-up', up: 2, count: 3 }, '2 of 3 probes up'],
    [{ code: 'all-failed', count: 2 }, 'all 2 probes failed'],
    [{ code: 'some-failed', failed: 1, count: 2 }, '1 of 2 probes failed'],
  ])('%j -> %s', (reason, text) => {
    expect(reasonText(reason)).toBe(text);
  });
});
