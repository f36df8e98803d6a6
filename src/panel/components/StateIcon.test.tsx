import { render } from '@testing-library/react';
import { readFileSync } from 'fs';
import React from 'react';

import { iconMaskStyles, StateIcon } from './StateIcon';

const UNICONS = require.resolve('@grafana/ui/package.json').replace(/package\.json$/, 'dist/public/img/icons/unicons/');

function pathOf(iconName: string): string | undefined {
  return / d="([^"]+)"/.exec(readFileSync(`${UNICONS}${iconName}.svg`, 'utf8'))?.[1];
}

describe('StateIcon', () => {
  it.each([
    ['up', 'check-circle'],
    ['down', 'times-circle'],
    ['stale', 'clock-nine'],
    ['unknown', 'question-circle'],
    ['partial', 'adjust-circle'],
    ['flapping', 'exchange-alt'],
  ] as const)('draws %s as @grafana/ui draws the %s icon', (icon, iconName) => {
    const { container } = render(<StateIcon icon={icon} />);
    const svg = container.querySelector('svg');
    expect(svg?.querySelector('path')?.getAttribute('d')).toBe(pathOf(iconName));
    expect(svg).toHaveAttribute('viewBox', '0 0 24 24');
    expect(svg).toHaveAttribute('width', '16');
  });

  it('is decoration, small or not', () => {
    const { container } = render(<StateIcon icon="up" size="sm" />);
    expect(container.querySelector('svg')).toHaveAttribute('aria-hidden', 'true');
    expect(container.querySelector('svg')).toHaveAttribute('width', '14');
  });

  it('gives the same picture as a mask for a pseudo-element, in the given colour', () => {
    const styles = iconMaskStyles('down', 'red', 'sm');
    const { container } = render(<StateIcon icon="down" />);
    const path = container.querySelector('path')?.getAttribute('d') ?? '';
    expect(decodeURIComponent(String(styles.maskImage))).toContain(`d="${path}"`);
    expect(styles.WebkitMaskImage).toBe(styles.maskImage);
    expect(styles).toMatchObject({ display: 'inline-block', backgroundColor: 'red', width: 14, height: 14 });
  });
});
