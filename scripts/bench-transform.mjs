// Times the data layer on synthetic range-query frames: buildModel, then arrangeTiles, for 1,000
// and 10,000 targets (one probe_success and one probe_duration_seconds frame each, 360 points), and
// arrangeTiles once more as a refresh does, with the order of names the run before left (SortHint);
// then buildModel for 60,000 series under one key (key labels `job`: 30,000 status and 30,000
// prober series, some probers down), where joining labels and probers must stay linear; then
// scanSeries against a loop that only reads the samples, on arrays of the element kinds Grafana's
// frames mix (see "Reading samples" in src/panel/data/scanSeries.ts).
// It runs the TypeScript source itself, bundled by esbuild; it prints figures and checks nothing.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const POINTS = 360;
const SIZES = [
  { targets: 1_000, warmups: 2, runs: 9 },
  { targets: 10_000, warmups: 1, runs: 5 },
];

async function loadDataLayer() {
  // Inside node_modules so that the bundle's require('@grafana/data') finds the installed package.
  const cacheDir = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cacheDir, { recursive: true });
  const dir = mkdtempSync(join(cacheDir, 'bench-transform-'));
  try {
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      [
        `export { buildModel } from ${JSON.stringify(join(ROOT, 'src/panel/data/buildModel'))};`,
        `export { arrangeTiles } from ${JSON.stringify(join(ROOT, 'src/panel/data/arrangeTiles'))};`,
        `export { scanSeries } from ${JSON.stringify(join(ROOT, 'src/panel/data/scanSeries'))};`,
        `export { rangeFrames, NOW, RANGE, STEP } from ${JSON.stringify(join(ROOT, 'src/panel/test-utils/testFixtures'))};`,
        `export { defaultOptions } from ${JSON.stringify(join(ROOT, 'src/panel/options/defaultOptions'))};`,
      ].join('\n')
    );
    const outfile = join(dir, 'data-layer.cjs');
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['@grafana/data'],
      logLevel: 'error',
    });
    // The CommonJS build of @grafana/data registers a storage listener on `window` when loaded.
    globalThis.window ??= globalThis;
    globalThis.addEventListener ??= () => {};
    return createRequire(import.meta.url)(outfile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A mix like a real fleet: most targets up, some down, flapping or gone quiet; durations vary. */
function specs(count, { NOW, STEP }) {
  const status = [];
  const duration = [];
  for (let i = 0; i < count; i++) {
    const labels = { instance: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}:443`, job: 'blackbox' };
    const statusValues = new Array(POINTS);
    const durationValues = new Array(POINTS);
    const endsEarly = i % 211 === 0;
    for (let k = 0; k < POINTS; k++) {
      const gone = endsEarly && k >= POINTS - 30;
      const down = i % 50 === 0 && k >= POINTS - 20;
      const flapping = i % 97 === 0 && Math.floor(k / 10) % 2 === 1;
      statusValues[k] = gone ? undefined : down || flapping ? 0 : 1;
      durationValues[k] = gone ? undefined : 0.05 + ((i * 7919 + k * 104_729) % 1000) / 5000;
    }
    const times = Array.from({ length: POINTS }, (_, k) => NOW - (POINTS - 1 - k) * STEP);
    status.push({ labels, values: statusValues, times });
    duration.push({ labels, values: durationValues, times });
  }
  return { status, duration };
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

function cell({ median, min, max }) {
  return `${median.toFixed(1)} (${min.toFixed(1)}-${max.toFixed(1)})`;
}

const layer = await loadDataLayer();
const { buildModel, arrangeTiles, scanSeries, rangeFrames, defaultOptions, NOW, RANGE, STEP } = layer;
const arrange = { text: '', states: [], sortBy: 'problems', groupBy: '' };

const rows = [];
for (const size of SIZES) {
  const { status, duration } = specs(size.targets, { NOW, STEP });
  const frames = [
    ...rangeFrames(status, { metric: 'probe_success', refId: 'A' }),
    ...rangeFrames(duration, { metric: 'probe_duration_seconds', refId: 'B' }),
  ];
  const build = [];
  const arranged = [];
  const rearranged = [];
  // Kept from one run to the next, as the panel keeps it from one refresh to the next (SortHint).
  const hint = {};
  const total = [];
  const cpu = [];
  let tiles = 0;
  for (let run = 0; run < size.warmups + size.runs; run++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const model = buildModel(frames, defaultOptions, RANGE);
    const t1 = performance.now();
    arrangeTiles(model.tiles, arrange);
    const t2 = performance.now();
    const { user, system } = process.cpuUsage(cpu0);
    const t3 = performance.now();
    arrangeTiles(model.tiles, arrange, hint);
    const t4 = performance.now();
    tiles = model.tiles.length;
    if (run >= size.warmups) {
      build.push(t1 - t0);
      arranged.push(t2 - t1);
      rearranged.push(t4 - t3);
      total.push(t2 - t0);
      cpu.push((user + system) / 1000);
    }
  }
  rows.push([
    size.targets.toLocaleString('en'),
    frames.length.toLocaleString('en'),
    (frames.length * POINTS).toLocaleString('en'),
    String(size.runs),
    cell(stats(build)),
    cell(stats(arranged)),
    cell(stats(rearranged)),
    cell(stats(total)),
    cell(stats(cpu)),
  ]);
  if (tiles !== size.targets) {
    console.warn(`expected ${size.targets} tiles, got ${tiles}`);
  }
}

const header = [
  'targets',
  'frames',
  'samples',
  'runs',
  'buildModel ms',
  'arrangeTiles ms',
  'on refresh ms',
  'total ms',
  'total CPU ms',
];
const widths = header.map((title, c) => Math.max(title.length, ...rows.map((row) => row[c].length)));
const line = (cells) => cells.map((text, c) => text.padStart(widths[c])).join('  ');
console.log(
  `Node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}; ` +
    'median (min-max) of wall time over the runs after warm-up; CPU time includes garbage collection threads.'
);
console.log(line(header));
console.log(line(widths.map((width) => '-'.repeat(width))));
rows.forEach((row) => console.log(line(row)));

/** One job of many targets: every status and prober series shares the key when the key is `job`. */
function oneKeyFrames(count) {
  const status = [];
  const prober = [];
  for (let i = 0; i < count; i++) {
    const labels = { instance: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}:443`, job: 'blackbox' };
    const down = i % 10 === 0;
    status.push({ labels, values: down ? [1, 1, undefined] : [1, 1, i % 7 === 0 ? 0 : 1] });
    prober.push({ labels, values: [1, 1, down ? 0 : 1] });
  }
  return [
    ...rangeFrames(status, { metric: 'probe_success', refId: 'A' }),
    ...rangeFrames(prober, { metric: 'up', refId: 'C' }),
  ];
}

const oneKey = oneKeyFrames(30_000);
const oneKeyOptions = { ...defaultOptions, keyLabels: 'job' };
const oneKeyTimes = [];
let oneKeyTile;
for (let run = 0; run < 4; run++) {
  const t0 = performance.now();
  oneKeyTile = buildModel(oneKey, oneKeyOptions, RANGE).tiles[0];
  if (run > 0) {
    oneKeyTimes.push(performance.now() - t0);
  }
}
console.log(
  `\n${oneKey.length.toLocaleString('en')} series under one key (job): buildModel ms ${cell(stats(oneKeyTimes))}; ` +
    `the tile: ${oneKeyTile.state}, ${oneKeyTile.upCount.toLocaleString('en')} of ` +
    `${oneKeyTile.seriesCount.toLocaleString('en')} probes up`
);

/**
 * Status runs whose arrays come in the element kinds Grafana's frames mix: with and without holes,
 * whole and fractional numbers.
 */
function mixedRuns(count) {
  const runs = [];
  for (let i = 0; i < count; i++) {
    const variant = i % 4;
    const times = variant === 1 || variant === 3 ? new Array(POINTS) : [];
    const values = variant >= 2 ? new Array(POINTS) : [];
    for (let k = 0; k < POINTS; k++) {
      times[k] = NOW - (POINTS - 1 - k) * STEP;
      // 0.5 makes the array hold fractional numbers; the scan counts it as neither up nor down.
      values[k] = variant === 2 && k === 0 ? 0.5 : (i + k) % 9 === 0 ? 0 : 1;
    }
    runs.push({ refId: 'A', fieldName: 'probe_success', labels: {}, field: {}, times, values, start: 0, end: POINTS });
  }
  return runs;
}

/** The least a scan does: every sample's time and value checked and read, the ups counted. */
function readOnly(run) {
  let ones = 0;
  let last = NaN;
  for (let k = run.start; k < run.end; k++) {
    const rawTime = run.times[k];
    const rawValue = run.values[k];
    if (typeof rawTime !== 'number' || typeof rawValue !== 'number') {
      continue;
    }
    last = +rawTime;
    ones += +rawValue === 1 ? 1 : 0;
  }
  return ones + last;
}

const mixed = mixedRuns(20_000);
const scanTimes = { scan: [], floor: [] };
for (let run = 0; run < 12; run++) {
  for (const kind of run % 2 ? ['scan', 'floor'] : ['floor', 'scan']) {
    const t0 = performance.now();
    for (const item of mixed) {
      kind === 'scan' ? scanSeries(item, 2 * STEP, true) : readOnly(item);
    }
    if (run >= 2) {
      scanTimes[kind].push(performance.now() - t0);
    }
  }
}
const scanned = stats(scanTimes.scan);
const floor = stats(scanTimes.floor);
console.log(
  `\n20,000 status runs of ${POINTS} samples in mixed element kinds, ms: scanSeries ${cell(scanned)}, ` +
    `reading alone ${cell(floor)}; scanSeries / reading ${(scanned.median / floor.median).toFixed(2)}`
);
