import { render } from '@testing-library/react';
import React from 'react';

import { TEST_IDS } from '../constants';
import { SampleRun } from '../data/types';
import { SPARKLINE_SCALE, SparklineInput, sparklineShape } from '../layout/sparklineShape';
import { spans } from '../test-utils/sparklinePaths';
import { Sparkline } from './Sparkline';

const RUN: SampleRun = { times: [0, 25, 50, 75, 100], values: [0.1, 0.2, 0.1, 0.3, 0.2], start: 0, end: 5 };
const DOWN: Array<[number, number]> = [[50, 75]];

function input(overrides: Partial<SparklineInput> = {}): SparklineInput {
  return { run: RUN, downRanges: DOWN, from: 0, to: 100, width: 100, height: 20, ...overrides };
}

describe('Sparkline', () => {
  it('draws the line and the down ranges in the given colours and size, hidden from assistive technology', () => {
    const { getByTestId } = render(
      <Sparkline
        run={RUN}
        downRanges={DOWN}
        from={0}
        to={100}
        width={100}
        height={20}
        lineColor="green"
        downColor="red"
      />
    );
    const svg = getByTestId(TEST_IDS.sparkline);
    expect(svg).toHaveAttribute('width', '100');
    expect(svg).toHaveAttribute('height', '20');
    expect(svg).toHaveAttribute('aria-hidden', 'true');
    expect(svg).toHaveAttribute('viewBox', `0 0 ${100 * SPARKLINE_SCALE} ${20 * SPARKLINE_SCALE}`);
    const [down, line, ...rest] = Array.from(svg.children);
    expect(rest).toEqual([]);
    // The down ranges lie under the line.
    expect(down.tagName).toBe('path');
    expect(down).toHaveAttribute('fill', 'red');
    expect(down.getAttribute('d')).toBe(sparklineShape(input()).down);
    expect(spans(down.getAttribute('d') ?? '')).toEqual([[50, 25, 20]]);
    expect(line).toHaveAttribute('stroke', 'green');
    expect(line).toHaveAttribute('fill', 'none');
    expect(line.getAttribute('d')).toBe(sparklineShape(input()).line);
  });

  it('leaves out the path when there is nothing to draw', () => {
    const { getByTestId } = render(
      <Sparkline run={RUN} downRanges={[]} from={0} to={100} width={0} height={20} lineColor="green" downColor="red" />
    );
    expect(getByTestId(TEST_IDS.sparkline).querySelector('path')).toBeNull();
  });
});
