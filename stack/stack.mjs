/**
 * The Portwatch stack without Docker: the demo targets (a Node process), blackbox_exporter, and
 * Prometheus with Alertmanager or VictoriaMetrics single-node, from the system's packages, all on
 * 127.0.0.1, configured with the same files Docker Compose mounts (rendered by stack/render.mjs).
 *
 * Used by `npm run stack` (scripts/stack.mjs), the stack tests, `npm run demo` and the end-to-end
 * tests. This API is meant to stay stable:
 *
 *   import { startStack } from './stack/stack.mjs';
 *   const stack = await startStack({ scrapeInterval: '1s', preferDefaultPorts: false });
 *   try {
 *     await stack.waitFor('probe_success', (r) => r.length > 0);
 *   } finally {
 *     await stack.stop();
 *   }
 *
 * startStack(options?) -> Promise<Stack>
 *   backend            'prometheus' (default) | 'victoria-metrics'
 *   scrapeInterval     probe jobs' scrape interval, a Prometheus duration ('5s' default; '1s' in tests)
 *   ports              { prometheus, blackbox, alertmanager, http, tls, tcp, tcpDown, dns, admin }: a number
 *                      is that port, never another: taken, the start fails (0: any free port); a port
 *                      left out is its default when free, else any free port (with
 *                      preferDefaultPorts: false, always any free port)
 *   preferDefaultPorts true (default): 9090 (the backend), 9115, 9093, 5000, 8443, 8080, 8081, 5053, 5001
 *   extraTargets       [{ target, labels?, module? }] added to the discovery endpoint at start
 *   generatedTargets   number of generated discovery targets (scale tests; every 50th is DOWN)
 *   install            install missing Debian packages when running as root (default true)
 *   handleSignals      stop everything and exit on SIGINT, SIGTERM and SIGHUP (default false)
 *   waitForScrapes     resolve once every probe target has been scraped once (default true)
 *   log                (line: string) => void for progress messages (default: none)
 *   testHost           true: also make the test host (stack/testhost.mjs), a network namespace with
 *                      an address of its own, pinged by probe_icmp, and a TCP port probed by
 *                      probe_tcp, which stopTestHost() takes off the network. Needs root; otherwise
 *                      the stack starts without it and says why (testHostUnavailable). Default false.
 *   alertTimeScale     for tests: multiplies the rules' `for`, the evaluation interval and
 *                      Alertmanager's group timings (default 1; see stack/render.mjs)
 *
 * Stack
 *   backend, scrapeInterval, scrapeIntervalSeconds
 *   promUrl            Prometheus HTTP API base (VictoriaMetrics serves the same API): a Grafana
 *                      Prometheus data source URL
 *   blackboxUrl        blackbox_exporter
 *   alertmanagerUrl    Alertmanager, which Prometheus sends its alerts to (undefined with
 *                      VictoriaMetrics, which evaluates no rules), under a path made anew at each
 *                      start (see ALERTMANAGER_PATH); its receivers post to the targets service,
 *                      whose GET /alerts lists the notifications received
 *   targetsUrl         demo targets' admin server; sdUrl = targetsUrl + '/sd' (Prometheus http_sd)
 *   httpUrl            the demo HTTP service; its /status/503 answers 503, its /maintenance fails the
 *                      http_content module's content check
 *   httpsUrl           the demo HTTPS service (self-signed certificate, expires 10 days after start), or
 *                      undefined when the targets service could not make a certificate (notes.tls)
 *   notes              { tls?, testHost?, icmp? }: why a part is missing
 *   testHost           { namespace, address, port, icmpInstance, tcpInstance, up } or undefined
 *   testHostUnavailable   why there is no test host although it was asked for, or undefined
 *   stopTestHost() / startTestHost()       take the test host off the network / put it back
 *   ports              the ports in use, by the names above
 *   dataDir            temporary directory with the rendered configuration, data and logs (*.log)
 *   targets            [{ job, instance, module, labels, expected: 'up'|'down'|'unknown', listener }]
 *                      every probe target known at start; listener is the demo listener it depends on
 *                      ('http' | 'tls' | 'tcp' | 'dns' | 'testHost' | null); 'unknown' for ICMP where
 *                      this user cannot ping
 *   query(expr)        instant query -> [{ metric, value: [seconds, 'string'] }]
 *   waitFor(expr, predicate, { timeoutMs = 30000, intervalMs = 250 }?) -> the result that passed
 *   processes()        [{ name, pid, logFile }] of the processes running now
 *   stopTarget(name) / startTarget(name)   close / reopen a demo listener: 'http' | 'tls' | 'tcp' | 'dns'
 *   stopBlackbox() / startBlackbox()       stop / restart blackbox_exporter on the same port
 *   addSdTarget({ target, labels?, module? }) -> instance label of the new target
 *   removeSdTarget(target)
 *   setGeneratedTargets(count)
 *   stop()             ends every process (process groups) and removes dataDir; idempotent
 *   exited             Promise: null once stop() has ended the stack; or, when a process exited by
 *                      itself (crashed, killed from outside) and the stack stopped the others because
 *                      of it, { name, pid, code, signal, how, logFile, logTail, dataDir } with dataDir
 *                      kept for its logs. stopBlackbox() is no such exit.
 *
 * describeDeath(death) -> the report `npm run stack` and `npm start` print for such an exit.
 * freePorts(count, avoid?) -> as many different free ports on 127.0.0.1; waitReady(proc, url, ms)
 * -> once `url` answers 2xx from that process (startProcess, stack/procs.mjs) itself.
 *
 * Every process runs in its own process group; a watchdog ends them and removes dataDir if the
 * calling process dies without stop().
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';

import { describeExit, listensOn, startProcess, watchDirectory } from './procs.mjs';
import { renderConfig } from './render.mjs';
import { ensurePrograms } from './system.mjs';
import { startTestHost } from './testhost.mjs';

const TARGETS_SERVER = fileURLToPath(new URL('../targets/server.mjs', import.meta.url));

export const DEFAULT_PORTS = Object.freeze({
  prometheus: 9090,
  victoriaMetrics: 8428,
  blackbox: 9115,
  alertmanager: 9093,
  http: 5000,
  tls: 8443,
  tcp: 8080,
  tcpDown: 8081,
  dns: 5053,
  admin: 5001,
});

const HOST = '127.0.0.1';
const LISTENER_NAMES = ['http', 'tls', 'tcp', 'dns'];
/** http_sd refresh_interval in stack/prometheus/prometheus.yml; VictoriaMetrics takes it as a flag. */
const HTTP_SD_REFRESH = '5s';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function parseDuration(text) {
  const m = /^(\d+)(ms|s|m)$/.exec(String(text));
  const seconds = m ? (Number(m[1]) * { ms: 1, s: 1000, m: 60000 }[m[2]]) / 1000 : NaN;
  // Zero passed here once and Prometheus was left to refuse it, after the stack had half started.
  // Below a second the scrape timeout (the interval) leaves blackbox_exporter no time at all once it
  // takes its half-second margin off, and every probe fails; above Prometheus' 5 minute lookback a
  // probe's series would vanish between scrapes (tests/stack/duration.test.ts).
  if (!(seconds >= MIN_SCRAPE_SECONDS && seconds <= MAX_SCRAPE_SECONDS)) {
    throw new Error(`scrapeInterval must be a duration from 1s to 5m like 5s or 1m, not ${JSON.stringify(text)}`);
  }
  return seconds;
}

const MIN_SCRAPE_SECONDS = 1;
const MAX_SCRAPE_SECONDS = 300;

/**
 * Probes a second from which the stack says that its one blackbox_exporter may fall behind. The
 * scale review ran 5,000 generated targets at the 5 s interval on a 2-core machine: the exporter
 * answered too late for some scrapes, whose targets then read UNKNOWN, rightly but without a word
 * why. Half that rate leaves a margin for the machine's other work (tests/stack/duration.test.ts).
 */
const PROBES_PER_SECOND_NOTE = 500;

/** What to tell the operator of a grid too large for one exporter at this interval; undefined when it fits. */
export function probeLoadNote(generatedTargets, intervalSeconds) {
  const perSecond = generatedTargets / intervalSeconds;
  if (perSecond <= PROBES_PER_SECOND_NOTE) {
    return undefined;
  }
  const roomy = Math.ceil(generatedTargets / PROBES_PER_SECOND_NOTE);
  return (
    `${generatedTargets.toLocaleString('en-US')} generated targets at a ${intervalSeconds}s interval ask one ` +
    `blackbox_exporter for about ${Math.round(perSecond).toLocaleString('en-US')} probes a second. On a small ` +
    'machine it falls behind at that rate: the targets whose scrapes time out read UNKNOWN. ' +
    `--interval ${roomy}s or longer gives it room.`
  );
}

/** Whether a TCP port on 127.0.0.1 can be bound now. */
export function isPortFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, HOST, () => server.close(() => resolve(true)));
  });
}

/**
 * `count` different TCP ports on 127.0.0.1, free now and none of `avoid`. Each is held until all are
 * found: one let go at once can be handed out again by the next call, and two programs given the same
 * port would leave one of them answering for both (tests/stack/lifecycle.test.ts, "another server").
 */
export async function freePorts(count, avoid = []) {
  const held = [];
  const ports = [];
  try {
    while (ports.length < count) {
      const server = net.createServer();
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, HOST, resolve);
      });
      held.push(server);
      const { port } = server.address();
      if (!avoid.includes(port)) {
        ports.push(port);
      }
    }
  } finally {
    await Promise.all(held.map((server) => new Promise((resolve) => server.close(resolve))));
  }
  return ports;
}

/** A TCP port on 127.0.0.1 free now and none of `avoid`. */
export async function freePort(avoid = []) {
  return (await freePorts(1, avoid))[0];
}

async function fetchText(url, init = {}, timeoutMs = 2000) {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${text.slice(0, 500)}`);
  }
  return text;
}

/**
 * Waits until `url` answers 2xx from `proc` itself, failing early when the process exits: a program
 * that could not bind its port exits, while whoever holds the port may answer in its place.
 */
export async function waitReady(proc, url, timeoutMs) {
  const { port: written, protocol } = new URL(url);
  const port = Number(written) || (protocol === 'https:' ? 443 : 80);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitInfo) {
      throw new Error(`${proc.name} exited (${describeExit(proc.exitInfo)}) before it was ready:\n${proc.logTail()}`);
    }
    try {
      await fetchText(url, {}, 1000);
      if (listensOn(proc.pid, port) !== false) {
        return;
      }
    } catch {
      // Not answering yet.
    }
    await sleep(100);
  }
  throw new Error(`${proc.name} was not ready at ${url} within ${timeoutMs} ms:\n${proc.logTail()}`);
}

function canPing() {
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    return true;
  }
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ping_group_range', 'utf8').trim().split(/\s+/).map(Number);
    const gid = process.getgid?.() ?? -1;
    return gid >= low && gid <= high;
  } catch {
    return false;
  }
}

/**
 * Starts the stack. See the header of this file for the options and the object returned.
 * @param {object} [options]
 */
export async function startStack(options = {}) {
  const {
    backend = 'prometheus',
    scrapeInterval = '5s',
    ports: askedPorts = {},
    preferDefaultPorts = true,
    extraTargets = [],
    generatedTargets = 0,
    install = true,
    handleSignals = false,
    waitForScrapes = true,
    log = () => {},
    alertTimeScale = 1,
    testHost: wantTestHost = false,
  } = options;
  if (backend !== 'prometheus' && backend !== 'victoria-metrics') {
    throw new Error(`backend must be 'prometheus' or 'victoria-metrics', not ${JSON.stringify(backend)}`);
  }
  const scrapeIntervalSeconds = parseDuration(scrapeInterval);
  const loadNote = probeLoadNote(generatedTargets, scrapeIntervalSeconds);
  if (loadNote !== undefined) {
    log(loadNote);
  }
  const programs = ensurePrograms(
    backend === 'prometheus' ? ['prometheus', 'alertmanager', 'blackbox'] : ['victoriaMetrics', 'blackbox'],
    { install, log }
  );

  const dataDir = mkdtempSync(join(tmpdir(), 'portwatch-stack-'));
  watchDirectory(dataDir);
  let stopped = false;
  let stopping;
  let ready = false;
  let resolveExited;
  let testHost;
  const exited = new Promise((resolve) => {
    resolveExited = resolve;
  });

  /**
   * Every process kept here is watched, whoever starts it and under whatever name: one that exits
   * without its own stop() having been called ends the whole stack, so that no caller reports a
   * running stack over a dead process (tests/stack/lifecycle.test.ts, "a child that dies").
   */
  const procs = new Proxy(
    {},
    {
      set(target, key, proc) {
        target[key] = proc;
        proc.exited.then((info) => {
          if (!info.deliberate && target[key] === proc) {
            childDied(proc);
          }
        });
        return true;
      },
    }
  );

  /** While starting, the start-up code reports a process that exits; afterwards this does. */
  function childDied(proc) {
    if (!ready || stopping) {
      return;
    }
    const death = {
      name: proc.name,
      pid: proc.pid,
      code: proc.exitInfo.code,
      signal: proc.exitInfo.signal,
      how: describeExit(proc.exitInfo),
      logFile: proc.logFile,
      logTail: proc.logTail(4000).split('\n').slice(-21).join('\n').trimEnd(),
      dataDir,
    };
    log(`${proc.name} exited (${death.how}): stopping the stack, keeping ${dataDir}`);
    for (const [signal, handler] of signalHandlers) {
      process.removeListener(signal, handler);
    }
    stop(death);
  }

  /** Stops every process; removes dataDir unless a process died, whose logs are then worth reading. */
  async function stop(death = null) {
    if (!stopping) {
      stopped = true;
      stopping = (async () => {
        await Promise.all(Object.values(procs).map((p) => p.stop()));
        await testHost?.remove();
        if (!death) {
          rmSync(dataDir, { recursive: true, force: true });
        }
        watchDirectory(dataDir, false);
        log('stack stopped');
        resolveExited(death);
      })();
    }
    return stopping;
  }

  const signalHandlers = [];
  if (handleSignals) {
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
      ['SIGHUP', 129],
    ]) {
      const handler = () => {
        log(`${signal}: stopping the stack`);
        stop().finally(() => process.exit(code));
      };
      process.once(signal, handler);
      signalHandlers.push([signal, handler]);
    }
  }

  /** The port for a name: asked, else default when free, else any free port none of `chosen`. */
  async function choosePort(chosen, name, defaultName = name) {
    if (askedPorts[name] !== undefined) {
      return askedPorts[name] === 0 ? freePort(Object.values(chosen)) : askedPorts[name];
    }
    if (preferDefaultPorts && (await isPortFree(DEFAULT_PORTS[defaultName]))) {
      return DEFAULT_PORTS[defaultName];
    }
    return freePort(Object.values(chosen));
  }

  try {
    // --- demo targets: they bind their own ports and report them -----------------------------------
    const targetArgs = [TARGETS_SERVER, '--host', HOST, '--advertise', HOST];
    for (const [name, flag] of [
      ['http', '--http'],
      ['tls', '--tls'],
      ['tcp', '--tcp'],
      ['tcpDown', '--tcp-down'],
      ['dns', '--dns'],
      ['admin', '--admin'],
    ]) {
      const asked = askedPorts[name];
      targetArgs.push(flag, String(asked ?? (preferDefaultPorts ? DEFAULT_PORTS[name] : 0)));
    }
    // Defaults that are taken fall back to free ports; ports asked for explicitly must be free.
    const movable = ['http', 'tls', 'tcp', 'tcpDown', 'dns', 'admin'].filter((name) => askedPorts[name] === undefined);
    if (preferDefaultPorts && movable.length > 0) {
      targetArgs.push(`--any-port-if-taken=${movable.join(',')}`);
    }
    const readyFile = join(dataDir, 'targets.ready.json');
    targetArgs.push('--ready-file', readyFile, '--generated', String(generatedTargets));
    log('starting the demo targets');
    procs.targets = startProcess({
      name: 'targets',
      command: process.execPath,
      args: targetArgs,
      logFile: join(dataDir, 'targets.log'),
    });
    const deadline = Date.now() + 15000;
    while (!existsSync(readyFile)) {
      if (procs.targets.exitInfo) {
        throw new Error(`the demo targets exited before they were ready:\n${procs.targets.logTail()}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`the demo targets were not ready within 15 s:\n${procs.targets.logTail()}`);
      }
      await sleep(50);
    }
    const { ports: targetPorts, notes: targetNotes = {} } = JSON.parse(readFileSync(readyFile, 'utf8'));
    const targetsUrl = `http://${HOST}:${targetPorts.admin}`;
    const notes = { ...targetNotes };
    if (notes.tls) {
      log(`${notes.tls}; the HTTPS demo target is left out`);
    }
    // blackbox_exporter cannot ping without root or a ping_group_range that takes this user's group:
    // its ICMP probe of the demo host would fail, PortwatchHostDown would fire for 127.0.0.1 and hold
    // back every port's alert, since every demo target shares that host. So the job is left out.
    const dropIcmp = !canPing();
    if (dropIcmp) {
      notes.icmp = ICMP_NOTE;
      log(`${notes.icmp}; the probe_icmp job is left out`);
    }

    if (wantTestHost) {
      try {
        testHost = await startTestHost({
          dataDir,
          keep: (proc) => {
            procs.testHost = proc;
          },
        });
        log(`test host ${testHost.address} in network namespace ${testHost.namespace}`);
      } catch (error) {
        // Its listener, if it ran, was stopped or died: no reason to stop the stack.
        delete procs.testHost;
        notes.testHost = `no test host: ${error.message}`;
        log(`${notes.testHost}; the stack starts without it`);
      }
    }

    // --- blackbox_exporter and the backend ------------------------------------------------------------
    const ports = { ...targetPorts };
    ports.blackbox = await choosePort(ports, 'blackbox');
    ports.prometheus = await choosePort(
      ports,
      'prometheus',
      backend === 'prometheus' ? 'prometheus' : 'victoriaMetrics'
    );
    if (backend === 'prometheus') {
      ports.alertmanager = await choosePort(ports, 'alertmanager');
    }
    const configDir = join(dataDir, 'config');
    const alertmanagerPath = `/${randomBytes(ALERTMANAGER_PATH_BYTES).toString('hex')}`;
    // VictoriaMetrics reads no alerting section: Alertmanager's address there only has to render.
    // Without a TLS listener its target is rendered on the closed port, then left out of the file.
    const render = () => {
      const rendered = renderConfig(configDir, {
        ports: { alertmanager: DEFAULT_PORTS.alertmanager, tls: ports.tcpDown, ...ports },
        scrapeInterval,
        alertTimeScale,
      });
      adjustTargets(rendered.prometheusConfig, {
        dropHttps: ports.tls === undefined,
        dropIcmp,
        testHost,
        alertmanagerPath,
      });
      return rendered;
    };
    let rendered = render();

    const startBlackboxProcess = async () => {
      procs.blackbox = startProcess({
        name: 'blackbox_exporter',
        command: programs.blackbox,
        args: [`--config.file=${rendered.blackboxConfig}`, `--web.listen-address=${HOST}:${ports.blackbox}`],
        logFile: join(dataDir, 'blackbox.log'),
      });
      await waitReady(procs.blackbox, `http://${HOST}:${ports.blackbox}/-/healthy`, 15000);
    };

    const startAlertmanagerProcess = async () => {
      const listen = `${HOST}:${ports.alertmanager}`;
      procs.alertmanager = startProcess({
        name: 'alertmanager',
        command: programs.alertmanager,
        args: [
          `--config.file=${rendered.alertmanagerConfig}`,
          `--storage.path=${join(dataDir, 'alertmanager-data')}`,
          `--web.listen-address=${listen}`,
          `--web.route-prefix=${alertmanagerPath}`,
          `--web.external-url=http://${listen}${alertmanagerPath}`,
          // No cluster: its default listens on every interface (0.0.0.0:9094).
          '--cluster.listen-address=',
        ],
        logFile: join(dataDir, 'alertmanager.log'),
      });
      await waitReady(procs.alertmanager, `http://${listen}${alertmanagerPath}/-/ready`, 15000);
    };

    const startBackendProcess = async () => {
      const listen = `${HOST}:${ports.prometheus}`;
      if (backend === 'prometheus') {
        procs.backend = startProcess({
          name: 'prometheus',
          command: programs.prometheus,
          args: [
            `--config.file=${rendered.prometheusConfig}`,
            `--storage.tsdb.path=${join(dataDir, 'prometheus-data')}`,
            `--web.listen-address=${listen}`,
            '--storage.tsdb.retention.time=1d',
            // Prometheus' default (.*) lets any page the developer opens read its API. Its own UI is
            // same-origin and needs no CORS; this allows only that origin, no other site
            // (tests/stack/exposure.test.ts).
            `--web.cors.origin=http://127\\.0\\.0\\.1:${ports.prometheus}`,
          ],
          logFile: join(dataDir, 'prometheus.log'),
        });
        await waitReady(procs.backend, `http://${listen}/-/ready`, 30000);
      } else {
        procs.backend = startProcess({
          name: 'victoria-metrics',
          command: programs.victoriaMetrics,
          args: [
            `-promscrape.config=${rendered.prometheusConfig}`,
            // rule_files, alerting and evaluation_interval are Prometheus' (vmalert's) business.
            '-promscrape.config.strictParse=false',
            `-promscrape.httpSDCheckInterval=${HTTP_SD_REFRESH}`,
            '-promscrape.fileSDCheckInterval=5s',
            `-storageDataPath=${join(dataDir, 'victoria-metrics-data')}`,
            `-httpListenAddr=${listen}`,
            '-search.latencyOffset=0',
            '-retentionPeriod=1d',
            // VictoriaMetrics 1.79 answers its query API with Access-Control-Allow-Origin: * and has
            // no flag to turn that off, so any page the developer opens can read the probe results
            // it holds; Prometheus, the default backend, allows no other site. Its routes that delete
            // or rewrite data answer a plain cross-site GET, so each takes a key made at this start
            // and told to nobody (integration.test.ts, "deletes nothing for a page of another site").
            ...VICTORIA_METRICS_KEYED.map((flag) => `-${flag}=${randomBytes(16).toString('hex')}`),
          ],
          logFile: join(dataDir, 'victoria-metrics.log'),
        });
        await waitReady(procs.backend, `http://${listen}/health`, 30000);
      }
    };

    // A port found free can be taken before the program binds it: then choose another, a few times.
    // Alertmanager first, so that Prometheus' first alerts have somewhere to go.
    for (const [name, start] of [
      ['blackbox', startBlackboxProcess],
      ...(backend === 'prometheus' ? [['alertmanager', startAlertmanagerProcess]] : []),
      ['prometheus', startBackendProcess],
    ]) {
      for (let attempt = 1; ; attempt++) {
        const program = { prometheus: backend, blackbox: 'blackbox_exporter', alertmanager: 'alertmanager' }[name];
        log(`starting ${program} on ${HOST}:${ports[name]}`);
        try {
          await start();
          break;
        } catch (error) {
          const key = name === 'prometheus' ? 'backend' : name;
          const bindFailed = /address already in use/i.test(procs[key]?.logTail() ?? '');
          if (!bindFailed || attempt >= 3 || askedPorts[name]) {
            throw error;
          }
          ports[name] = await freePort(Object.values(ports));
          rendered = render();
        }
      }
    }

    const promUrl = `http://${HOST}:${ports.prometheus}`;
    const admin = async (method, path, body) =>
      JSON.parse(
        (await fetchText(`${targetsUrl}${path}`, {
          method,
          // The targets service takes writes as JSON only, body or not.
          headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
          body: body ? JSON.stringify(body) : undefined,
        })) || 'null'
      );

    for (const target of extraTargets) {
      await admin('POST', '/admin/targets', target);
    }

    const targets = await listTargets(rendered, targetsUrl, ports, testHost, !dropIcmp);

    async function query(expr) {
      const url = new URL('/api/v1/query', promUrl);
      url.searchParams.set('query', expr);
      if (backend === 'victoria-metrics') {
        url.searchParams.set('nocache', '1');
      }
      const body = JSON.parse(await fetchText(url, {}, 10000));
      if (body.status !== 'success') {
        throw new Error(`query ${expr} failed: ${JSON.stringify(body)}`);
      }
      return body.data.result;
    }

    async function waitFor(expr, predicate, { timeoutMs = 30000, intervalMs = 250 } = {}) {
      const deadline = Date.now() + timeoutMs;
      let last;
      let lastError;
      while (Date.now() < deadline) {
        try {
          last = await query(expr);
          if (predicate(last)) {
            return last;
          }
        } catch (error) {
          lastError = error;
        }
        await sleep(intervalMs);
      }
      throw new Error(
        `waited ${timeoutMs} ms for ${expr}; last result ${JSON.stringify(last)}` +
          (lastError ? `; last error ${lastError.message}` : '')
      );
    }

    if (waitForScrapes) {
      // Discovery hands new targets to the scrapers every few seconds: wait for every probe target's
      // first scrape, so that the caller starts from a stack with data.
      log(`waiting for the first scrape of ${targets.length} probe targets`);
      await waitFor('count(up{job=~"probe_.*"})', (r) => Number(r[0]?.value[1] ?? 0) >= targets.length, {
        timeoutMs: 30000 + 3000 * scrapeIntervalSeconds + 10 * generatedTargets,
      });
    }

    const stack = {
      exited,
      backend,
      scrapeInterval,
      scrapeIntervalSeconds,
      promUrl,
      blackboxUrl: `http://${HOST}:${ports.blackbox}`,
      alertmanagerUrl: ports.alertmanager ? `http://${HOST}:${ports.alertmanager}${alertmanagerPath}` : undefined,
      targetsUrl,
      sdUrl: `${targetsUrl}/sd`,
      httpUrl: `http://${HOST}:${ports.http}`,
      httpsUrl: ports.tls === undefined ? undefined : `https://${HOST}:${ports.tls}`,
      notes,
      testHost: testHost && {
        namespace: testHost.namespace,
        address: testHost.address,
        port: testHost.port,
        icmpInstance: testHost.address,
        tcpInstance: `${testHost.address}:${testHost.port}`,
        get up() {
          return testHost.up;
        },
      },
      testHostUnavailable: notes.testHost,
      ports: { ...ports },
      dataDir,
      targets,
      query,
      waitFor,
      processes() {
        return Object.values(procs)
          .filter((p) => !p.exitInfo)
          .map((p) => ({ name: p.name, pid: p.pid, logFile: p.logFile }));
      },
      async stopTarget(name) {
        checkListener(name);
        await admin('POST', `/admin/listeners/${name}/stop`);
      },
      async startTarget(name) {
        checkListener(name);
        await admin('POST', `/admin/listeners/${name}/start`);
      },
      async stopTestHost() {
        checkTestHost(testHost);
        testHost.stop();
      },
      async startTestHost() {
        checkTestHost(testHost);
        testHost.start();
      },
      async stopBlackbox() {
        await procs.blackbox.stop();
      },
      async startBlackbox() {
        if (stopped) {
          throw new Error('the stack is stopped');
        }
        if (!procs.blackbox.exitInfo) {
          return;
        }
        await startBlackboxProcess();
      },
      /** @param {{ target?: string, labels?: Record<string, string>, module?: string }} [group] */
      async addSdTarget({ target, labels = {}, module } = {}) {
        const group = await admin('POST', '/admin/targets', { target, labels, module });
        return group.targets[0];
      },
      async removeSdTarget(target) {
        await admin('DELETE', `/admin/targets?target=${encodeURIComponent(target)}`);
      },
      async setGeneratedTargets(count) {
        await admin('PUT', `/admin/generated?count=${count}`);
      },
      async stop() {
        for (const [signal, handler] of signalHandlers) {
          process.removeListener(signal, handler);
        }
        await stop();
      },
    };
    log(
      `stack ready: ${backend} ${promUrl}, blackbox_exporter ${stack.blackboxUrl}, ` +
        (stack.alertmanagerUrl ? `alertmanager ${stack.alertmanagerUrl}, ` : '') +
        `targets ${targetsUrl}`
    );
    const dead = Object.values(procs).find((p) => p.exitInfo && !p.exitInfo.deliberate);
    if (dead) {
      throw new Error(
        `${dead.name} exited (${describeExit(dead.exitInfo)}) while the stack started:\n${dead.logTail()}`
      );
    }
    ready = true;
    return stack;
  } catch (error) {
    await stop();
    for (const [signal, handler] of signalHandlers) {
      process.removeListener(signal, handler);
    }
    throw error;
  }
}

/** What `npm run stack` and `npm start` print when `stack.exited` reports a process that died. */
export function describeDeath(death) {
  const tail = death.logTail ? death.logTail.replace(/^/gm, '  | ') : '  (its log is empty)';
  return [
    `${death.name} (pid ${death.pid}) exited by itself (${death.how}), so the stack stopped everything else.`,
    `Last lines of ${death.logFile}:`,
    tail,
    `Logs and data kept in ${death.dataDir}`,
  ].join('\n');
}

function checkTestHost(testHost) {
  if (!testHost) {
    throw new Error('this stack has no test host: start it with testHost: true, as root');
  }
}

/** Where the test host's probes go, by job: its address pinged, its port connected to. */
const TEST_HOST_JOBS = {
  probe_icmp: (host) => ({ targets: [host.address], labels: { service_name: 'test-host', env: 'test' } }),
  probe_tcp: (host) => ({
    targets: [`${host.address}:${host.port}`],
    labels: { service_name: 'test-host-tcp', env: 'test' },
  }),
};

/**
 * Changes the rendered Prometheus configuration for what exists on this machine only: the test
 * host's targets are added (they are no compose service), the HTTPS target is left out when the
 * targets service has no TLS listener, and the ICMP job when blackbox_exporter cannot ping (canPing).
 * Exported for tests/stack/render.test.ts.
 */
export function adjustTargets(prometheusConfig, { dropHttps, dropIcmp = false, testHost, alertmanagerPath }) {
  const config = parseYaml(readFileSync(prometheusConfig, 'utf8'));
  for (const alertmanager of config.alerting?.alertmanagers ?? []) {
    alertmanager.path_prefix = alertmanagerPath;
  }
  if (dropIcmp) {
    config.scrape_configs = (config.scrape_configs ?? []).filter((job) => job.job_name !== ICMP_JOB);
  }
  for (const job of config.scrape_configs ?? []) {
    if (dropHttps) {
      for (const group of job.static_configs ?? []) {
        group.targets = (group.targets ?? []).filter((target) => !target.startsWith('https://'));
      }
      job.static_configs = job.static_configs?.filter((group) => group.targets.length > 0);
    }
    if (testHost && TEST_HOST_JOBS[job.job_name]) {
      job.static_configs = [...(job.static_configs ?? []), TEST_HOST_JOBS[job.job_name](testHost)];
    }
  }
  writeFileSync(prometheusConfig, stringifyYaml(config, { lineWidth: 0 }));
}

/**
 * Alertmanager answers every origin (Access-Control-Allow-Origin: *, preflights included) and has no
 * flag to stop it, so a web page could read its alerts and add silences on 127.0.0.1. Its API lives
 * under a path of 128 random bits made at each start instead, which no other page can know; the
 * stack's users get it in alertmanagerUrl and in what npm run stack prints. Guarded by "Alertmanager
 * answers only under its own path" in tests/stack/exposure.test.ts.
 */
const ALERTMANAGER_PATH_BYTES = 16;

/** VictoriaMetrics' flags that guard a route changing its data or its state with a key. */
const VICTORIA_METRICS_KEYED = [
  'deleteAuthKey',
  'snapshotAuthKey',
  'forceMergeAuthKey',
  'forceFlushAuthKey',
  'search.resetCacheAuthKey',
  'pprofAuthKey',
];

const ICMP_JOB = 'probe_icmp';
const ICMP_NOTE =
  'no ICMP probes: blackbox_exporter can ping only as root or where net.ipv4.ping_group_range takes ' +
  "this user's group (sysctl -w net.ipv4.ping_group_range='0 2147483647')";

function checkListener(name) {
  if (!LISTENER_NAMES.includes(name)) {
    throw new Error(`no demo listener ${JSON.stringify(name)}: use ${LISTENER_NAMES.join(', ')}`);
  }
}

/** Every probe target of the rendered configuration: static, file_sd and the http_sd endpoint's. */
async function listTargets(rendered, targetsUrl, ports, testHost, ping) {
  const config = parseYaml(readFileSync(rendered.prometheusConfig, 'utf8'));
  const byPort = new Map(
    [
      ['http', ports.http],
      ['tls', ports.tls],
      ['tcp', ports.tcp],
      ['dns', ports.dns],
    ].map(([name, port]) => [String(port), name])
  );
  const out = [];
  for (const job of config.scrape_configs ?? []) {
    if (!job.job_name.startsWith('probe_')) {
      continue;
    }
    const groups = [...(job.static_configs ?? [])];
    for (const fileSd of job.file_sd_configs ?? []) {
      for (const pattern of fileSd.files ?? []) {
        const m = /^(.*)\/\*(\.\w+)$/.exec(pattern);
        const dir = join(rendered.prometheusDir, m ? m[1] : '.');
        const files = m ? readdirSync(dir).filter((f) => f.endsWith(m[2])) : [pattern];
        for (const file of files) {
          groups.push(...(parseYaml(readFileSync(join(dir, file), 'utf8')) ?? []));
        }
      }
    }
    for (const httpSd of job.http_sd_configs ?? []) {
      groups.push(...JSON.parse(await fetchText(httpSd.url.replace(/^http:\/\/[^/]+/, targetsUrl))));
    }
    for (const group of groups) {
      for (const instance of group.targets ?? []) {
        const labels = { ...(group.labels ?? {}) };
        const module = labels.module ?? job.params?.module?.[0];
        const port = /:(\d+)(?:\/|$)/.exec(instance)?.[1];
        const onTestHost =
          testHost !== undefined && (instance === testHost.address || instance.startsWith(`${testHost.address}:`));
        // DOWN by design: the closed port, the generated 503s, the route that answers 503 and the
        // one whose content check fails.
        const down = port === String(ports.tcpDown) || /\/(down\/\d+|status\/503|maintenance)$/.test(instance);
        let expected = down && !onTestHost ? 'down' : 'up';
        if (module === 'icmp' && !ping) {
          expected = 'unknown';
        }
        const listener = onTestHost ? 'testHost' : (byPort.get(port) ?? null);
        out.push({ job: job.job_name, instance, module, labels, expected, listener });
      }
    }
  }
  return out;
}
