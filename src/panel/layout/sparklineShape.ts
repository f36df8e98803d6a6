import { SampleRun } from '../data/types';
import { downsampleRun } from './downsampleRun';

/**
 * Geometry units per pixel. Coordinates are whole tenths of a pixel, finer than any screen draws a
 * 1 px line: integers make short path text without formatting fractions, for a path per tile in
 * view. sparklineShape.test.ts reads every coordinate as a whole number and fails on a fraction.
 */
export const SPARKLINE_SCALE = 10;

export interface SparklineShape {
  /**
   * An SVG path in SPARKLINE_SCALE units of the sparkline's pixels: a point per pixel column with
   * samples, a vertical stroke where the column's samples differ, joined where samples are continuous.
   */
  line: string;
  /**
   * The down ranges as one SVG path of full-height rectangles in the same units, each at least one
   * pixel wide: one element however often the target went down, not one per range.
   */
  down: string;
}

export interface SparklineInput {
  run: SampleRun;
  downRanges: Array<[number, number]>;
  from: number;
  to: number;
  width: number;
  height: number;
  /** Scale bounds from the field config; zero and the data's own maximum when unset. */
  min?: number;
  max?: number;
}

const EMPTY: SparklineShape = { line: '', down: '' };

function scaled(pixels: number): number {
  return Math.round(pixels * SPARKLINE_SCALE);
}

/**
 * The sparkline as SVG geometry: the samples reduced to min and max per pixel column (so a long
 * range costs one stroke per pixel and spikes survive), scaled into `height` with a pixel of
 * room for the line's width at the top and bottom.
 */
export function sparklineShape({ run, downRanges, from, to, width, height, min, max }: SparklineInput): SparklineShape {
  const columnsWide = Math.floor(width);
  if (columnsWide <= 0 || height <= 0 || !(to > from)) {
    return EMPTY;
  }
  const xOf = (time: number) => ((time - from) / (to - from)) * columnsWide;
  const fullHeight = scaled(height);
  let down = '';
  for (const [start, end] of downRanges) {
    const x0 = Math.max(0, xOf(start));
    const x1 = Math.min(columnsWide, xOf(end));
    if (x1 >= x0) {
      const spanWidth = scaled(Math.max(1, x1 - x0));
      down += `M${scaled(x0)} 0h${spanWidth}v${fullHeight}h${-spanWidth}z`;
    }
  }

  const columns = downsampleRun(run, from, to, columnsWide);
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
  const inset = 1;
  const yOf = (value: number) =>
    scaled(inset + (1 - (Math.min(Math.max(value, bottom), top) - bottom) / range) * (height - 2 * inset));

  let line = '';
  let drawing = false;
  for (let x = 0; x < columns.min.length; x++) {
    const low = columns.min[x];
    if (Number.isNaN(low)) {
      continue;
    }
    const center = x * SPARKLINE_SCALE + SPARKLINE_SCALE / 2;
    const yHigh = yOf(columns.max[x]);
    const yLow = yOf(low);
    const joined = drawing && !columns.breakBefore[x];
    line += `${joined ? 'L' : 'M'}${center} ${yHigh}`;
    // A stroke's first point gets a zero-length segment, which the round cap draws as a dot when it stays alone.
    if (!joined || yLow !== yHigh) {
      line += `L${center} ${yLow}`;
    }
    drawing = true;
  }
  return { line, down };
}
