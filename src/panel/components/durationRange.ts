import {
  Field,
  getDisplayProcessor,
  getFieldColorModeForField,
  GrafanaTheme2,
  NumericRange,
  ThresholdsMode,
} from '@grafana/data';

import { Tile } from '../data/types';

/**
 * Whether the duration's colour depends on where a value sits in a range: a continuous colour scheme
 * ("Green-Yellow-Red (by value)") or thresholds in percent. Absolute thresholds, the dashboard's,
 * need none.
 */
export function colourNeedsRange(field: Field | undefined): field is Field {
  if (field === undefined) {
    return false;
  }
  return (
    getFieldColorModeForField(field).isContinuous === true ||
    field.config.thresholds?.mode === ThresholdsMode.Percentage
  );
}

/**
 * The range a duration's colour is measured against: every target's durations in the time range,
 * within the field's own Min and Max where set. Grafana's range for a field spans every number of
 * every query (HTTP codes, certificate expiry times), so it would put every duration at its bottom
 * ("colours durations on a scheme by value" in PortStatusPanel.facts.test.tsx). Undefined when the
 * colours need no range.
 */
export function durationRange(tiles: Tile[]): NumericRange | undefined {
  // Usually the first tile's: its duration series carries the field config every tile shares.
  let field: Field | undefined;
  for (let i = 0; field === undefined && i < tiles.length; i++) {
    field = tiles[i].durations.figures().durationField;
  }
  if (!colourNeedsRange(field)) {
    return undefined;
  }
  let min = Infinity;
  let max = -Infinity;
  for (const tile of tiles) {
    const stats = tile.durations.figures().durationStats;
    if (stats !== undefined) {
      min = Math.min(min, stats.min);
      max = Math.max(max, stats.max);
    }
  }
  const { config } = field;
  const low = typeof config.min === 'number' ? config.min : Number.isFinite(min) ? min : 0;
  const high = typeof config.max === 'number' ? config.max : Number.isFinite(max) ? max : low;
  return { min: low, max: high, delta: high - low };
}

const ranged = new WeakMap<Field, { range: NumericRange; theme: GrafanaTheme2; field: Field }>();

/**
 * The duration field with its display taking its colour within `range`, made once per field and
 * range for the tiles drawn; the field itself without a range.
 */
export function rangedField(
  field: Field | undefined,
  range: NumericRange | undefined,
  theme: GrafanaTheme2
): Field | undefined {
  if (field === undefined || range === undefined) {
    return field;
  }
  const cached = ranged.get(field);
  if (
    cached !== undefined &&
    cached.theme === theme &&
    cached.range.min === range.min &&
    cached.range.max === range.max
  ) {
    return cached.field;
  }
  const withRange: Field = { ...field, state: { ...field.state, range } };
  const made = { ...withRange, display: getDisplayProcessor({ field: withRange, theme }) };
  ranged.set(field, { range, theme, field: made });
  return made;
}
