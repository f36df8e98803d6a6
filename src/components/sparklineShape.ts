import { SampleRun } from '../data/types';
import { downsampleRun } from './downsampleRun';

export interface SparklineShape {
  /** An SVG path in the sparkline's own pixels: one vertical stroke per pixel column, joined where samples are continuous. */
  line: string;
  /** The down ranges as pixel spans, at least one pixel wide. */
  down: Array<{ x: number; width: number }>;
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

const EMPTY: SparklineShape = { line: '', down: [] };

/** Keeps the path short: a tenth of a pixel is finer than any screen draws a 1 px line. */
function tenth(value: number): number {
  return Math.round(value * 10) / 10;
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
  const down: SparklineShape['down'] = [];
  for (const [start, end] of downRanges) {
    const x0 = Math.max(0, xOf(start));
    const x1 = Math.min(columnsWide, xOf(end));
    if (x1 >= x0) {
      down.push({ x: tenth(x0), width: tenth(Math.max(1, x1 - x0)) });
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
    tenth(inset + (1 - (Math.min(Math.max(value, bottom), top) - bottom) / range) * (height - 2 * inset));

  let line = '';
  let drawing = false;
  for (let x = 0; x < columns.min.length; x++) {
    const low = columns.min[x];
    if (Number.isNaN(low)) {
      continue;
    }
    const center = x + 0.5;
    // A lone sample between gaps still gets its zero-length stroke, which the round cap draws as a dot.
    line += `${drawing && !columns.breakBefore[x] ? 'L' : 'M'}${center} ${yOf(columns.max[x])}L${center} ${yOf(low)}`;
    drawing = true;
  }
  return { line, down };
}
