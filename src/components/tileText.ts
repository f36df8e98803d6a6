import { Field, formattedValueToString, getValueFormat } from '@grafana/data';

import { formatSpan } from '../data/formatSpan';
import { Tile } from '../data/types';
import { STATE_LOOKS } from './stateLooks';

export interface DurationDisplay {
  text: string;
  /** Colour from the field's thresholds or colour scheme; undefined without field config. */
  color?: string;
}

/** "down", or for a target probed several times "2/3 up". */
export function stateText(tile: Tile): string {
  return tile.state === 'partial' ? `${tile.upCount}/${tile.seriesCount} up` : STATE_LOOKS[tile.state].word;
}

/**
 * "down for 4m 12s". A state that held over all samples has no start: when the samples reach back
 * to the start of the range, the range is the lower bound ("up for >1h"); when they begin later
 * (a new target, a new Prometheus), the state is known from the first sample on ("up for 2m").
 * `startSlackMs` is how far after the range start a first sample still counts as at the start,
 * since range queries align their first step.
 */
export function timeInStateText(tile: Tile, now: number, rangeFrom: number, startSlackMs = 0): string {
  let span: string;
  if (tile.stateSince !== undefined) {
    span = formatSpan(Math.max(0, now - tile.stateSince));
  } else if (tile.firstSampleTime !== undefined && tile.firstSampleTime > rangeFrom + startSlackMs) {
    span = formatSpan(Math.max(0, now - tile.firstSampleTime));
  } else {
    span = `>${formatSpan(Math.max(0, now - rangeFrom))}`;
  }
  return `${stateText(tile)} for ${span}`;
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

/** Rounded down, so a target that missed one probe never reads as 100%. */
export function uptimeText(uptime: number | undefined): string | undefined {
  if (uptime === undefined || !Number.isFinite(uptime)) {
    return undefined;
  }
  return `${Math.floor(uptime * 10000) / 100}%`;
}

/**
 * "api-1 10.0.0.5:8080, down for 4m 12s, 23 ms": what a screen reader says for a tile, from the
 * texts the tile shows (`timeInStateText` and `durationDisplay`), so each is formatted once.
 */
export function tileAccessibleName(tile: Tile, timeInState: string, duration: DurationDisplay | undefined): string {
  const parts = [tile.name, timeInState];
  if (duration) {
    parts.push(duration.text);
  }
  if (tile.flapping) {
    parts.push('flapping');
  }
  return parts.join(', ');
}
