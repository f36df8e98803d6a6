import { createTheme, Field, FieldColorModeId, FieldType, getDisplayProcessor, ThresholdsMode } from '@grafana/data';

import en from '../locales/en-US/portwatch-status-panel.json';
import ko from '../locales/ko-KR/portwatch-status-panel.json';
import { NOW } from '../test-utils/testFixtures';
import { Tile } from '../data/types';
import { makeTile } from '../test-utils/makeTile';
import {
  badgeSpokenText,
  badgeText,
  durationDisplay,
  stateText,
  tileAccessibleName,
  timeInStateText,
  uptimeText,
} from './tileText';

const HOUR = 60 * 60 * 1000;
const theme = createTheme();

function durationField(): Field {
  const field: Field = {
    name: 'probe_duration_seconds',
    type: FieldType.number,
    values: [],
    config: {
      unit: 's',
      color: { mode: FieldColorModeId.Thresholds },
      thresholds: {
        mode: ThresholdsMode.Absolute,
        steps: [
          { value: -Infinity, color: 'green' },
          { value: 0.5, color: 'orange' },
          { value: 1, color: 'red' },
        ],
      },
    },
  };
  return { ...field, display: getDisplayProcessor({ field, theme }) };
}

describe('stateText', () => {
  it.each([
    [makeTile('a', { state: 'down' }), 'down'],
    [makeTile('a', { state: 'unknown' }), 'unknown'],
    [makeTile('a', { state: 'partial', upCount: 2, seriesCount: 3 }), '2/3 up · healthy'],
    [makeTile('a', { state: 'partial', upCount: 1, seriesCount: 3, healthy: false }), '1/3 up · unhealthy'],
  ])('says %#', (tile, text) => {
    expect(stateText(tile)).toBe(text);
  });
});

describe('timeInStateText', () => {
  it('measures from the start of the state', () => {
    const tile = makeTile('a', { state: 'down', stateSince: NOW - (4 * 60 + 12) * 1000, stateHeldFromStart: false });
    expect(timeInStateText(tile, NOW)).toBe('down for 4m 12s');
  });

  it('gives the range as a lower bound when the state held since its start', () => {
    expect(timeInStateText(makeTile('a', { stateSince: NOW - HOUR, stateHeldFromStart: true }), NOW)).toBe(
      'up for >1h'
    );
  });

  it("puts a partial target's verdict before the time, which a narrow tile cuts first", () => {
    const tile = makeTile('a', {
      state: 'partial',
      upCount: 1,
      seriesCount: 2,
      healthy: false,
      stateSince: NOW - 134_000,
      stateHeldFromStart: false,
    });
    expect(timeInStateText(tile, NOW)).toBe('1/2 up · unhealthy for 2m 14s');
  });

  it('reads a start after the end of the range as no time', () => {
    expect(timeInStateText(makeTile('a', { stateSince: NOW + 5000, stateHeldFromStart: false }), NOW)).toBe(
      'up for 0s'
    );
  });
});

describe('durationDisplay', () => {
  it('formats with the field config: unit and threshold colour', () => {
    expect(durationDisplay(durationField(), 0.023)).toEqual({
      text: '23 ms',
      color: theme.visualization.getColorByName('green'),
    });
    expect(durationDisplay(durationField(), 0.7)?.color).toBe(theme.visualization.getColorByName('orange'));
    expect(durationDisplay(durationField(), 1.5)).toEqual({
      text: '1.50 s',
      color: theme.visualization.getColorByName('red'),
    });
  });

  it('falls back to plain seconds without a field', () => {
    expect(durationDisplay(undefined, 0.023)).toEqual({ text: '23 ms' });
  });

  it.each([undefined, NaN, Infinity])('shows nothing for %p', (seconds) => {
    expect(durationDisplay(durationField(), seconds)).toBeUndefined();
  });
});

describe('badgeText', () => {
  it('words a certificate that expires within a day in hours, not as "0d"', () => {
    expect(badgeText({ kind: 'cert-expiry', days: 5.5 / 24, severity: 'critical' })).toBe('cert expires in 5h 30m');
    expect(badgeText({ kind: 'cert-expiry', days: 9.7, severity: 'warning' })).toBe('cert expires in 9d');
  });
});

describe('uptimeText', () => {
  it.each([
    [1, '100%'],
    [0.5, '50%'],
    [0.99999, '99.99%'],
    [0, '0%'],
    [undefined, undefined],
    [NaN, undefined],
  ])('shows an exact %p as %p', (uptime, text) => {
    expect(uptimeText(uptime, true)).toBe(text);
  });

  it('marks an estimate from the samples as one, the mark held to the figure', () => {
    expect(uptimeText(0.991)).toBe('≈\u00a099.1%');
  });

  // The tile's uptime line wraps onto a clipped second line when the duration needs the room: with
  // the figure first, the word is what goes ("가동률 ≈" alone was left on Korean medium tiles).
  it.each([
    ['en-US', en],
    ['ko-KR', ko],
  ])('puts the figure before the word in %s, so that a narrow tile drops the word', (_, catalogue) => {
    expect(catalogue.tile.uptime.startsWith('{{uptime}}')).toBe(true);
  });
});

describe('tileAccessibleName', () => {
  const accessibleName = (tile: Tile) =>
    tileAccessibleName(
      tile,
      timeInStateText(tile, NOW),
      durationDisplay(tile.durations.figures().durationField, tile.durations.figures().duration)
    );

  it('says name, state, time in state and newest duration', () => {
    const tile = makeTile('10.0.0.5:8080', {
      name: 'api-1 10.0.0.5:8080',
      state: 'down',
      stateSince: NOW - (4 * 60 + 12) * 1000,
      stateHeldFromStart: false,
      duration: 0.023,
    });
    expect(accessibleName(tile)).toBe('api-1 10.0.0.5:8080, down for 4m 12s, 23 ms');
  });

  it('mentions flapping and leaves out a missing duration', () => {
    const tile = makeTile('a', { flapping: true, stateSince: NOW - 42_000, stateHeldFromStart: false });
    expect(accessibleName(tile)).toBe('a, up for 42s, flapping');
  });
});

describe('words with values', () => {
  it('keeps slashes, quotes and ampersands of values as they are', () => {
    expect(badgeSpokenText({ kind: 'alert-firing', name: 'Probe "a/b" & <c>' })).toBe(
      'alert firing: Probe "a/b" & <c>'
    );
  });
});
