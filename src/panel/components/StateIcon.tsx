import { css } from '@emotion/css';
import type { CSSObject } from '@emotion/css/create-instance';
import React, { memo } from 'react';
import { useStyles2 } from '@grafana/ui';

import { TargetState } from '../data/types';

/**
 * The Unicons paths that @grafana/ui's `Icon` draws for check-circle (up), times-circle (down),
 * clock-nine (stale), question-circle (unknown), adjust-circle (partial), exchange-alt
 * (flapping) and bell (a pending alert; a firing one is the same bell filled in). `Icon` fetches its SVG and parses it per instance (react-inlinesvg); a panel that
 * shows hundreds of tiles at once draws these few shapes directly instead, the same picture.
 */
export type IconName = TargetState | 'flapping' | 'bell' | 'bell-filled';

const PATHS: Record<IconName, string> = {
  up: 'M14.72,8.79l-4.29,4.3L8.78,11.44a1,1,0,1,0-1.41,1.41l2.35,2.36a1,1,0,0,0,.71.29,1,1,0,0,0,.7-.29l5-5a1,1,0,0,0,0-1.42A1,1,0,0,0,14.72,8.79ZM12,2A10,10,0,1,0,22,12,10,10,0,0,0,12,2Zm0,18a8,8,0,1,1,8-8A8,8,0,0,1,12,20Z',
  down: 'M15.71,8.29a1,1,0,0,0-1.42,0L12,10.59,9.71,8.29A1,1,0,0,0,8.29,9.71L10.59,12l-2.3,2.29a1,1,0,0,0,0,1.42,1,1,0,0,0,1.42,0L12,13.41l2.29,2.3a1,1,0,0,0,1.42,0,1,1,0,0,0,0-1.42L13.41,12l2.3-2.29A1,1,0,0,0,15.71,8.29Zm3.36-3.36A10,10,0,1,0,4.93,19.07,10,10,0,1,0,19.07,4.93ZM17.66,17.66A8,8,0,1,1,20,12,7.95,7.95,0,0,1,17.66,17.66Z',
  stale:
    'M12,6a.99974.99974,0,0,0-1,1v4H9a1,1,0,0,0,0,2h3a.99974.99974,0,0,0,1-1V7A.99974.99974,0,0,0,12,6Zm0-4A10,10,0,1,0,22,12,10.01146,10.01146,0,0,0,12,2Zm0,18a8,8,0,1,1,8-8A8.00917,8.00917,0,0,1,12,20Z',
  unknown:
    'M11.29,15.29a1.58,1.58,0,0,0-.12.15.76.76,0,0,0-.09.18.64.64,0,0,0-.06.18,1.36,1.36,0,0,0,0,.2.84.84,0,0,0,.08.38.9.9,0,0,0,.54.54.94.94,0,0,0,.76,0,.9.9,0,0,0,.54-.54A1,1,0,0,0,13,16a1,1,0,0,0-.29-.71A1,1,0,0,0,11.29,15.29ZM12,2A10,10,0,1,0,22,12,10,10,0,0,0,12,2Zm0,18a8,8,0,1,1,8-8A8,8,0,0,1,12,20ZM12,7A3,3,0,0,0,9.4,8.5a1,1,0,1,0,1.73,1A1,1,0,0,1,12,9a1,1,0,0,1,0,2,1,1,0,0,0-1,1v1a1,1,0,0,0,2,0v-.18A3,3,0,0,0,12,7Z',
  partial:
    'M17,7A7.74,7.74,0,1,0,7,17,7.74,7.74,0,1,0,17,7Zm-1.6,1.6a6.12,6.12,0,0,1,.11,1.14,5.92,5.92,0,0,1-.16,1.34L12.91,8.66a5.92,5.92,0,0,1,1.34-.16A6.12,6.12,0,0,1,15.39,8.61ZM14.46,13A6,6,0,0,1,13,14.46L9.54,11A6,6,0,0,1,11,9.54Zm-8,1.46a5.75,5.75,0,1,1,8-8h-.25A7.76,7.76,0,0,0,6.5,14.25C6.5,14.33,6.51,14.42,6.51,14.5Zm2.1.89a6.12,6.12,0,0,1-.11-1.14,5.92,5.92,0,0,1,.16-1.34l2.43,2.43a5.92,5.92,0,0,1-1.34.16A6.12,6.12,0,0,1,8.61,15.39ZM14.25,20A5.77,5.77,0,0,1,9.5,17.49h.25A7.76,7.76,0,0,0,17.5,9.75c0-.08,0-.17,0-.25A5.75,5.75,0,0,1,14.25,20Z',
  bell: 'M18,13.18V10a6,6,0,0,0-5-5.91V3a1,1,0,0,0-2,0V4.09A6,6,0,0,0,6,10v3.18A3,3,0,0,0,4,16v2a1,1,0,0,0,1,1H8.14a4,4,0,0,0,7.72,0H19a1,1,0,0,0,1-1V16A3,3,0,0,0,18,13.18ZM8,10a4,4,0,0,1,8,0v3H8Zm4,10a2,2,0,0,1-1.72-1h3.44A2,2,0,0,1,12,20Zm6-3H6V16a1,1,0,0,1,1-1H17a1,1,0,0,1,1,1Z',
  'bell-filled':
    'M12,2a1,1,0,0,0-1,1V4.09A6,6,0,0,0,6,10v3.18A3,3,0,0,0,4,16v2a1,1,0,0,0,1,1H8.14a4,4,0,0,0,7.72,0H19a1,1,0,0,0,1-1V16a3,3,0,0,0-2-2.82V10a6,6,0,0,0-5-5.91V3A1,1,0,0,0,12,2Z',
  flapping:
    'M21.71,9.29l-4-4a1,1,0,0,0-1.42,1.42L18.59,9H7a1,1,0,0,0,0,2H21a1,1,0,0,0,.92-.62A1,1,0,0,0,21.71,9.29ZM17,13H3a1,1,0,0,0-.92.62,1,1,0,0,0,.21,1.09l4,4a1,1,0,0,0,1.42,0,1,1,0,0,0,0-1.42L5.41,15H17a1,1,0,0,0,0-2Z',
};

/** @grafana/ui's icon sizes, in px. */
export const ICON_SIZES = { sm: 14, md: 16 } as const;

interface Props {
  /** A target state's icon, the flapping mark or an alert's bell. */
  icon: IconName;
  size?: keyof typeof ICON_SIZES;
  className?: string;
}

/**
 * The icon as a box's styles (size, colour, mask): the same picture as one element rather than an
 * SVG with a path (and a title), or, with `content`, as a pseudo-element with no element at all;
 * for the hundreds of tiles a grid shows at once.
 */
export function iconMaskStyles(icon: IconName, color: string, size: keyof typeof ICON_SIZES = 'md'): CSSObject {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="${PATHS[icon]}"/></svg>`;
  const image = `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
  return {
    display: 'inline-block',
    flexShrink: 0,
    width: ICON_SIZES[size],
    height: ICON_SIZES[size],
    backgroundColor: color,
    maskImage: image,
    maskRepeat: 'no-repeat',
    maskSize: '100% 100%',
    WebkitMaskImage: image,
    WebkitMaskRepeat: 'no-repeat',
    WebkitMaskSize: '100% 100%',
    // Forced colours replace every background with the page's, which would leave the mask's shape
    // blank: the icon keeps a colour of its own there, the text's. Guarded by "forced colours" in
    // tests/e2e/panel-ui.test.ts.
    [FORCED_COLORS]: { forcedColorAdjust: 'none', backgroundColor: 'CanvasText' },
  };
}

/** The media query of Windows' high-contrast themes and other forced colour schemes. */
export const FORCED_COLORS = '@media (forced-colors: active)';

/**
 * Drawn like @grafana/ui's `Icon`: inline, the text's colour, 16 px unless small. Decoration beside
 * the words that say the same, so hidden from assistive technology.
 */
export const StateIcon = memo(function StateIcon({ icon, size = 'md', className }: Props) {
  const styles = useStyles2(getStyles);
  const px = ICON_SIZES[size];
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 24 24"
      width={px}
      height={px}
      // Joined, not merged with cx: merging two emotion classes serialises a new one on every render.
      className={className ? `${styles.icon} ${className}` : styles.icon}
      aria-hidden
      data-icon={icon}
    >
      <path d={PATHS[icon]} />
    </svg>
  );
});

export const getStyles = () => ({
  icon: css({
    display: 'inline-block',
    fill: 'currentColor',
    flexShrink: 0,
    verticalAlign: 'middle',
    // Forced colours leave an SVG's fill alone, so a state's theme colour (a pale grey for unknown)
    // would stay on the scheme's background: the icon takes the text's colour there, as the tiles'
    // marks do. Guarded by "forced colours" in tests/e2e/panel-ui.test.ts.
    [FORCED_COLORS]: { fill: 'CanvasText' },
  }),
});
