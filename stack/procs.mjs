/**
 * Child processes of the local stack. Each runs in a process group of its own, so that stopping it
 * also stops whatever it started, and is registered with a watchdog (stack/reaper.mjs) that ends the
 * groups and removes the data directories if this process dies without stopping them (killed, or
 * exiting on an uncaught error). Nothing here keeps the Node event loop alive.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REAPER = fileURLToPath(new URL('./reaper.mjs', import.meta.url));

let reaper;
/** Process groups alive, for the exit handler. */
const live = new Set();
let exitHandlerInstalled = false;

function tell(line) {
  if (!reaper) {
    reaper = spawn(process.execPath, [REAPER], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
    reaper.on('error', () => {});
    reaper.stdin.on('error', () => {});
    reaper.unref();
    reaper.stdin.unref?.();
  }
  reaper.stdin.write(`${line}\n`);
}

function installExitHandler() {
  if (exitHandlerInstalled) {
    return;
  }
  exitHandlerInstalled = true;
  // A normal exit with services still running (a script that forgot stop()): end them now; the
  // watchdog would too, a moment later.
  process.on('exit', () => {
    for (const pgid of live) {
      try {
        process.kill(-pgid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  });
}

/** Has the watchdog remove a directory if this process dies first; `false` forgets it again. */
export function watchDirectory(path, remove = true) {
  tell(`${remove ? '+' : '-'}dir ${path}`);
}

/**
 * Has the watchdog delete a network namespace and a link (the test host's, stack/testhost.mjs) if this
 * process dies first; `false` forgets them again.
 * @param {{ namespace: string, link: string }} network
 */
export function watchNetwork({ namespace, link }, remove = true) {
  tell(`${remove ? '+' : '-'}netns ${namespace} ${link}`);
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a program in its own process group with its output appended to `logFile`.
 * @param {{name: string, command: string, args: string[], logFile: string, env?: NodeJS.ProcessEnv, cwd?: string}} spec
 */
export function startProcess({ name, command, args, logFile, env, cwd }) {
  installExitHandler();
  const fd = openSync(logFile, 'a');
  let child;
  try {
    child = spawn(command, args, {
      detached: true,
      stdio: ['ignore', fd, fd],
      env: env ?? process.env,
      cwd,
    });
  } finally {
    closeSync(fd);
  }
  const pid = child.pid;
  let exitInfo = null;
  // Set by stop(), so that whoever watches the process can tell a stop on purpose from a death.
  let deliberate = false;
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal, deliberate };
      live.delete(pid);
      if (pid) {
        // The group may outlive its leader: end the rest of it too.
        signalGroup(pid, 'SIGKILL');
        tell(`-${pid}`);
      }
      resolve(exitInfo);
    });
    child.once('error', (error) => {
      exitInfo = { code: null, signal: null, deliberate, error };
      live.delete(pid);
      resolve(exitInfo);
    });
  });
  if (pid) {
    live.add(pid);
    tell(`+${pid}`);
  }
  child.unref();

  return {
    name,
    pid,
    logFile,
    exited,
    /** { code, signal, deliberate (stopped by stop()), error? } once it has exited, else null. */
    get exitInfo() {
      return exitInfo;
    },
    /** The end of its log, for error messages. */
    logTail(chars = 3000) {
      try {
        const text = readFileSync(logFile, 'utf8');
        return text.slice(-chars);
      } catch {
        return '';
      }
    },
    /** SIGTERM to the group, SIGKILL after `graceMs`; resolves once the process has exited. */
    async stop(graceMs = 5000) {
      if (exitInfo || !pid) {
        return exitInfo;
      }
      deliberate = true;
      signalGroup(pid, 'SIGTERM');
      let timer;
      const killed = new Promise((resolve) => {
        timer = setTimeout(() => {
          signalGroup(pid, 'SIGKILL');
          resolve(undefined);
        }, graceMs);
      });
      await Promise.race([exited, killed]);
      clearTimeout(timer);
      return exited;
    },
  };
}

/** How a process ended, in words: "exit code 1", "signal SIGKILL" or the error that kept it from starting. */
export function describeExit(exitInfo) {
  if (exitInfo?.error) {
    return `error: ${exitInfo.error.message}`;
  }
  return exitInfo?.signal ? `signal ${exitInfo.signal}` : `exit code ${exitInfo?.code}`;
}

/** Whether a process (or, with a negative id, a process group) still exists. */
export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * The rows of one of the kernel's socket tables ('tcp', 'tcp6', 'udp', 'udp6' in /proc/net), or
 * undefined where there is no such table: each socket's local address as the table writes it
 * (HEXIP:HEXPORT; '0100007F' is 127.0.0.1), that address and port apart, the remote address, the
 * state ('0A' is a TCP socket listening) and the inode that names the socket in /proc/PID/fd.
 */
export function socketTable(name) {
  let text;
  try {
    text = readFileSync(`/proc/net/${name}`, 'utf8');
  } catch {
    return undefined;
  }
  const rows = [];
  // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
  for (const line of text.split('\n').slice(1)) {
    const [, local, remote, state, , , , , , inode] = line.trim().split(/\s+/);
    if (inode === undefined) {
      continue;
    }
    const [address, port] = local.split(':');
    rows.push({ local, address, port: parseInt(port, 16), remote, state, inode });
  }
  return rows;
}

/**
 * Whether process `pid` holds the listening TCP socket of `port`, read from /proc; undefined where
 * /proc cannot tell. An HTTP answer alone does not say whose it is: blackbox_exporter, for one,
 * answers 200 on every path, Prometheus' /-/ready included (tests/stack/lifecycle.test.ts, "tells
 * whose a listening port is").
 */
export function listensOn(pid, port) {
  const tables = [socketTable('tcp'), socketTable('tcp6')].filter((rows) => rows !== undefined);
  if (tables.length === 0) {
    return undefined;
  }
  const inodes = new Set(
    tables
      .flat()
      .filter((row) => row.state === '0A' && row.port === port)
      .map((row) => `socket:[${row.inode}]`)
  );
  if (inodes.size === 0) {
    return false;
  }
  let fds;
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch (error) {
    // Gone: not listening. Unreadable: a program given capabilities (blackbox_exporter may hold
    // cap_net_raw for ICMP) is not dumpable, and its fds are root's, so for any other user /proc
    // cannot tell.
    return error?.code === 'ENOENT' ? false : undefined;
  }
  return fds.some((fd) => {
    try {
      return inodes.has(readlinkSync(`/proc/${pid}/fd/${fd}`));
    } catch {
      return false;
    }
  });
}

/**
 * Calls `onGone` once the process that started this one has gone. npm forwards SIGTERM to its
 * script's shell, not to the shell's child, so `kill <npm start's pid>` (or npm run stack's) used to leave
 * the process and the whole stack running under PID 1; whatever ends the parent, this process's parent id changes
 * (tests/tools/demo.test.ts, "stops with its parent"). Used by scripts/demo.mjs and scripts/stack.mjs.
 * @param {() => void} onGone
 * @param {number} [everyMs]
 * @returns {NodeJS.Timeout}
 */
export function whenParentGoes(onGone, everyMs = 1000) {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      onGone();
    }
  }, everyMs);
  timer.unref();
  return timer;
}
