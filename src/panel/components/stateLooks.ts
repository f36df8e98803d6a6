import { GrafanaTheme2 } from '@grafana/data';
import { t } from '../../i18n/t';

import { TargetState } from '../data/types';

/**
 * Each state has a word (lower case in English, so it reads inside sentences and in the summary) and
 * an icon (StateIcon), so no state is told by colour alone.
 */
export function stateWord(state: TargetState): string {
  switch (state) {
    case 'up':
      return t('state.up', 'up');
    case 'down':
      return t('state.down', 'down');
    case 'stale':
      return t('state.stale', 'stale');
    case 'unknown':
      return t('state.unknown', 'unknown');
    case 'partial':
      return t('state.partial', 'partial');
  }
}

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

/**
 * The order the summary and the group headers count states in: problems first, as the default sort
 * has them, so that a narrow panel cuts the count of UP targets, never the DOWN one ("problems
 * first" in PortStatusPanel.test.tsx).
 */
export const COUNTED_STATES: readonly TargetState[] = ['down', 'unknown', 'stale', 'partial', 'up'];

/** "12 targets", as the summary and the group headers say it. */
export function targetCountText(count: number): string {
  return t('summary.total', '', {
    count,
    defaultValue_one: '{{count, number}} target',
    defaultValue_other: '{{count, number}} targets',
  });
}

/** "3 down": a state's count, as the summary and the group headers say it. */
export function stateCountText(state: TargetState, count: number): string {
  return t('summary.state-count', '{{n, number}} {{state}}', { n: count, state: stateWord(state) });
}
