/**
 * The Grafana lines the preview host can be built for. Each host takes @grafana/*, React and the other
 * shared modules from its own node_modules: the repository's for 12, preview/hosts/<id>/ for others
 * (installed with `npm install --prefix preview/hosts/<id>`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PREVIEW_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = resolve(PREVIEW_DIR, '..');

export const HOSTS = {
  12: { modulesDir: REPO_DIR, specific: 'src/host/specific/grafana12.ts' },
  13: { modulesDir: join(PREVIEW_DIR, 'hosts', '13'), specific: 'src/host/specific/grafana13.ts' },
};

export function hostConfig(id) {
  const host = HOSTS[id];
  if (!host) {
    throw new Error(`unknown host "${id}"; known: ${Object.keys(HOSTS).join(', ')}`);
  }
  return { id: String(id), ...host, outDir: join(PREVIEW_DIR, 'dist', `host-${id}`) };
}

/** Version of a package as the host resolves it. */
export function hostPackageVersion(host, name) {
  const require = createRequire(join(host.modulesDir, 'package.json'));
  let dir = dirname(require.resolve(name));
  while (
    !existsSync(join(dir, 'package.json')) ||
    JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== name
  ) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`cannot find package.json of ${name}`);
    }
    dir = parent;
  }
  return { version: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version, dir };
}

export function hostInstalled(host) {
  return existsSync(join(host.modulesDir, 'node_modules', '@grafana', 'data'));
}
