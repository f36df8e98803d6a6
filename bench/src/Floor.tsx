/**
 * The floor of the first-paint and refresh comparison (issue #21): the least a page has to do to show
 * what the Port Status panel shows at first sight. One pass over the frames pairs each target's status
 * and duration frame and reads its newest status; then only the tiles in view are written as plain DOM,
 * each with the name, the state word, a 60-point SVG polyline of the durations and the newest duration.
 * No React below the host's panel slot, no CSS-in-JS, no per-tile components: one static stylesheet.
 *
 * The tiles are sized like the panel's default medium tiles (min 160 px wide, 112 px high, 8 px gaps:
 * src/panel/layout/gridLayout.ts), problems first as the panel's default sort, in a scrolling box as tall
 * as all rows, so the picture and the visible tile count match the panel's. A refresh writes the new
 * values into the tiles already there. Measured by `npm run bench` (the "floor" rows).
 */
import React, { useLayoutEffect, useRef } from 'react';

import { DataFrame, Field, FieldType, PanelProps } from '@grafana/data';

const MIN_TILE_WIDTH = 160;
const TILE_HEIGHT = 112;
const GAP = 8;
const SPARK_HEIGHT = 28;

const STYLE_ID = 'bench-floor-style';
const STYLES = `
.bf-grid{position:relative;overflow-y:auto;width:100%;height:100%}
.bf-tile{position:absolute;top:0;left:0;box-sizing:border-box;height:${TILE_HEIGHT}px;padding:7px 8px;border:1px solid #2c3235;border-left:4px solid #73bf69;border-radius:2px;background:#181b1f;color:#ccccdc;font:12px/18px Inter,Helvetica,Arial,sans-serif;overflow:hidden}
.bf-tile.down{border-left-color:#f2495c}
.bf-name{height:20px;font-weight:500;font-size:14px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.bf-state{margin-top:4px;height:18px}
.bf-tile.down .bf-state{color:#f2495c}
.bf-spark{display:block;margin-top:4px}
.bf-spark polyline{fill:none;stroke:#5794f2;stroke-width:1}
.bf-dur{margin-top:4px;height:18px}
`;

interface Target {
  name: string;
  up: boolean;
  duration?: Field;
}

interface TileElements {
  tile: HTMLDivElement;
  name: Text;
  state: Text;
  line: SVGPolylineElement;
  duration: Text;
}

interface FloorState {
  grid: HTMLDivElement;
  spacer: HTMLDivElement;
  tiles: TileElements[];
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const states = new WeakMap<HTMLElement, FloorState>();

function valueField(frame: DataFrame): Field | undefined {
  return frame.fields.find((field) => field.type === FieldType.number);
}

/** The one pass: every frame's role, target and (for status) newest value; problems first. */
function collect(series: DataFrame[]): Target[] {
  const byKey = new Map<string, Target>();
  for (const frame of series) {
    const field = valueField(frame);
    if (!field) {
      continue;
    }
    const labels = field.labels ?? {};
    const key = `${labels.job}\u0000${labels.instance}`;
    let target = byKey.get(key);
    if (!target) {
      target = { name: labels.instance ?? field.config.displayNameFromDS ?? frame.name ?? '', up: false };
      byKey.set(key, target);
    }
    if (frame.refId === 'A') {
      const values = field.values;
      target.up = values.length > 0 && values[values.length - 1] === 1;
    } else if (frame.refId === 'B') {
      target.duration = field;
    }
  }
  const down: Target[] = [];
  const up: Target[] = [];
  for (const target of byKey.values()) {
    (target.up ? up : down).push(target);
  }
  return down.concat(up);
}

function newTile(grid: HTMLDivElement, width: number, sparkWidth: number): TileElements {
  const tile = document.createElement('div');
  tile.className = 'bf-tile';
  tile.style.width = `${width}px`;
  const nameBox = tile.appendChild(document.createElement('div'));
  nameBox.className = 'bf-name';
  const name = nameBox.appendChild(document.createTextNode(''));
  const stateBox = tile.appendChild(document.createElement('div'));
  stateBox.className = 'bf-state';
  const state = stateBox.appendChild(document.createTextNode(''));
  const svg = tile.appendChild(document.createElementNS(SVG_NS, 'svg'));
  svg.setAttribute('class', 'bf-spark');
  svg.setAttribute('width', String(sparkWidth));
  svg.setAttribute('height', String(SPARK_HEIGHT));
  const line = svg.appendChild(document.createElementNS(SVG_NS, 'polyline'));
  const durationBox = tile.appendChild(document.createElement('div'));
  durationBox.className = 'bf-dur';
  const duration = durationBox.appendChild(document.createTextNode(''));
  grid.appendChild(tile);
  return { tile, name, state, line, duration };
}

function points(field: Field | undefined, width: number): string {
  if (!field) {
    return '';
  }
  const values = field.values;
  const n = values.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v < min) {
      min = v;
    }
    if (v > max) {
      max = v;
    }
  }
  const span = max - min || 1;
  const dx = n > 1 ? width / (n - 1) : 0;
  let out = '';
  for (let i = 0; i < n; i++) {
    const y = SPARK_HEIGHT - 1 - ((values[i] - min) / span) * (SPARK_HEIGHT - 2);
    out += `${(i * dx).toFixed(1)},${y.toFixed(1)} `;
  }
  return out;
}

function durationText(field: Field | undefined): string {
  const values = field?.values;
  if (!values || values.length === 0) {
    return '';
  }
  const seconds = values[values.length - 1];
  return seconds >= 1 ? `${seconds.toFixed(2)} s` : `${(seconds * 1000).toFixed(1)} ms`;
}

/** Writes the tiles in view into `root`, creating the grid on the first call and reusing its tiles after. */
export function drawFloor(root: HTMLElement, series: DataFrame[], width: number, height: number): number {
  if (!document.getElementById(STYLE_ID)) {
    const style = document.createElement('style');
    style.id = STYLE_ID;
    style.textContent = STYLES;
    document.head.appendChild(style);
  }
  const targets = collect(series);
  const columns = Math.max(1, Math.floor((width + GAP) / (MIN_TILE_WIDTH + GAP)));
  const tileWidth = (width - (columns - 1) * GAP) / columns;
  const rows = Math.ceil(targets.length / columns);
  const visible = Math.min(targets.length, columns * Math.ceil((height + GAP) / (TILE_HEIGHT + GAP)));
  const sparkWidth = Math.max(0, Math.floor(tileWidth - 2 * GAP - 5));

  let state = states.get(root);
  if (!state) {
    const grid = document.createElement('div');
    grid.className = 'bf-grid';
    const spacer = grid.appendChild(document.createElement('div'));
    root.appendChild(grid);
    state = { grid, spacer, tiles: [] };
    states.set(root, state);
  }
  state.spacer.style.height = `${Math.max(0, rows * (TILE_HEIGHT + GAP) - GAP)}px`;
  for (let i = 0; i < visible; i++) {
    const target = targets[i];
    let tile = state.tiles[i];
    if (!tile) {
      tile = newTile(state.grid, tileWidth, sparkWidth);
      tile.tile.style.transform = `translate(${(i % columns) * (tileWidth + GAP)}px,${Math.floor(i / columns) * (TILE_HEIGHT + GAP)}px)`;
      state.tiles.push(tile);
    }
    tile.tile.className = target.up ? 'bf-tile' : 'bf-tile down';
    tile.name.data = target.name;
    tile.state.data = target.up ? 'Up' : 'Down';
    tile.line.setAttribute('points', points(target.duration, sparkWidth));
    tile.duration.data = durationText(target.duration);
  }
  while (state.tiles.length > visible) {
    state.tiles.pop()!.tile.remove();
  }
  return visible;
}

/** The floor in the host's panel slot: React only hands it the frames, as a dashboard hands a panel its props. */
export function Floor({ data, width, height }: PanelProps) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (ref.current) {
      drawFloor(ref.current, data.series, width, height);
    }
  }, [data, width, height]);
  return <div ref={ref} data-testid="bench-floor" style={{ width, height }} />;
}
