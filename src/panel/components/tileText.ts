import { Field, formattedValueToString, getValueFormat } from '@grafana/data';

import { DAY_MS } from '../constants';
import { Badge, Tile } from '../data/types';
import { uptimeHundredths } from '../data/uptimeFigures';
import { t } from '../../i18n/t';
import { spanText } from './spanText';
import { stateWord } from './stateLooks';
import { shownText } from './shownText';

export interface DurationDisplay {
  text: string;
  /** Colour from the field's thresholds or colour scheme; undefined without field config. */
  color?: string;
}

function baseStateText(tile: Tile): string {
  return tile.state === 'partial'
    ? t('tile.partial-count', '{{up}}/{{total}} up', { up: tile.upCount, total: tile.seriesCount })
    : stateWord(tile.state);
}

/** "2/3 up · healthy": a partial target with its verdict under the panel's quorum; other states as they are. */
function withVerdict(tile: Tile, text: string): string {
  if (tile.state !== 'partial') {
    return text;
  }
  return tile.healthy
    ? t('tile.verdict-healthy', '{{text}} · healthy', { text })
    : t('tile.verdict-unhealthy', '{{text}} · unhealthy', { text });
}

/** "down", or for a target probed several times "2/3 up · healthy" (its verdict under the quorum). */
export function stateText(tile: Tile): string {
  return withVerdict(tile, baseStateText(tile));
}

/**
 * "down for 4m 12s", or "up for >1h" for a state that held at least since the range start (the
 * model decides which, see `stateHeldFromStart`). A partial target's verdict comes before the time,
 * so that a tile too narrow for the whole line cuts the time, which its details also give, rather
 * than whether the target counts as healthy.
 */
export function timeInStateText(tile: Tile, now: number): string {
  if (tile.seriesCount === 0) {
    // No status series, so no time in any state: a target the uptime query alone knows may have
    // been added minutes ago ("an uptime but no status sample yet" in PortStatusPanel.test.tsx).
    return stateText(tile);
  }
  const values = { state: stateText(tile), span: spanText(Math.max(0, now - tile.stateSince)) };
  return tile.stateHeldFromStart
    ? t('tile.state-for-more-than', '{{state}} for >{{span}}', values)
    : t('tile.state-for', '{{state}} for {{span}}', values);
}

/** What a badge says on the tile: "HTTP 503", "cert expires in 9d", the alert's name. */
export function badgeText(badge: Badge): string {
  switch (badge.kind) {
    case 'http-status':
      return badge.code === 0
        ? t('badge.no-response', 'no response')
        : t('badge.http-status', 'HTTP {{code}}', { code: badge.code });
    case 'cert-expiry':
      return badge.days < 0
        ? t('badge.cert-expired', 'cert expired')
        : badge.days < 1
          ? // Under a day "in 0d" would read as expired: the hours say how long is left.
            t('badge.cert-expires-within-day', 'cert expires in {{span}}', { span: spanText(badge.days * DAY_MS) })
          : t('badge.cert-expires', 'cert expires in {{days}}d', { days: Math.floor(badge.days) });
    case 'content-check':
      return t('badge.content-check', 'content check failed');
    case 'host-unreachable':
      return badge.answers
        ? t('badge.no-ping-reply', 'no ping reply')
        : t('badge.host-unreachable', 'host unreachable');
    case 'alert-firing':
    case 'alert-pending':
      return shownText(badge.name);
  }
}

/** A badge as a screen reader should hear it, where the tile's words lean on an icon. */
export function badgeSpokenText(badge: Badge): string {
  switch (badge.kind) {
    case 'alert-firing':
      return t('badge.alert-firing', 'alert firing: {{name}}', { name: shownText(badge.name) });
    case 'alert-pending':
      return t('badge.alert-pending', 'alert pending: {{name}}', { name: shownText(badge.name) });
    default:
      return badgeText(badge);
  }
}

/** Formats through the duration field's display processor so unit, decimals and thresholds follow the field config. */
export function durationDisplay(field: Field | undefined, seconds: number | undefined): DurationDisplay | undefined {
  if (seconds === undefined || !Number.isFinite(seconds)) {
    return undefined;
  }
  if (field?.display) {
    const shown = field.display(seconds);
    return { text: formattedValueToString(shown), color: shown.color };
  }
  return { text: formattedValueToString(getValueFormat('s')(seconds)) };
}

/**
 * Rounded down, so a target that missed one probe never reads as 100%. An estimate from the share
 * of samples is marked "≈": it misses outages shorter than the query step.
 */
export function uptimeText(uptime: number | undefined, exact = false): string | undefined {
  if (uptime === undefined || !Number.isFinite(uptime)) {
    return undefined;
  }
  const percent = `${uptimeHundredths(uptime) / 100}%`;
  // A no-break space: on a narrow tile the line may lose the word "uptime", never the figure's "≈".
  return exact ? percent : t('tile.uptime-estimate', '≈ {{percent}}', { percent }).replace(' ', '\u00a0');
}

/**
 * "api-1 10.0.0.5:8080, down for 4m 12s, 23 ms, HTTP 503": what a screen reader says for a tile, from
 * the texts the tile shows (`timeInStateText` and `durationDisplay`), so each is formatted once.
 */
export function tileAccessibleName(
  tile: Tile,
  timeInState: string,
  duration: DurationDisplay | undefined,
  badges: Badge[] = []
): string {
  const parts = [shownText(tile.name), timeInState];
  if (duration) {
    parts.push(duration.text);
  }
  if (tile.flapping) {
    parts.push(t('tile.flapping', 'flapping'));
  }
  for (const badge of badges) {
    parts.push(badgeSpokenText(badge));
  }
  if (tile.belowUptimeTarget) {
    parts.push(t('tile.below-uptime-target', 'under the uptime target'));
  }
  return parts.join(t('tile.name-separator', ', '));
}
