/**
 * Watchdog of the local stack: started by stack/procs.mjs in a session of its own, it learns from its
 * standard input which process groups, directories and test-host networks the stack owns ("+PGID",
 * "-PGID", "+dir PATH", "-dir PATH", "+netns NAMESPACE LINK", "-netns NAMESPACE LINK", one a line).
 * When that input closes, because the stack's process ended in any way, even killed, it ends those
 * process groups (SIGTERM, then SIGKILL), removes those directories and deletes those links and
 * network namespaces.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';

const groups = new Set();
const dirs = new Set();
const networks = new Set();
const NAME = /^[\w.-]+$/;
let buffer = '';
let closing = false;

function handle(line) {
  const network = /^([+-])netns (\S+) (\S+)$/.exec(line);
  if (network && NAME.test(network[2]) && NAME.test(network[3])) {
    const key = `${network[2]} ${network[3]}`;
    if (network[1] === '+') {
      networks.add(key);
    } else {
      networks.delete(key);
    }
    return;
  }
  const dir = /^([+-])dir (.+)$/.exec(line);
  if (dir) {
    if (dir[1] === '+') {
      dirs.add(dir[2]);
    } else {
      dirs.delete(dir[2]);
    }
    return;
  }
  const group = /^([+-])(\d+)$/.exec(line);
  if (group) {
    if (group[1] === '+') {
      groups.add(Number(group[2]));
    } else {
      groups.delete(Number(group[2]));
    }
  }
}

function signalAll(signal) {
  let alive = 0;
  for (const pgid of groups) {
    try {
      process.kill(-pgid, signal);
      alive++;
    } catch {
      groups.delete(pgid);
    }
  }
  return alive;
}

function close() {
  if (closing) {
    return;
  }
  closing = true;
  const finish = () => {
    signalAll('SIGKILL');
    for (const dir of dirs) {
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // nothing more to do
      }
    }
    // After the processes: a namespace lasts while a process runs in it.
    const ip = ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'].find((path) => existsSync(path));
    for (const key of ip ? networks : []) {
      const [namespace, link] = key.split(' ');
      spawnSync(ip, ['link', 'delete', link], { timeout: 10000 });
      spawnSync(ip, ['netns', 'delete', namespace], { timeout: 10000 });
    }
    process.exit(0);
  };
  if (signalAll('SIGTERM') === 0) {
    finish();
    return;
  }
  // Give the processes a moment to stop by themselves, checking often so as not to wait longer.
  const started = Date.now();
  const timer = setInterval(() => {
    if (signalAll(0) === 0 || Date.now() - started > 3000) {
      clearInterval(timer);
      finish();
    }
  }, 100);
}

process.on('SIGINT', () => {});
process.on('SIGHUP', () => {});
process.on('SIGTERM', close);
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  let newline;
  while ((newline = buffer.indexOf('\n')) >= 0) {
    handle(buffer.slice(0, newline));
    buffer = buffer.slice(newline + 1);
  }
});
process.stdin.on('end', close);
process.stdin.on('error', close);
