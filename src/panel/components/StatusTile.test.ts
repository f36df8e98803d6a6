import { colorManipulator, createTheme } from '@grafana/data';

import { downTileBackground } from './StatusTile';

/** WCAG 2's relative luminance of an sRGB colour. */
function luminance([r, g, b]: number[]): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** A colour with alpha painted over an opaque one, channel by channel. */
function over(color: string, backdrop: string): number[] {
  const { values: top } = colorManipulator.decomposeColor(color);
  const { values: under } = colorManipulator.decomposeColor(backdrop);
  const alpha = top[3] ?? 1;
  return [0, 1, 2].map((i) => top[i] * alpha + under[i] * (1 - alpha));
}

function contrast(a: number[], b: number[]): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

describe.each(['light', 'dark'] as const)("a DOWN tile's words in the %s theme", (mode) => {
  const theme = createTheme({ colors: { mode } });
  // The tile's tint lies over the panel's background.
  const background = over(downTileBackground(theme), theme.colors.background.primary);

  it.each([
    ['the red of badges and alerts', theme.colors.error.text],
    ['the orange of an uptime under target', theme.colors.warning.text],
    ['the secondary text', theme.colors.text.secondary],
  ])('reach WCAG AA, 4.5:1, for %s', (_name, color) => {
    expect(contrast(over(color, downTileBackground(theme)), background)).toBeGreaterThanOrEqual(4.5);
  });
});
