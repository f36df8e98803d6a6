#!/usr/bin/env node
/**
 * Paired comparison of two builds of the panel (npm run bench:compare -- --base DIR).
 *
 * On a machine whose speed drifts from minute to minute, two benchmark runs taken apart differ by
 * more than most changes do. This opens one page per build in the same headless Chromium and mounts
 * the panel in each in turn (the order alternating), so both see the same moments of the machine,
 * and reports the median time to paint of each and the median of the paired differences.
 *
 *   node bench/compare.mjs --base OTHER/dist/panel [--with dist/panel] [--sizes 1000,10000] [--runs 15]
 *                          [--base-frames all|basic] [--with-frames all|basic] [--stat N]
 *
 * Build each version first (`npm run build`, then copy its dist/panel/ aside, or its dist/ before the
 * app came in 1.1.0). A benchmark, not a test.
 *
 * `--base-frames basic` gives the base build status and duration alone (queries A and B), as the
 * panel got them before it read the other blackbox metrics; `--stat 3` mounts Grafana's Stat panel
 * that many times per size as well and prints how many times faster each build painted, which is
 * how the bench states its ratio to the Stat baseline. So
 *
 *   node bench/compare.mjs --base OLD/dist --base-frames basic --stat 3
 *
 * weighs this build with every query answered against an older one with the queries it read.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

import { chromium } from 'playwright-core';

import { REPO_DIR } from '../preview/lib/hosts.mjs';
import { benchBuildIsStale, buildBench } from './build.mjs';
import { parseOptions } from './cli.mjs';
import { CHROMIUM, CHROMIUM_ARGS, openBenchPage, SEED } from './chromium.mjs';
import { startBenchServer } from './server.mjs';
import { stats } from './stats.mjs';

const WARMUP_MOUNTS = 2;

const { values: args } = parseOptions(
  {
    options: {
      base: { type: 'string' },
      with: { type: 'string', default: 'dist/panel' },
      sizes: { type: 'string', default: '1000,10000' },
      runs: { type: 'string', default: '15' },
      'base-frames': { type: 'string', default: 'all' },
      'with-frames': { type: 'string', default: 'all' },
      stat: { type: 'string', default: '0' },
    },
  },
  import.meta.url,
  'bench:compare'
);

function fail(message) {
  process.stderr.write(`bench:compare: ${message}\n`);
  process.exit(1);
}

function distDir(path) {
  const dir = isAbsolute(path) ? path : resolve(REPO_DIR, path);
  if (!existsSync(join(dir, 'module.js')) || !existsSync(join(dir, 'plugin.json'))) {
    fail(`${path} holds no built plugin (module.js and plugin.json); run npm run build there first`);
  }
  return dir;
}

if (!args.base) {
  fail('--base DIR is required: the dist/ of the build to compare against');
}
/** The dist/ folders of the two builds: base first, then the one compared with it. */
const dists = [distDir(args.base), distDir(args.with)];
const sizes = args.sizes
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);
const runs = Math.max(1, Number(args.runs) || 15);
const statMounts = Math.max(0, Number(args.stat) || 0);
/** The bench page's panel kind for each build's frames: every query, or status and duration alone. */
const FRAME_KINDS = { all: 'portwatch', basic: 'portwatch-basic' };
const kinds = [args['base-frames'], args['with-frames']].map((frames) => {
  if (!Object.hasOwn(FRAME_KINDS, frames)) {
    fail(`frames must be all or basic, not ${frames}`);
  }
  return FRAME_KINDS[frames];
});

if (benchBuildIsStale('12')) {
  await buildBench({ hostId: '12' });
}
const servers = [];
let browser;
try {
  for (const dist of dists) {
    servers.push(await startBenchServer({ dist }));
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const pages = [];
  for (const server of servers) {
    pages.push((await openBenchPage(browser, server.url)).page);
  }
  const mount = (k) => pages[k].evaluate((kind) => window.__portwatchBench.mount(kind), kinds[k]);

  console.log(`base: ${dists[0]} (${args['base-frames']} frames)\nwith: ${dists[1]} (${args['with-frames']} frames)\n`);
  const statColumns = statMounts > 0 ? ' Stat: props → painted | Stat / base | Stat / with |' : '';
  console.log(
    `| targets | base: props → painted | with: props → painted | with − base, median of pairs | with faster |${statColumns}`
  );
  console.log(`| ---: | ---: | ---: | ---: | ---: |${statMounts > 0 ? ' ---: | ---: | ---: |' : ''}`);
  for (const targets of sizes) {
    for (const page of pages) {
      await page.evaluate(([n, seed]) => window.__portwatchBench.generate(n, seed, 0), [targets, SEED]);
    }
    for (let i = 0; i < WARMUP_MOUNTS; i++) {
      await mount(0);
      await mount(1);
    }
    const paint = [[], []];
    const nodes = [0, 0];
    // Stat mounts spread among the pairs, so that its median sees the same stretches of the machine.
    const stat = [];
    const statEvery = statMounts > 0 ? Math.max(1, Math.floor(runs / statMounts)) : 0;
    for (let run = 0; run < runs; run++) {
      if (statEvery > 0 && run % statEvery === 0 && stat.length < statMounts) {
        // On the base's page, which has the same frames; Stat's code is the host's, not either build's.
        stat.push((await pages[0].evaluate(() => window.__portwatchBench.mount('stat'))).paintMs);
      }
      for (const k of run % 2 === 0 ? [0, 1] : [1, 0]) {
        const result = await mount(k);
        paint[k].push(result.paintMs);
        nodes[k] = result.domNodes;
      }
    }
    const differences = paint[1].map((ms, run) => ms - paint[0][run]);
    const faster = differences.filter((d) => d < 0).length;
    const ms = (k) => `${stats(paint[k]).median.toFixed(1)} ms (${nodes[k].toLocaleString('en-US')} nodes)`;
    const difference = stats(differences).median;
    let statCells = '';
    if (stat.length > 0) {
      const statMs = stats(stat).median;
      const ratio = (k) => `${(statMs / stats(paint[k]).median).toFixed(1)}×`;
      statCells = ` ${statMs.toFixed(0)} ms | ${ratio(0)} | ${ratio(1)} |`;
    }
    console.log(
      `| ${targets.toLocaleString('en-US')} | ${ms(0)} | ${ms(1)} | ${difference >= 0 ? '+' : ''}${difference.toFixed(1)} ms | ${faster} of ${runs} pairs |${statCells}`
    );
  }
} finally {
  await browser?.close();
  await Promise.all(servers.map((server) => server.close()));
}
