import { formatSampleValue } from '../data/decideState';
import { formatSpan } from '../data/formatSpan';
import { Reason } from '../data/types';

/** A reason in words: "prober unreachable", "value 2 is not 0 or 1", "2 of 3 probes up". */
export function reasonText(reason: Reason): string {
  switch (reason.code) {
    case 'probe-succeeded':
      return 'probe succeeded';
    case 'probe-failed':
      return 'probe failed';
    case 'no-sample':
      return 'no sample in range';
    case 'prober-unreachable':
      return 'prober unreachable';
    case 'no-status-series':
      return 'no probe_success series';
    case 'invalid-value':
      return `value ${formatSampleValue(reason.value)} is not 0 or 1`;
    case 'silent':
      return `no sample for ${formatSpan(reason.ms)}`;
    case 'all-up':
      return `all ${reason.count} probes up`;
    case 'some-up':
      return `${reason.up} of ${reason.count} probes up`;
    case 'all-failed':
      return `all ${reason.count} probes failed`;
    case 'some-failed':
      return `${reason.failed} of ${reason.count} probes failed`;
  }
}
