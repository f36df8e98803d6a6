import { t } from '../../i18n/t';

import { formatSampleValue } from '../data/decideState';
import { Reason } from '../data/types';
import { spanText } from './spanText';

/** A reason in words: "prober unreachable", "value 2 is not 0 or 1", "2 of 3 probes up". */
export function reasonText(reason: Reason): string {
  switch (reason.code) {
    case 'probe-succeeded':
      return t('reason.probe-succeeded', 'probe succeeded');
    case 'probe-failed':
      return t('reason.probe-failed', 'probe failed');
    case 'no-sample':
      return t('reason.no-sample', 'no sample in range');
    case 'prober-unreachable':
      return t('reason.prober-unreachable', 'prober unreachable');
    case 'no-status-series':
      return t('reason.no-status-series', 'no probe_success series');
    case 'invalid-value':
      return t('reason.invalid-value', 'value {{value}} is not 0 or 1', { value: formatSampleValue(reason.value) });
    case 'several-values':
      return t('reason.several-values', 'several values at one time: several targets made one');
    case 'silent':
      return t('reason.silent', 'no sample for {{span}}', { span: spanText(reason.ms) });
    case 'all-up':
      return t('reason.all-up', '', {
        count: reason.count,
        defaultValue_one: 'the probe is up',
        defaultValue_other: 'all {{count}} probes up',
      });
    case 'some-up':
      return t('reason.some-up', '', {
        up: reason.up,
        count: reason.count,
        defaultValue_one: '{{up}} of {{count}} probe up',
        defaultValue_other: '{{up}} of {{count}} probes up',
      });
    case 'all-failed':
      return t('reason.all-failed', '', {
        count: reason.count,
        defaultValue_one: 'the probe failed',
        defaultValue_other: 'all {{count}} probes failed',
      });
    case 'some-failed':
      return t('reason.some-failed', '', {
        failed: reason.failed,
        count: reason.count,
        defaultValue_one: '{{failed}} of {{count}} probe failed',
        defaultValue_other: '{{failed}} of {{count}} probes failed',
      });
  }
}
