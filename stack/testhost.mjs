/**
 * The stack's test host (startStack({ testHost: true })): a network namespace of its own, joined to
 * this machine by a veth pair with addresses in a private /30 that exists only inside this machine,
 * with a TCP listener in it. Stopping the host sets its end of the link down, so that its ICMP probe
 * and its port's probe both really fail, as for a host that was switched off: on loopback every
 * 127/8 address answers ping, so no listener on 127.0.0.1 can play a dead host.
 *
 * It needs root (CI runs as root) and the `ip` command; without them the stack starts without it and
 * says why. Names are unique per run. The namespace and the link are removed by remove(), and by the
 * watchdog (stack/reaper.mjs) if the stack's process dies first. Guarded by tests/stack/facts.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';

import { startProcess, watchNetwork } from './procs.mjs';

/** The port the test host's listener takes inside its namespace, where nothing else runs. */
export const TEST_HOST_PORT = 8080;
/** Where the /30 is chosen: a private range, one address for each end of the link. */
const SUBNET_PREFIX = [10, 213];

const IP_COMMANDS = ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function findIp() {
  return IP_COMMANDS.find((path) => existsSync(path));
}

/** Why this process cannot make the test host, or null when it can. */
export function testHostUnavailable() {
  if (process.platform !== 'linux') {
    return 'network namespaces are Linux only';
  }
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return 'making a network namespace needs root';
  }
  if (!findIp()) {
    return 'the ip command (iproute2) is missing';
  }
  // With this set, the kernel would route around a link that is down (over the default route), and
  // the stopped host's probes would leave the machine instead of failing here.
  try {
    if (readFileSync('/proc/sys/net/ipv4/conf/all/ignore_routes_with_linkdown', 'utf8').trim() !== '0') {
      return 'net.ipv4.conf.all.ignore_routes_with_linkdown is set, so a stopped link would not stay local';
    }
  } catch {
    // No such setting: links that are down keep their routes.
  }
  return null;
}

function ipRunner(ip) {
  return (...args) => {
    const result = spawnSync(ip, args, { encoding: 'utf8', timeout: 10000 });
    if (result.status !== 0) {
      throw new Error(`ip ${args.join(' ')}: ${(result.stderr || result.error?.message || '').trim()}`);
    }
    return result.stdout;
  };
}

/** A /30 with no route of its own on this machine (only the default route matches it). */
function chooseSubnet(ip) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = [...SUBNET_PREFIX, randomInt(256), randomInt(64) * 4];
    const inside = [base[0], base[1], base[2], base[3] + 2].join('.');
    const routes = ip('-4', '-o', 'route', 'show', 'to', 'match', inside)
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('default'));
    if (routes.length === 0) {
      return { outside: [base[0], base[1], base[2], base[3] + 1].join('.'), inside };
    }
  }
  throw new Error(`no free /30 in ${SUBNET_PREFIX.join('.')}.0.0/16`);
}

function connects(host, port, timeoutMs) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: timeoutMs });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

// Accepts and closes, like the demo's TCP listener; argv: address, port.
const LISTENER = `const net = require('node:net');
const [address, port] = process.argv.slice(1);
net.createServer((s) => { s.on('error', () => {}); s.end(); })
  .listen(Number(port), address, () => console.log('test host listening on ' + address + ':' + port));`;

/**
 * Makes the test host and starts its listener (a process named `test-host`, handed to `keep` so
 * that the stack watches it). Returns its addresses and controls; throws with the reason when it
 * cannot, having removed whatever it made.
 * @param {{ dataDir: string, keep?: (proc: ReturnType<typeof startProcess>) => void }} options
 */
export async function startTestHost({ dataDir, keep = () => {} }) {
  const why = testHostUnavailable();
  if (why) {
    throw new Error(why);
  }
  const ipPath = /** @type {string} */ (findIp());
  const ip = ipRunner(ipPath);
  const id = randomBytes(4).toString('hex');
  // Interface names have at most 15 characters.
  const namespace = `portwatch-${id}`;
  const outsideLink = `pw${id}o`;
  const insideLink = `pw${id}i`;
  const { outside, inside } = chooseSubnet(ip);
  let proc;
  let removed = false;

  function remove() {
    if (removed) {
      return;
    }
    removed = true;
    // Either end of a veth pair takes the other with it; the namespace goes once nothing runs in it.
    for (const args of [
      ['link', 'delete', outsideLink],
      ['netns', 'delete', namespace],
    ]) {
      spawnSync(ipPath, args, { timeout: 10000 });
    }
    watchNetwork({ namespace, link: outsideLink }, false);
  }

  watchNetwork({ namespace, link: outsideLink });
  try {
    ip('netns', 'add', namespace);
    ip('link', 'add', outsideLink, 'type', 'veth', 'peer', 'name', insideLink, 'netns', namespace);
    ip('addr', 'add', `${outside}/30`, 'dev', outsideLink);
    ip('link', 'set', outsideLink, 'up');
    ip('-n', namespace, 'addr', 'add', `${inside}/30`, 'dev', insideLink);
    ip('-n', namespace, 'link', 'set', insideLink, 'up');
    proc = startProcess({
      name: 'test-host',
      command: ipPath,
      args: ['netns', 'exec', namespace, process.execPath, '-e', LISTENER, inside, String(TEST_HOST_PORT)],
      logFile: join(dataDir, 'test-host.log'),
    });
    keep(proc);
    const deadline = Date.now() + 15000;
    while (!(await connects(inside, TEST_HOST_PORT, 1000))) {
      if (proc.exitInfo || Date.now() > deadline) {
        throw new Error(`its listener on ${inside}:${TEST_HOST_PORT} did not answer:\n${proc.logTail()}`);
      }
      await sleep(100);
    }
  } catch (error) {
    await proc?.stop();
    remove();
    throw error;
  }

  let up = true;
  return {
    namespace,
    /** The host's address, which its ICMP probe pings. */
    address: inside,
    port: TEST_HOST_PORT,
    /** The address of this machine's end of the link. */
    gateway: outside,
    get up() {
      return up;
    },
    /** Its end of the link goes down: pings and connections to it go unanswered. */
    stop() {
      ip('-n', namespace, 'link', 'set', insideLink, 'down');
      up = false;
    },
    start() {
      ip('-n', namespace, 'link', 'set', insideLink, 'up');
      up = true;
    },
    /** Ends the listener and removes the namespace and the link; idempotent. */
    async remove() {
      await proc?.stop();
      remove();
    },
  };
}
