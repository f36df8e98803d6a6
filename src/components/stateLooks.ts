import { GrafanaTheme2, IconName } from '@grafana/data';

import { TargetState } from '../data/types';

interface StateLook {
  /** Lower case, so it reads inside sentences ("down for 4m") and in the summary ("3 down"). */
  word: string;
  icon: IconName;
}

/** Each state has a word and an icon, so no state is told by colour alone. */
export const STATE_LOOKS: Record<TargetState, StateLook> = {
  up: { word: 'up', icon: 'check-circle' },
  down: { word: 'down', icon: 'times-circle' },
  stale: { word: 'stale', icon: 'clock-nine' },
  unknown: { word: 'unknown', icon: 'question-circle' },
  partial: { word: 'partial', icon: 'adjust-circle' },
};

export const FLAPPING_ICON: IconName = 'exchange-alt';

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
