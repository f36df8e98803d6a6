import { config } from '@grafana/runtime';
import { getScrollbarWidth } from '@grafana/ui';

import { getStyles as gridStyles } from './components/TileGrid';
import { getStyles as groupStyles } from './components/GroupHeader';
import { getStyles as panelStyles } from './components/PortStatusPanel';
import { getStyles as sparklineStyles } from './components/Sparkline';
import { spanText } from './components/spanText';
import { stateWord } from './components/stateLooks';
import { getStyles as iconStyles } from './components/StateIcon';
import { getStyles as tileStyles } from './components/StatusTile';
import { getStyles as summaryStyles } from './components/SummaryBar';
import { getStyles as controlsStyles } from './components/ViewControls';

/**
 * What the first render would otherwise do once, done when the module loads, which in Grafana is
 * while the dashboard's queries are still out: the panel's style rules go into the page (Emotion
 * keeps them; the render then only finds them there), the user's language's duration format is
 * made, the state words are translated (i18next's code compiled, the words remembered by t.ts), and
 * the scrollbar is measured (a forced layout). `npm run bench -- --floor-only` measures
 * first paint with it.
 */
export function warmUp(): void {
  const theme = config.theme2;
  if (theme) {
    for (const getStyles of [tileStyles, gridStyles, panelStyles, summaryStyles, controlsStyles, groupStyles]) {
      getStyles(theme);
    }
    for (const getStyles of [iconStyles, sparklineStyles]) {
      getStyles();
    }
  }
  getScrollbarWidth();
  // Zero first: @grafana/i18n keeps one duration format, and tiles need the one for spans over zero.
  spanText(0);
  spanText(61_000);
  for (const state of ['up', 'down', 'stale', 'unknown', 'partial'] as const) {
    stateWord(state);
  }
}
