/**
 * Finds the programs the local stack runs, and installs their Debian packages when they are missing,
 * the process runs as root and apt-get is there (set PORTWATCH_NO_INSTALL=1 to never install).
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Each program: the names it goes by (Debian's first, then upstream's) and its Debian package. */
export const PROGRAMS = {
  prometheus: { names: ['prometheus'], pkg: 'prometheus' },
  promtool: { names: ['promtool'], pkg: 'prometheus' },
  blackbox: { names: ['prometheus-blackbox-exporter', 'blackbox_exporter'], pkg: 'prometheus-blackbox-exporter' },
  victoriaMetrics: { names: ['victoria-metrics', 'victoria-metrics-prod'], pkg: 'victoria-metrics' },
  alertmanager: { names: ['prometheus-alertmanager', 'alertmanager'], pkg: 'prometheus-alertmanager' },
  amtool: { names: ['amtool', 'prometheus-alertmanager-amtool'], pkg: 'prometheus-alertmanager' },
  chromium: { names: ['chromium', 'chromium-browser'], pkg: 'chromium' },
  // For a test of the stack: a copy of blackbox_exporter given a capability, as Debian may give it.
  setcap: { names: ['setcap'], pkg: 'libcap2-bin' },
  // Not a program: the font Chromium draws Korean with in the browser tests' screenshots.
  cjkFont: {
    names: ['Noto Sans CJK'],
    files: ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'],
    pkg: 'fonts-noto-cjk',
  },
};

function findOnPath(name) {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean).concat(['/usr/bin', '/usr/sbin', '/bin']);
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The path of a program, or undefined. */
export function findProgram(key) {
  if (PROGRAMS[key].files) {
    return PROGRAMS[key].files.find((file) => {
      try {
        accessSync(file, constants.R_OK);
        return true;
      } catch {
        return false;
      }
    });
  }
  for (const name of PROGRAMS[key].names) {
    const found = findOnPath(name);
    if (found) {
      return found;
    }
  }
  return undefined;
}

function canInstall() {
  return (
    process.env.PORTWATCH_NO_INSTALL !== '1' &&
    typeof process.getuid === 'function' &&
    process.getuid() === 0 &&
    Boolean(findOnPath('apt-get'))
  );
}

function apt(args, log) {
  log(`apt-get ${args.join(' ')}`);
  const result = spawnSync('apt-get', args, {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 10 * 60 * 1000,
  });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/**
 * Returns the paths of the programs named, installing missing ones' packages when allowed; throws a
 * message saying what to install otherwise.
 * @param {Array<keyof typeof PROGRAMS>} keys
 * @param {{install?: boolean, log?: (line: string) => void}} [options]
 * @returns {Record<string, string>}
 */
export function ensurePrograms(keys, { install = true, log = () => {} } = {}) {
  const missing = keys.filter((key) => !findProgram(key));
  const packages = [...new Set(missing.map((key) => PROGRAMS[key].pkg))];
  if (packages.length > 0) {
    if (!install || !canInstall()) {
      throw new Error(
        `Missing programs: ${missing.map((k) => PROGRAMS[k].names[0]).join(', ')}. ` +
          `Install them with: sudo apt-get install -y ${packages.join(' ')}`
      );
    }
    const args = ['install', '-y', '-q', '--no-install-recommends', ...packages];
    let result = apt(args, log);
    if (!result.ok) {
      // A fresh machine has no package lists yet.
      const update = apt(['update', '-q'], log);
      result = update.ok ? apt(args, log) : update;
    }
    if (!result.ok) {
      throw new Error(`apt-get could not install ${packages.join(' ')}:\n${result.output.slice(-2000)}`);
    }
  }
  const paths = {};
  for (const key of keys) {
    const path = findProgram(key);
    if (!path) {
      throw new Error(`${PROGRAMS[key].names[0]} is still missing after installing ${PROGRAMS[key].pkg}`);
    }
    paths[key] = path;
  }
  return paths;
}
