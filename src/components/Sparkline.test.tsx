import { render } from '@testing-library/react';
import React from 'react';

import { SampleRun } from '../data/types';
import { Sparkline } from './Sparkline';

const RUN: SampleRun = { times: [0, 25, 50, 75, 100], values: [0.1, 0.2, 0.1, 0.3, 0.2], start: 0, end: 5 };
const DOWN: Array<[number, number]> = [[50, 75]];

function props(
  overrides: Partial<React.ComponentProps<typeof Sparkline>> = {}
): React.ComponentProps<typeof Sparkline> {
  return {
    run: RUN,
    downRanges: DOWN,
    from: 0,
    to: 100,
    width: 100,
    height: 20,
    lineColor: 'green',
    downColor: 'red',
    ...overrides,
  };
}

/** Records the calls a 2D context receives, since jsdom has no canvas. */
function recordingContext() {
  return {
    calls: [] as string[],
    fills: [] as number[][],
    globalAlpha: 1,
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    lineJoin: '',
    lineCap: '',
    clearRect() {
      this.calls.push('clearRect');
    },
    fillRect(...args: number[]) {
      this.fills.push(args);
    },
    beginPath() {
      this.calls.push('beginPath');
    },
    moveTo() {
      this.calls.push('moveTo');
    },
    lineTo() {
      this.calls.push('lineTo');
    },
    stroke() {
      this.calls.push('stroke');
    },
  };
}

describe('Sparkline', () => {
  afterEach(() => jest.restoreAllMocks());

  it('renders a canvas of the given size when the browser gives no 2D context', () => {
    const { container } = render(<Sparkline {...props()} />);
    const canvas = container.querySelector('canvas');
    expect(canvas).toHaveStyle({ width: '100px', height: '20px' });
    expect(canvas).toHaveAttribute('aria-hidden', 'true');
  });

  it('marks each down range and draws the line', () => {
    const context = recordingContext();
    jest
      .spyOn(HTMLCanvasElement.prototype, 'getContext')
      .mockReturnValue(context as unknown as CanvasRenderingContext2D);
    render(<Sparkline {...props()} />);
    // Device pixel ratio 1: the range 50..75 of 0..100 covers x 50..75 of 100 px.
    expect(context.fills).toEqual([[50, 0, 25, 20]]);
    expect(context.calls.filter((call) => call === 'stroke')).toHaveLength(1);
    expect(context.calls.filter((call) => call === 'lineTo').length).toBeGreaterThanOrEqual(5);
  });

  it('redraws only when data, size or colours change', () => {
    const context = recordingContext();
    jest
      .spyOn(HTMLCanvasElement.prototype, 'getContext')
      .mockReturnValue(context as unknown as CanvasRenderingContext2D);
    const { rerender } = render(<Sparkline {...props()} />);
    const draws = () => context.calls.filter((call) => call === 'clearRect').length;
    expect(draws()).toBe(1);
    rerender(<Sparkline {...props()} />);
    expect(draws()).toBe(1);
    rerender(<Sparkline {...props({ lineColor: 'blue' })} />);
    expect(draws()).toBe(2);
    rerender(<Sparkline {...props({ lineColor: 'blue', width: 50 })} />);
    expect(draws()).toBe(3);
  });
});
