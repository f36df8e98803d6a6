import { formatDuration } from '@grafana/i18n';

import { SpanParts, spanParts } from '../data/spanParts';
import { remembered } from '../../i18n/t';

const UNIT_SUFFIX: Record<keyof SpanParts, string> = { days: 'd', hours: 'h', minutes: 'm', seconds: 's' };

/** Browsers without `Intl.DurationFormat` get the units' one-letter symbols, which read in any language. */
function symbols(parts: SpanParts): string {
  return (Object.keys(UNIT_SUFFIX) as Array<keyof SpanParts>)
    .filter((unit) => parts[unit] !== undefined)
    .map((unit) => `${parts[unit]}${UNIT_SUFFIX[unit]}`)
    .join(' ');
}

/**
 * A span of time in the user's language, in its two largest units: "4m 12s", "4분 12초". Worded by
 * `Intl.DurationFormat` through @grafana/i18n, never by concatenation (spanText.test.ts).
 */
export function spanText(ms: number): string {
  const parts = spanParts(ms);
  if (typeof Intl === 'undefined' || !('DurationFormat' in Intl)) {
    return symbols(parts);
  }
  // Tiles share a few spans ("up for >1h"); each format call costs more than the rest of a tile's words.
  const id = `\u0002span\u0001${parts.days}\u0001${parts.hours}\u0001${parts.minutes}\u0001${parts.seconds}`;
  return remembered(id, () => {
    try {
      // A zero span would otherwise be an empty string: the format leaves zero units out.
      return formatDuration(
        parts,
        parts.seconds === 0 ? { style: 'narrow', secondsDisplay: 'always' } : { style: 'narrow' }
      );
    } catch {
      // Intl.DurationFormat refuses spans past about 10^11 days (a sample stamped in the year
      // -300,000): one odd sample must not take the whole panel down ("words a span the format
      // refuses" in spanText.refused.test.ts).
      return symbols(parts);
    }
  });
}
