// Brings a fresh clone to a runnable state. Only Node built-ins here (and in stack/system.mjs, which
// installs the Debian packages), since it runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname.replace(/\/$/, '');

/** What identifies an installed package: the same three fields mean the same files. */
const IDENTITY = ['version', 'resolved', 'integrity'];

/**
 * Why node_modules does not hold what package-lock.json asks for, or null when it does. npm writes
 * the tree it installed to node_modules/.package-lock.json; the two are compared by content, not by
 * modification time, which a fresh `git clone` or checkout sets to now whatever the content
 * (tests/tools/ensure.test.ts). A locked package that is missing is fine only when it is optional:
 * npm leaves out other platforms' builds (@esbuild/darwin-arm64 on Linux).
 * @param {string} [root]
 * @returns {string | null}
 */
export function nodeModulesDiffer(root = ROOT) {
  const hidden = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(hidden)) {
    return 'node_modules is missing or was not installed by npm';
  }
  let locked;
  let installed;
  try {
    locked = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages ?? {};
    installed = JSON.parse(readFileSync(hidden, 'utf8')).packages ?? {};
  } catch (error) {
    return `a lock file could not be read: ${error.message}`;
  }
  for (const [path, wanted] of Object.entries(locked)) {
    if (path === '') {
      continue;
    }
    const have = installed[path];
    if (have === undefined) {
      if (!wanted.optional) {
        return `${path} is not installed`;
      }
    } else if (IDENTITY.some((field) => have[field] !== wanted[field])) {
      return `${path} is installed at ${have.version}, package-lock.json has ${wanted.version}`;
    }
  }
  const extra = Object.keys(installed).find((path) => !Object.hasOwn(locked, path));
  return extra === undefined ? null : `${extra} is installed but not in package-lock.json`;
}

/**
 * Runs `npm ci` when node_modules is missing or holds other packages than package-lock.json.
 * @param {{ root?: string, run?: typeof spawnSync, log?: (line: string) => void }} [options]
 */
export function ensureNodeModules({ root = ROOT, run = spawnSync, log = console.log } = {}) {
  const reason = nodeModulesDiffer(root);
  if (reason === null) {
    return;
  }
  log(`Installing npm dependencies (npm ci): ${reason}...`);
  const result = run('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) {
    throw new Error(`npm ci failed with exit code ${result.status ?? result.signal}`);
  }
}
