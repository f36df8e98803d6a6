#!/usr/bin/env node
/**
 * Paired comparison of two builds of the panel (npm run bench:compare -- --base DIR).
 *
 * On a machine whose speed drifts from minute to minute, two benchmark runs taken apart differ by
 * more than most changes do. This opens one page per build in the same headless Chromium and mounts
 * the panel in each in turn (the order alternating), so both see the same moments of the machine,
 * and reports the median time to paint of each and the median of the paired differences.
 *
 *   node bench/compare.mjs --base OTHER/dist [--with dist] [--sizes 1000,10000] [--runs 15]
 *
 * Build each version first (`npm run build`, then copy its dist/ aside). A benchmark, not a test.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { chromium } from 'playwright-core';

import { REPO_DIR } from '../preview/lib/hosts.mjs';
import { benchBuildIsStale, buildBench } from './build.mjs';
import { CHROMIUM, CHROMIUM_ARGS, openBenchPage, SEED } from './chromium.mjs';
import { startBenchServer } from './server.mjs';
import { stats } from './stats.mjs';

const WARMUP_MOUNTS = 2;

const { values: args } = parseArgs({
  options: {
    base: { type: 'string' },
    with: { type: 'string', default: 'dist/panel' },
    sizes: { type: 'string', default: '1000,10000' },
    runs: { type: 'string', default: '15' },
  },
});

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
  const mount = (page) => page.evaluate(() => window.__portwatchBench.mount('portwatch'));

  console.log(`base: ${dists[0]}\nwith: ${dists[1]}\n`);
  console.log(
    '| targets | base: props → painted | with: props → painted | with − base, median of pairs | with faster |'
  );
  console.log('| ---: | ---: | ---: | ---: | ---: |');
  for (const targets of sizes) {
    for (const page of pages) {
      await page.evaluate(([n, seed]) => window.__portwatchBench.generate(n, seed, 0), [targets, SEED]);
      for (let i = 0; i < WARMUP_MOUNTS; i++) {
        await mount(page);
      }
    }
    const paint = [[], []];
    const nodes = [0, 0];
    for (let run = 0; run < runs; run++) {
      for (const k of run % 2 === 0 ? [0, 1] : [1, 0]) {
        const result = await mount(pages[k]);
        paint[k].push(result.paintMs);
        nodes[k] = result.domNodes;
      }
    }
    const differences = paint[1].map((ms, run) => ms - paint[0][run]);
    const faster = differences.filter((d) => d < 0).length;
    const ms = (k) => `${stats(paint[k]).median.toFixed(1)} ms (${nodes[k].toLocaleString('en-US')} nodes)`;
    const difference = stats(differences).median;
    console.log(
      `| ${targets.toLocaleString('en-US')} | ${ms(0)} | ${ms(1)} | ${difference >= 0 ? '+' : ''}${difference.toFixed(1)} ms | ${faster} of ${runs} pairs |`
    );
  }
} finally {
  await browser?.close();
  await Promise.all(servers.map((server) => server.close()));
}
