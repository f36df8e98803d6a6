import { GrafanaTheme2 } from '@grafana/data';

import { TargetState } from '../data/types';

interface StateLook {
  /** Lower case, so it reads inside sentences ("down for 4m") and in the summary ("3 down"). */
  word: string;
}

/** Each state has a word, and an icon (StateIcon), so no state is told by colour alone. */
export const STATE_LOOKS: Record<TargetState, StateLook> = {
  up: { word: 'up' },
  down: { word: 'down' },
  stale: { word: 'stale' },
  unknown: { word: 'unknown' },
  partial: { word: 'partial' },
};

export function stateColor(theme: GrafanaTheme2, state: TargetState): string {
  switch (state) {
    case 'up':
      return theme.visualization.getColorByName('green');
    case 'down':
      return theme.visualization.getColorByName('red');
    case 'stale':
      return theme.visualization.getColorByName('orange');
    case 'partial':
      return theme.visualization.getColorByName('blue');
    case 'unknown':
      return theme.colors.text.secondary;
  }
}

/** One value per state, e.g. a class name per state in `getStyles`. */
export function byState<T>(make: (state: TargetState) => T): Record<TargetState, T> {
  return {
    up: make('up'),
    down: make('down'),
    stale: make('stale'),
    unknown: make('unknown'),
    partial: make('partial'),
  };
}
