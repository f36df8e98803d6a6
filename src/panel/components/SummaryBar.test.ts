import { colorManipulator, createTheme } from '@grafana/data';

import { pressedRingColor } from './SummaryBar';

// WCAG 1.4.11: what shows that a filter is on must stand out from the panel by 3:1.
describe('the summary bar', () => {
  it.each(['dark', 'light'] as const)('marks a pressed filter with a ring visible on the %s panel', (mode) => {
    const theme = createTheme({ colors: { mode } });
    const panel = theme.colors.background.primary;
    // A translucent ring is seen blended over the panel (the third argument).
    expect(colorManipulator.getContrastRatio(panel, pressedRingColor(theme), panel)).toBeGreaterThanOrEqual(3);
  });
});
