#!/usr/bin/env node
/**
 * Bundles the preview host (preview/src) with esbuild for one Grafana line:
 *   node preview/build.mjs [--host 12|13] [--dev]
 * Writes preview/dist/host-<id>/host.js (+ host.css) and build.json (versions).
 *
 * Bare imports are resolved from the host's own node_modules, always through their CommonJS entry:
 * esbuild cannot link @grafana/ui's ESM build, and one format for every package keeps a single copy
 * of each module (a second @grafana/data would break `instanceof PanelPlugin` and the theme context).
 */
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { mkdirSync, statSync, readdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';

import { hostConfig, hostInstalled, hostPackageVersion, PREVIEW_DIR } from './lib/hosts.mjs';

const SRC_DIR = join(PREVIEW_DIR, 'src');
const CORE_PACKAGES = ['react', 'react-dom', '@grafana/data', '@grafana/ui', '@grafana/runtime'];

/**
 * Resolves every bare import of the host through `require`, from the host's node_modules. Imports
 * from files under `sourceDirs` (the page's own sources) resolve there even though those files sit
 * outside the host's folder.
 */
export function hostModulesPlugin(host, sourceDirs = [SRC_DIR]) {
  return {
    name: 'host-modules',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^@preview\/host-specific$/ }, () => ({
        path: join(PREVIEW_DIR, host.specific),
      }));
      pluginBuild.onResolve({ filter: /^@preview\/grafana-i18n$/ }, () => ({
        path: join(hostPackageVersion(host, '@grafana/i18n').dir, 'dist', 'cjs', 'i18n.cjs'),
      }));
      pluginBuild.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData?.hostResolved) {
          return undefined;
        }
        const fromPageSource = sourceDirs.some((dir) => args.importer.startsWith(dir + sep));
        const resolveDir = fromPageSource ? host.modulesDir : args.resolveDir;
        for (const kind of ['require-call', args.kind]) {
          const result = await pluginBuild.resolve(args.path, {
            kind,
            resolveDir,
            importer: args.importer,
            pluginData: { hostResolved: true },
          });
          if (result.errors.length === 0) {
            return result;
          }
          if (kind === args.kind) {
            return { errors: result.errors };
          }
        }
        return undefined;
      });
    },
  };
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Throws when the bundle took a core package from anywhere but the host's node_modules: a second
 * copy of @grafana/data would break `instanceof PanelPlugin` and the theme context.
 * `workingDir` is the build's working directory, which the metafile's paths are relative to.
 */
export function assertHostCopies(host, metafile, workingDir) {
  for (const name of CORE_PACKAGES) {
    const { dir } = hostPackageVersion(host, name);
    const marker = `node_modules/${name}/`;
    const copies = new Set(
      Object.keys(metafile.inputs)
        .filter((input) => input.includes(marker))
        .map((input) => input.slice(0, input.lastIndexOf(marker) + marker.length))
    );
    const expected = relative(workingDir, dir).split(sep).join('/') + '/';
    const stray = [...copies].filter((copy) => copy !== expected);
    if (stray.length > 0) {
      throw new Error(`host ${host.id}: ${name} bundled from ${stray.join(', ')} instead of ${expected}`);
    }
  }
}

/** True when host.js is missing or older than the host's sources or installed packages. */
export function hostBuildIsStale(hostId) {
  const host = hostConfig(hostId);
  const out = join(host.outDir, 'host.js');
  if (!existsSync(out)) {
    return true;
  }
  const built = statSync(out).mtimeMs;
  const lock = join(host.modulesDir, 'package-lock.json');
  return newestMtime(SRC_DIR) > built || (existsSync(lock) && statSync(lock).mtimeMs > built);
}

export async function buildHost({ hostId = '12', dev = false, quiet = false } = {}) {
  const host = hostConfig(hostId);
  // A host with its own lock file (13) installs its packages on first use, as `npm ci` pins them.
  if (!hostInstalled(host) && existsSync(join(host.modulesDir, 'package-lock.json'))) {
    if (!quiet) {
      console.log(`preview host ${host.id}: npm ci --prefix ${relative(process.cwd(), host.modulesDir)}`);
    }
    execFileSync('npm', ['ci', '--prefix', host.modulesDir, '--no-audit', '--no-fund'], {
      stdio: quiet ? 'ignore' : 'inherit',
    });
  }
  if (!hostInstalled(host)) {
    throw new Error(
      `host ${host.id} has no node_modules; run: npm install --prefix ${relative(process.cwd(), host.modulesDir) || '.'}`
    );
  }
  const versions = {
    grafana: hostPackageVersion(host, '@grafana/data').version,
    react: hostPackageVersion(host, 'react').version,
  };
  mkdirSync(host.outDir, { recursive: true });
  const started = Date.now();
  const result = await build({
    entryPoints: { host: join(SRC_DIR, 'main.tsx') },
    outdir: host.outDir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    jsx: 'transform',
    minify: !dev,
    sourcemap: dev ? 'inline' : false,
    metafile: true,
    logLevel: quiet ? 'error' : 'warning',
    // systemjs declares "type": "script", which esbuild warns about and handles as a plain script.
    logOverride: { 'package.json': 'silent' },
    define: {
      'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production'),
      global: 'globalThis',
    },
    loader: { '.svg': 'dataurl', '.png': 'dataurl', '.woff': 'empty', '.woff2': 'empty', '.ttf': 'empty' },
    plugins: [hostModulesPlugin(host)],
  });

  // Each core package must come from this host's node_modules, once.
  assertHostCopies(host, result.metafile, process.cwd());

  const info = { host: host.id, ...versions, dev, builtAt: new Date().toISOString() };
  writeFileSync(join(host.outDir, 'build.json'), JSON.stringify(info, null, 2));
  if (!quiet) {
    const size = statSync(join(host.outDir, 'host.js')).size;
    console.log(
      `preview host ${host.id}: Grafana ${versions.grafana}, React ${versions.react}, ` +
        `${(size / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`
    );
  }
  return info;
}

export function readBuildInfo(hostId) {
  return JSON.parse(readFileSync(join(hostConfig(hostId).outDir, 'build.json'), 'utf8'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { host: { type: 'string', default: '12' }, dev: { type: 'boolean', default: false } },
  });
  buildHost({ hostId: values.host, dev: values.dev }).catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
