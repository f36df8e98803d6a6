import { SPARKLINE_SCALE } from '../layout/sparklineShape';

/** The path's points as [command, x, y], in pixels. */
export function points(line: string): Array<[string, number, number]> {
  return [...line.matchAll(/([ML])(\d+) (\d+)/g)].map((m) => [
    m[1],
    Number(m[2]) / SPARKLINE_SCALE,
    Number(m[3]) / SPARKLINE_SCALE,
  ]);
}

/** The down path's rectangles as [x, width, height], in pixels; fails on anything but closed rectangles from the top. */
export function spans(down: string): Array<[number, number, number]> {
  const rectangle = /M(\d+) 0h(\d+)v(\d+)h-(\d+)z/g;
  expect(down.replace(rectangle, '')).toBe('');
  return [...down.matchAll(rectangle)].map((m) => {
    expect(m[4]).toBe(m[2]);
    return [Number(m[1]) / SPARKLINE_SCALE, Number(m[2]) / SPARKLINE_SCALE, Number(m[3]) / SPARKLINE_SCALE];
  });
}
