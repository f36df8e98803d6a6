import { Field, formattedValueToString, getValueFormat } from '@grafana/data';

import { formatSpan } from '../data/formatSpan';
import { Badge, Tile } from '../data/types';
import { STATE_LOOKS } from './stateLooks';

export interface DurationDisplay {
  text: string;
  /** Colour from the field's thresholds or colour scheme; undefined without field config. */
  color?: string;
}

function baseStateText(tile: Tile): string {
  return tile.state === 'partial' ? `${tile.upCount}/${tile.seriesCount} up` : STATE_LOOKS[tile.state].word;
}

/** Whether a partial target counts as healthy under the panel's quorum; nothing for other states. */
function quorumSuffix(tile: Tile): string {
  return tile.state === 'partial' ? (tile.healthy ? ' · healthy' : ' · unhealthy') : '';
}

/** "down", or for a target probed several times "2/3 up · healthy" (its verdict under the quorum). */
export function stateText(tile: Tile): string {
  return baseStateText(tile) + quorumSuffix(tile);
}

/**
 * "down for 4m 12s", or "up for >1h" for a state that held at least since the range start (the
 * model decides which, see `stateHeldFromStart`).
 */
export function timeInStateText(tile: Tile, now: number): string {
  const span = formatSpan(Math.max(0, now - tile.stateSince));
  return `${baseStateText(tile)} for ${tile.stateHeldFromStart ? '>' : ''}${span}${quorumSuffix(tile)}`;
}

/** What a badge says on the tile: "HTTP 503", "cert expires in 9d", the alert's name. */
export function badgeText(badge: Badge): string {
  switch (badge.kind) {
    case 'http-status':
      return badge.code === 0 ? 'no response' : `HTTP ${badge.code}`;
    case 'cert-expiry':
      return badge.days < 0 ? 'cert expired' : `cert expires in ${Math.floor(badge.days)}d`;
    case 'content-check':
      return 'content check failed';
    case 'host-unreachable':
      return 'host unreachable';
    case 'alert-firing':
    case 'alert-pending':
      return badge.name;
  }
}

/** A badge as a screen reader should hear it, where the tile's words lean on an icon. */
export function badgeSpokenText(badge: Badge): string {
  switch (badge.kind) {
    case 'alert-firing':
      return `alert firing: ${badge.name}`;
    case 'alert-pending':
      return `alert pending: ${badge.name}`;
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
  const percent = `${Math.floor(uptime * 10000) / 100}%`;
  return exact ? percent : `≈ ${percent}`;
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
  const parts = [tile.name, timeInState];
  if (duration) {
    parts.push(duration.text);
  }
  if (tile.flapping) {
    parts.push('flapping');
  }
  for (const badge of badges) {
    parts.push(badgeSpokenText(badge));
  }
  if (tile.belowUptimeTarget) {
    parts.push('under the uptime target');
  }
  return parts.join(', ');
}
