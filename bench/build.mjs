/**
 * Bundles the benchmark page (bench/src, which imports the preview host's modules) with esbuild for one
 * Grafana line, the way preview/build.mjs bundles the preview host: every bare import resolved through
 * its CommonJS entry from the host's node_modules, and one copy of each core package checked.
 *
 *   node bench/build.mjs [--host 12|13]
 *
 * Output: bench/dist/host-<id>/bench.js (+ bench.css) and build.json.
 */
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { assertHostCopies, hostModulesPlugin } from '../preview/build.mjs';
import { hostConfig, hostInstalled, hostPackageVersion, PREVIEW_DIR, REPO_DIR } from '../preview/lib/hosts.mjs';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const SOURCE_DIRS = [join(BENCH_DIR, 'src'), join(PREVIEW_DIR, 'src')];

export function benchOutDir(hostId) {
  return join(BENCH_DIR, 'dist', `host-${hostConfig(hostId).id}`);
}

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) {
    return stat.mtimeMs;
  }
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** True when bench.js is missing or older than the page's sources, this script or the host's packages. */
export function benchBuildIsStale(hostId) {
  const host = hostConfig(hostId);
  const out = join(benchOutDir(hostId), 'bench.js');
  if (!existsSync(out)) {
    return true;
  }
  const built = statSync(out).mtimeMs;
  const inputs = [...SOURCE_DIRS, fileURLToPath(import.meta.url), join(host.modulesDir, 'package-lock.json')];
  return inputs.some((input) => existsSync(input) && newestMtime(input) > built);
}

export async function buildBench({ hostId = '12', quiet = false } = {}) {
  const host = hostConfig(hostId);
  if (!hostInstalled(host)) {
    throw new Error(
      `host ${host.id} has no node_modules; run: npm install --prefix ${relative(REPO_DIR, host.modulesDir) || '.'}`
    );
  }
  const versions = {
    grafana: hostPackageVersion(host, '@grafana/data').version,
    react: hostPackageVersion(host, 'react').version,
  };
  const outDir = benchOutDir(hostId);
  mkdirSync(outDir, { recursive: true });
  const started = Date.now();
  const result = await build({
    entryPoints: { bench: join(BENCH_DIR, 'src', 'main.tsx') },
    outdir: outDir,
    absWorkingDir: REPO_DIR,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    jsx: 'transform',
    // Production React and @grafana/*, as in Grafana; identifiers kept so that profiles read well.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: false,
    metafile: true,
    logLevel: 'error',
    logOverride: { 'package.json': 'silent' },
    define: { 'process.env.NODE_ENV': JSON.stringify('production'), global: 'globalThis' },
    loader: { '.svg': 'dataurl', '.png': 'dataurl', '.woff': 'empty', '.woff2': 'empty', '.ttf': 'empty' },
    plugins: [hostModulesPlugin(host, SOURCE_DIRS)],
  });

  assertHostCopies(host, result.metafile, REPO_DIR);

  const info = { host: host.id, ...versions, builtAt: new Date().toISOString() };
  writeFileSync(join(outDir, 'build.json'), JSON.stringify(info, null, 2));
  if (!quiet) {
    const size = statSync(join(outDir, 'bench.js')).size;
    console.log(
      `bench page, host ${host.id}: Grafana ${versions.grafana}, React ${versions.react}, ` +
        `${(size / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`
    );
  }
  return info;
}

export function readBenchBuildInfo(hostId) {
  return JSON.parse(readFileSync(join(benchOutDir(hostId), 'build.json'), 'utf8'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { host: { type: 'string', default: '12' } } });
  buildBench({ hostId: values.host }).catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
