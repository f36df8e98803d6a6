// The stack without Docker leaves nothing behind: stopped by its API, by Ctrl-C or SIGTERM on
// `npm run stack`, or when the process that started it is killed outright. A process of the stack
// that dies ends the whole stack, which says so and keeps its logs.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import dgram from 'node:dgram';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { isAlive, socketTable } from '../../stack/procs.mjs';
import { DEFAULT_PORTS, freePort, freePorts, isPortFree, startStack } from '../../stack/stack.mjs';
import { programs, ROOT } from './tools';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Processes whose command line mentions `text`. */
function processesMentioning(text: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) {
      continue;
    }
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) {
        pids.push(Number(entry));
      }
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/**
 * Sockets listening on `port` on this machine: TCP in LISTEN state and UDP sockets bound without a
 * peer. Outgoing connections that happen to use the same number as a local port are not listeners,
 * so they do not count (a bind test would mistake them for a port left taken).
 */
function listenersOn(port: number): string[] {
  const found: string[] = [];
  const tcpListening = (state: string) => state === '0A';
  const udpUnconnected = (_state: string, remote: string) => remote.endsWith(':0000');
  for (const [table, listening] of [
    ['tcp', tcpListening],
    ['tcp6', tcpListening],
    ['udp', udpUnconnected],
    ['udp6', udpUnconnected],
  ] as const) {
    // A table that is not there (no IPv6 here) has no listeners.
    for (const row of socketTable(table) ?? []) {
      if (row.port === port && listening(row.state, row.remote)) {
        found.push(`${table} ${row.local}`);
      }
    }
  }
  return found;
}

async function eventually(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) {
      return true;
    }
    await sleep(100);
  }
  return check();
}

/** Reads a child's stdout until `pattern` matches, within `timeoutMs`. */
function readUntil(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${text}`)),
      timeoutMs
    );
    child.stdout!.on('data', (chunk) => {
      text += chunk;
      if (pattern.test(text)) {
        clearTimeout(timer);
        resolve(text);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${pattern}; output:\n${text}`));
    });
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve(child.exitCode);
    } else {
      child.once('exit', (code) => resolve(code));
    }
  });

const bin = programs(['prometheus', 'blackbox', 'setcap']);

describe('stopping the stack without Docker', () => {
  const spawned: ChildProcess[] = [];
  afterAll(() => {
    for (const child of spawned) {
      if (child.exitCode === null && child.pid) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
    }
  });

  it('stop() ends every process and frees every port, and removes the data directory', async () => {
    const stack = await startStack({ scrapeInterval: '1s', preferDefaultPorts: false, waitForScrapes: false });
    const pids = stack.processes().map((p) => p.pid);
    // Alertmanager runs besides these with the Prometheus backend.
    expect(stack.processes().map((p) => p.name)).toEqual(
      expect.arrayContaining(['targets', 'blackbox_exporter', 'prometheus'])
    );
    expect(existsSync(stack.dataDir)).toBe(true);
    for (const [name, port] of Object.entries(stack.ports)) {
      // tcpDown is the demo's port that nothing listens on, on purpose.
      expect([name, listenersOn(port as number).length]).toEqual([name, name === 'tcpDown' ? 0 : 1]);
    }
    await stack.stop();
    expect(pids.filter(isAlive)).toEqual([]);
    for (const [name, port] of Object.entries(stack.ports)) {
      expect([name, listenersOn(port as number)]).toEqual([name, []]);
    }
    expect(existsSync(stack.dataDir)).toBe(false);
    expect(processesMentioning(stack.dataDir)).toEqual([]);
    expect(await stack.exited).toBeNull();
    await stack.stop(); // idempotent
  }, 60000);

  it('the watchdog ends everything when the process that started the stack is killed (SIGKILL)', async () => {
    const child = spawn(process.execPath, [join(__dirname, 'fixtures/hold-stack.mjs')], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    spawned.push(child);
    const line = await readUntil(child, /\n/, 60000);
    const { processes, dataDir } = JSON.parse(line);
    const pids: number[] = processes.map((p: { pid: number }) => p.pid);
    expect(pids.every(isAlive)).toBe(true);
    process.kill(child.pid!, 'SIGKILL');
    await exited(child);
    expect(await eventually(() => pids.every((pid) => !isAlive(pid)), 10000)).toBe(true);
    expect(await eventually(() => !existsSync(dataDir), 5000)).toBe(true);
    expect(processesMentioning(dataDir)).toEqual([]);
  }, 90000);

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ])(
    '`npm run stack` stops everything and exits on %s',
    async (signal, code) => {
      const child = spawn(process.execPath, [join(ROOT, 'scripts/stack.mjs'), '--any-ports', '--interval', '1s'], {
        cwd: ROOT,
        detached: true,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      spawned.push(child);
      const output = await readUntil(child, /Ctrl-C stops it[\s\S]*logs and data\s+(\S+)/, 90000);
      const dataDir = /logs and data\s+(\S+)/.exec(output)![1];
      const pids = processesMentioning(dataDir);
      expect(pids.length).toBeGreaterThanOrEqual(3);
      // As a terminal does: the signal goes to the whole foreground process group.
      process.kill(-child.pid!, signal);
      expect(await exited(child)).toBe(code);
      expect(await eventually(() => pids.every((pid) => !isAlive(pid)), 10000)).toBe(true);
      expect(existsSync(dataDir)).toBe(false);
    },
    120000
  );

  it('`npm run stack` stops everything when the process that started it goes', async () => {
    // npm does not pass SIGTERM on to its script's process: a shell stands for npm here, and only it is
    // killed. The `; true` keeps the shell from replacing itself with node.
    const script = `${JSON.stringify(process.execPath)} scripts/stack.mjs --any-ports --interval 1s; true`;
    const child = spawn('sh', ['-c', script], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
    spawned.push(child);
    const output = await readUntil(child, /Ctrl-C stops it[\s\S]*logs and data\s+(\S+)/, 90000);
    const dataDir = /logs and data\s+(\S+)/.exec(output)![1];
    const pids = processesMentioning(dataDir);
    expect(pids.length).toBeGreaterThanOrEqual(3);
    process.kill(child.pid!, 'SIGKILL');
    expect(await eventually(() => pids.every((pid) => !isAlive(pid)), 20000)).toBe(true);
    expect(await eventually(() => !existsSync(dataDir), 10000)).toBe(true);
  }, 120000);

  it('chooses free ports when the default ones are taken', async () => {
    const held: Array<{ close: (callback: () => void) => void }> = [];
    for (const port of Object.values(DEFAULT_PORTS)) {
      if (await isPortFree(port)) {
        const server = net.createServer();
        await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
        held.push(server);
      }
    }
    // The DNS demo listens on UDP.
    const udp = dgram.createSocket('udp4');
    const udpHeld = await new Promise<boolean>((resolve) => {
      udp.once('error', () => resolve(false));
      udp.bind(DEFAULT_PORTS.dns, '127.0.0.1', () => resolve(true));
    });
    held.push({ close: (callback) => (udpHeld ? udp.close(callback) : callback()) });
    try {
      const stack = await startStack({ scrapeInterval: '1s', waitForScrapes: false });
      try {
        for (const [name, port] of Object.entries(stack.ports)) {
          expect([name, Object.values(DEFAULT_PORTS)]).toEqual([name, expect.not.arrayContaining([port])]);
        }
        expect((await fetch(`${stack.promUrl}/-/ready`)).status).toBe(200);
      } finally {
        await stack.stop();
      }
    } finally {
      await Promise.all(held.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    }
  }, 60000);

  it('ends `npm run stack` when a child dies: it names the child and its exit, keeps the logs, leaves nothing running', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/stack.mjs'), '--any-ports', '--interval', '1s'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    spawned.push(child);
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const output = await readUntil(child, /Ctrl-C stops it[\s\S]*logs and data\s+(\S+)/, 90000);
    const dataDir = /logs and data\s+(\S+)/.exec(output)![1];
    try {
      const pids = processesMentioning(dataDir);
      const blackbox = pids.filter((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('blackbox.yml'));
      expect(blackbox).toHaveLength(1);
      process.kill(blackbox[0], 'SIGKILL');
      expect(await exited(child)).toBe(1);
      expect(stderr).toContain(`blackbox_exporter (pid ${blackbox[0]}) exited by itself (signal SIGKILL)`);
      expect(stderr).toContain(`Last lines of ${join(dataDir, 'blackbox.log')}:`);
      expect(stderr).toContain(`Logs and data kept in ${dataDir}`);
      expect(await eventually(() => pids.every((pid) => !isAlive(pid)), 10000)).toBe(true);
      expect(processesMentioning(dataDir)).toEqual([]);
      // Kept after the script and its watchdog are gone.
      await sleep(1000);
      expect(readFileSync(join(dataDir, 'blackbox.log'), 'utf8')).toMatch(/Listening on/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120000);

  it('stopBlackbox() is no death, a process killed from outside is: exited reports it', async () => {
    const stack = await startStack({ scrapeInterval: '1s', preferDefaultPorts: false, waitForScrapes: false });
    try {
      await stack.stopBlackbox();
      await stack.startBlackbox();
      const prometheus = stack.processes().find((p) => p.name === 'prometheus')!;
      const others = stack.processes().filter((p) => p !== prometheus);
      process.kill(prometheus.pid, 'SIGTERM');
      const death = await stack.exited;
      expect(death).toMatchObject({ name: 'prometheus', pid: prometheus.pid, code: 0, how: 'exit code 0' });
      expect(death!.dataDir).toBe(stack.dataDir);
      expect(death!.logTail).toMatch(/Received SIGTERM/);
      expect(others.map((p) => p.pid).filter(isAlive)).toEqual([]);
      expect(stack.processes()).toEqual([]);
      expect(existsSync(join(stack.dataDir, 'prometheus.log'))).toBe(true);
      await expect(stack.startBlackbox()).rejects.toThrow(/stopped/);
    } finally {
      await stack.stop();
      rmSync(stack.dataDir, { recursive: true, force: true });
    }
    expect(processesMentioning(stack.dataDir)).toEqual([]);
  }, 60000);

  it('never moves a port asked for explicitly, even where the defaults may move', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      await expect(startStack({ ports: { http: port }, waitForScrapes: false })).rejects.toThrow(/EADDRINUSE|exited/);
      expect(processesMentioning(`--http\0${port}\0`)).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 60000);

  it.each(['blackbox', 'alertmanager', 'prometheus'])(
    'never takes another server answering on the %s port for its own program',
    async (name) => {
      // As blackbox_exporter's landing page does: 200 on every path, /-/ready included.
      const server = http.createServer((_req, res) => res.end('ok'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as net.AddressInfo).port;
      try {
        await expect(
          startStack({ ports: { [name]: port }, preferDefaultPorts: false, waitForScrapes: false })
        ).rejects.toThrow(
          new RegExp(`exited \\(exit code 1\\)[\\s\\S]*127\\.0\\.0\\.1:${port}[\\s\\S]*address already in use`)
        );
        expect(processesMentioning(`127.0.0.1:${port}`)).toEqual([]);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    },
    60000
  );

  // Whose a port is, as waitReady asks it: blackbox_exporter answers 200 on every path, so an answer
  // alone does not say. A program with file capabilities (Debian's blackbox_exporter may hold
  // cap_net_raw, for ICMP) is not dumpable, and another user cannot see its fds: then listensOn cannot
  // tell, and must say so rather than "no", or the stack would never be ready for that user.
  it('tells whose a listening port is, and says so when it cannot tell', () => {
    const dir = mkdtempSync(join(tmpdir(), 'portwatch-listens-on-'));
    try {
      chmodSync(dir, 0o755);
      copyFileSync(join(ROOT, 'stack/procs.mjs'), join(dir, 'procs.mjs'));
      copyFileSync(join(ROOT, 'stack/blackbox/blackbox.yml'), join(dir, 'blackbox.yml'));
      // Starts the program on a free port, waits for its answer, then asks about that port, a port it
      // does not hold, and a process that is gone.
      writeFileSync(
        join(dir, 'ask.mjs'),
        `import { spawn } from 'node:child_process';
import net from 'node:net';
import { listensOn } from './procs.mjs';
const server = net.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const other = server.address().port;
const port = await new Promise((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); }); });
const child = spawn(process.argv[2], ['--config.file=${join(dir, 'blackbox.yml')}', '--web.listen-address=127.0.0.1:' + port], { stdio: 'ignore' });
for (let i = 0; i < 100; i++) {
  try { if ((await fetch('http://127.0.0.1:' + port + '/-/healthy')).ok) break; } catch {}
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const answer = { own: listensOn(child.pid, port), other: listensOn(child.pid, other) };
child.kill('SIGKILL');
await new Promise((resolve) => child.once('exit', resolve));
answer.gone = listensOn(child.pid, port);
server.close();
console.log(JSON.stringify(answer, (_key, value) => (value === undefined ? 'cannot tell' : value)));
`
      );
      const ask = (command: string, user?: string) =>
        JSON.parse(
          execFileSync(
            user ? 'runuser' : process.execPath,
            user
              ? ['-u', user, '--', process.execPath, join(dir, 'ask.mjs'), command]
              : [join(dir, 'ask.mjs'), command],
            { encoding: 'utf8', timeout: 30000 }
          )
        );
      expect(ask(bin.blackbox)).toEqual({ own: true, other: false, gone: false });
      if (process.getuid?.() === 0) {
        const capable = join(dir, 'blackbox_exporter');
        copyFileSync(bin.blackbox, capable);
        chmodSync(capable, 0o755);
        execFileSync(bin.setcap, ['cap_net_raw+ep', capable]);
        expect(ask(bin.blackbox, 'nobody')).toEqual({ own: true, other: false, gone: false });
        expect(ask(capable, 'nobody')).toEqual({ own: 'cannot tell', other: 'cannot tell', gone: false });
        expect(ask(capable)).toEqual({ own: true, other: false, gone: false });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60000);

  it('chooses ports that differ from each other and from those it is told to avoid', async () => {
    const avoid = await freePorts(20);
    const ports = await freePorts(200, avoid);
    expect(new Set(ports).size).toBe(200);
    expect(ports.filter((port) => avoid.includes(port))).toEqual([]);
    expect(ports).not.toContain(await freePort(ports));
  });

  it('refuses a port asked for explicitly when it is taken, and cleans up', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      await expect(
        startStack({ ports: { http: port }, preferDefaultPorts: false, waitForScrapes: false })
      ).rejects.toThrow(/EADDRINUSE|exited/);
      expect(processesMentioning(`--http\0${port}\0`)).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 60000);
});
