// Brings a fresh clone to a runnable state: npm dependencies and the Debian packages the local stack
// and the browser tests use. Only Node built-ins here, since it runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname.replace(/\/$/, '');

/** Debian package and the program it provides. */
export const SYSTEM_PACKAGES = {
  prometheus: { pkg: 'prometheus', bin: 'prometheus' },
  promtool: { pkg: 'prometheus', bin: 'promtool' },
  blackbox: { pkg: 'prometheus-blackbox-exporter', bin: 'prometheus-blackbox-exporter' },
  victoriaMetrics: { pkg: 'victoria-metrics', bin: 'victoria-metrics' },
  chromium: { pkg: 'chromium', bin: 'chromium' },
};

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT, ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status ?? result.signal}`);
  }
}

export function findProgram(name) {
  const dirs = (process.env.PATH ?? '').split(delimiter).concat(['/usr/bin', '/usr/sbin', '/bin']);
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

export function ensureNodeModules() {
  const marker = join(ROOT, 'node_modules', '.package-lock.json');
  const lock = join(ROOT, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) {
    return;
  }
  console.log('Installing npm dependencies (npm ci)...');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

let aptUpdated = false;

/**
 * Installs the Debian packages behind the named programs when any is missing.
 * @param {Array<keyof typeof SYSTEM_PACKAGES>} names
 */
export function ensureSystemPackages(names) {
  const missing = [...new Set(names.filter((n) => !findProgram(SYSTEM_PACKAGES[n].bin)).map((n) => SYSTEM_PACKAGES[n].pkg))];
  if (missing.length === 0) {
    return;
  }
  if (!isRoot() || !findProgram('apt-get')) {
    throw new Error(
      `Missing system packages: ${missing.join(', ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`
    );
  }
  console.log(`Installing system packages: ${missing.join(', ')}...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    run('apt-get', ['update', '-q'], { env });
    aptUpdated = true;
  }
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env });
}
