import { css } from '@emotion/css';
import React, { memo, useMemo } from 'react';
import { useStyles2 } from '@grafana/ui';

import { TEST_IDS } from '../constants';
import { SPARKLINE_SCALE, SparklineInput, sparklineShape } from '../layout/sparklineShape';

interface Props extends SparklineInput {
  lineColor: string;
  downColor: string;
}

const DOWN_FILL_OPACITY = 0.25;

/**
 * Drawn as one small SVG path of our own rather than with @grafana/ui's Sparkline: that one is a
 * uPlot instance per tile, far too heavy for thousands of tiles on screen and in memory. A path
 * is rasterised off the main thread and needs no per-tile drawing surface, unlike a canvas. The
 * browser bench's mounts against a Stat-panel baseline (bench/run.mjs) weigh the choice.
 */
export const Sparkline = memo(function Sparkline(props: Props) {
  const { run, downRanges, from, to, width, height, lineColor, downColor, min, max } = props;
  const styles = useStyles2(getStyles);
  const shape = useMemo(
    () => sparklineShape({ run, downRanges, from, to, width, height, min, max }),
    [run, downRanges, from, to, width, height, min, max]
  );
  const drawnWidth = Math.max(0, Math.floor(width));
  const drawnHeight = Math.max(0, height);

  return (
    <svg
      className={styles.svg}
      width={drawnWidth}
      height={drawnHeight}
      viewBox={`0 0 ${drawnWidth * SPARKLINE_SCALE} ${drawnHeight * SPARKLINE_SCALE}`}
      aria-hidden
      data-testid={TEST_IDS.sparkline}
    >
      {shape.down !== '' && <path d={shape.down} fill={downColor} fillOpacity={DOWN_FILL_OPACITY} />}
      {shape.line !== '' && (
        <path
          d={shape.line}
          fill="none"
          stroke={lineColor}
          strokeWidth={SPARKLINE_SCALE}
          strokeLinejoin="round"
          strokeLinecap="round"
        />
      )}
    </svg>
  );
});

export const getStyles = () => ({
  svg: css({
    display: 'block',
    flexShrink: 0,
    overflow: 'hidden',
  }),
});
