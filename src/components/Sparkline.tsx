import { css } from '@emotion/css';
import React, { memo, useEffect, useRef } from 'react';
import { useStyles2 } from '@grafana/ui';

import { SampleRun } from '../data/types';
import { downsampleRun } from './downsampleRun';

interface Props {
  run: SampleRun;
  downRanges: Array<[number, number]>;
  from: number;
  to: number;
  width: number;
  height: number;
  lineColor: string;
  downColor: string;
  /** Scale bounds from the field config; the data's own maximum when unset. */
  min?: number;
  max?: number;
}

/** Browsers refuse very large canvases; a sparkline never needs more. */
const MAX_CANVAS_PIXELS = 4096;
const DOWN_FILL_ALPHA = 0.25;

/**
 * Drawn on a canvas of our own rather than with @grafana/ui's Sparkline: that one is a uPlot
 * instance per tile, far too heavy for thousands of tiles on screen and in memory.
 */
export const Sparkline = memo(function Sparkline(props: Props) {
  const { run, downRanges, from, to, width, height, lineColor, downColor, min, max } = props;
  const styles = useStyles2(getStyles);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const ratio = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  const pixelWidth = Math.min(MAX_CANVAS_PIXELS, Math.max(0, Math.round(width * ratio)));
  const pixelHeight = Math.min(MAX_CANVAS_PIXELS, Math.max(0, Math.round(height * ratio)));

  useEffect(() => {
    const context = canvasRef.current?.getContext('2d');
    // Without a 2D context (jsdom, a lost context) there is nothing to draw on.
    if (!context) {
      return;
    }
    context.clearRect(0, 0, pixelWidth, pixelHeight);
    if (pixelWidth === 0 || pixelHeight === 0 || !(to > from)) {
      return;
    }
    const xOf = (time: number) => ((time - from) / (to - from)) * pixelWidth;

    context.globalAlpha = DOWN_FILL_ALPHA;
    context.fillStyle = downColor;
    for (const [start, end] of downRanges) {
      const x0 = Math.max(0, xOf(start));
      const x1 = Math.min(pixelWidth, xOf(end));
      if (x1 >= x0) {
        context.fillRect(x0, 0, Math.max(ratio, x1 - x0), pixelHeight);
      }
    }
    context.globalAlpha = 1;

    const columns = downsampleRun(run, from, to, pixelWidth);
    let top = max;
    if (top === undefined) {
      top = 0;
      for (const value of columns.max) {
        if (value > top) {
          top = value;
        }
      }
    }
    const bottom = min ?? 0;
    const range = top > bottom ? top - bottom : 1;
    const inset = ratio;
    const yOf = (value: number) =>
      inset + (1 - (Math.min(Math.max(value, bottom), top) - bottom) / range) * (pixelHeight - 2 * inset);

    context.strokeStyle = lineColor;
    context.lineWidth = ratio;
    context.lineJoin = 'round';
    // Round caps keep a lone sample between gaps visible as a dot.
    context.lineCap = 'round';
    context.beginPath();
    let drawing = false;
    for (let x = 0; x < columns.min.length; x++) {
      const low = columns.min[x];
      if (Number.isNaN(low)) {
        continue;
      }
      const high = columns.max[x];
      if (drawing && !columns.breakBefore[x]) {
        context.lineTo(x + 0.5, yOf(high));
      } else {
        context.moveTo(x + 0.5, yOf(high));
      }
      context.lineTo(x + 0.5, yOf(low));
      drawing = true;
    }
    context.stroke();
  }, [run, downRanges, from, to, pixelWidth, pixelHeight, ratio, lineColor, downColor, min, max]);

  return (
    <canvas
      ref={canvasRef}
      className={styles.canvas}
      width={pixelWidth}
      height={pixelHeight}
      style={{ width, height }}
      aria-hidden
    />
  );
});

const getStyles = () => ({
  canvas: css({
    display: 'block',
  }),
});
