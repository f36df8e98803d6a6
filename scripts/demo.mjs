#!/usr/bin/env node
// `npm start` / `npm run demo`: the product without Docker. Builds the plugin, starts the local stack
// (Prometheus, blackbox_exporter, demo targets) and the preview host showing the provisioned
// dashboard's Port Status panel with live data, and the Portwatch app's pages. Ctrl-C stops all of it; so does a process of the stack
// that exits by itself, after saying which one and how (exit status 1).
//
//   npm start
//   npm start -- --port 3001 --grafana 13 --backend victoria-metrics --interval 2s --generated 2000
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

// Node built-ins only in these three, so the arguments are checked before anything is installed.
import { hostConfig } from '../preview/lib/hosts.mjs';
import { generatedSetting } from '../targets/server.mjs';
import { whenParentGoes } from '../stack/procs.mjs';
import { ensureNodeModules, ROOT } from './ensure.mjs';

const USAGE = `Usage: npm start -- [options]
  --port PORT                             the preview's port, never another (default: 3000, or a free
                                          one when 3000 is taken)
  --grafana 12|13                         the Grafana line the preview host is built from (default 12)
  --language en-US|ko-KR                  the language the page starts in (default en-US; the page can switch)
  --backend prometheus|victoria-metrics   the metrics backend (default prometheus)
  --interval DURATION                     probe jobs' scrape interval (default 5s)
  --generated N                           N extra discovered targets, for a large grid
  -h, --help`;

const BACKENDS = ['prometheus', 'victoria-metrics'];

/**
 * The demo's settings from its command line, every one checked; throws with a message naming the
 * option. Runs before the build and the stack (~12 s), so that a typo is told at once
 * (tests/tools/demo.test.ts). The interval and a port in use are checked by `checkDemoSettings`.
 * @param {string[]} argv
 */
export function demoSettings(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      grafana: { type: 'string', default: '12' },
      language: { type: 'string', default: 'en-US' },
      backend: { type: 'string', default: 'prometheus' },
      interval: { type: 'string', default: '5s' },
      generated: { type: 'string', default: '0' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (values.port !== undefined && !(/^\d+$/.test(values.port) && port >= 1 && port <= 65535)) {
    throw new Error(`--port must be a port number from 1 to 65535, not ${JSON.stringify(values.port)}`);
  }
  try {
    hostConfig(values.grafana);
  } catch {
    throw new Error(`--grafana must be 12 or 13, not ${JSON.stringify(values.grafana)}`);
  }
  // The languages the plugin ships translations for, which are the ones the page can start in.
  const languages = readdirSync(join(ROOT, 'src', 'locales'));
  if (!languages.includes(values.language)) {
    throw new Error(`--language must be one of ${languages.join(', ')}, not ${JSON.stringify(values.language)}`);
  }
  if (!BACKENDS.includes(values.backend)) {
    throw new Error(`--backend must be ${BACKENDS.join(' or ')}, not ${JSON.stringify(values.backend)}`);
  }
  return { ...values, port, generated: generatedSetting(values.generated) };
}

/**
 * The checks that need the npm dependencies (stack/stack.mjs reads YAML), still made before the build:
 * the interval as the stack reads it, and whether a port asked for is free.
 * @param {{ interval: string, port?: number }} settings
 * @param {{ parseDuration: (text: string) => number, isPortFree: (port: number) => Promise<boolean> }} stack
 */
export async function checkDemoSettings(settings, { parseDuration, isPortFree }) {
  try {
    parseDuration(settings.interval);
  } catch {
    throw new Error(
      `--interval must be a duration from 1s to 5m like 5s or 1m, not ${JSON.stringify(settings.interval)}`
    );
  }
  if (settings.port !== undefined && !(await isPortFree(settings.port))) {
    throw new Error(`port ${settings.port} is in use; choose another --port or leave it out`);
  }
}

async function main() {
  let args;
  try {
    args = demoSettings(process.argv.slice(2));
  } catch (error) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(USAGE);
    process.exit(0);
  }

  try {
    ensureNodeModules();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  // Imported only now: both need the npm dependencies installed above.
  const { describeDeath, isPortFree, parseDuration, startStack } = await import('../stack/stack.mjs');
  try {
    await checkDemoSettings(args, { parseDuration, isPortFree });
  } catch (error) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) {
    console.error('The plugin did not build.');
    process.exit(1);
  }
  const { startPreviewServer } = await import('../preview/server.mjs');

  const log = (line) => console.log(`[demo] ${line}`);
  let stack;
  let preview;
  let stopping = false;

  async function stopAll(code) {
    if (stopping) {
      return;
    }
    stopping = true;
    log('stopping');
    await preview?.close().catch(() => {});
    await stack?.stop().catch(() => {});
    process.exit(code);
  }

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ]) {
    process.on(signal, () => stopAll(code));
  }
  whenParentGoes(() => {
    log('the process that started the demo has gone');
    stopAll(143);
  });

  try {
    stack = await startStack({
      backend: args.backend,
      scrapeInterval: args.interval,
      generatedTargets: args.generated,
      install: true,
      // As root, a host of its own to switch off, so that its port shows "host unreachable".
      testHost: true,
      log,
    });
    if (stack.testHost) {
      await stack.stopTestHost();
    }
    const options = {
      promUrl: stack.promUrl,
      grafana: args.grafana,
      language: args.language,
      scrapeInterval: stack.scrapeInterval,
      range: 'now-15m',
    };
    try {
      preview = await startPreviewServer({ ...options, port: args.port ?? 3000 });
    } catch (error) {
      // Only the default moves: a port asked for is that port or an error.
      if (error?.code !== 'EADDRINUSE' || args.port !== undefined) {
        throw error;
      }
      log('port 3000 is taken; using a free one');
      preview = await startPreviewServer({ ...options, port: 0 });
    }
  } catch (error) {
    console.error(`The demo did not start: ${error instanceof Error ? error.message : error}`);
    await stopAll(1);
  }

  console.log(banner(stack, preview));

  const death = await stack.exited;
  if (death && !stopping) {
    console.error(`\n${describeDeath(death)}`);
    await stopAll(1);
  }
}

/**
 * What the demo prints once it runs: the addresses, in one column (tests/tools/demo.test.ts, "banner").
 */
export function banner(stack, preview) {
  const alertmanagerLine = stack.alertmanagerUrl
    ? `\n  alertmanager       ${stack.alertmanagerUrl}   <- notifications received: ${stack.targetsUrl}/alerts`
    : '';
  return `
Portwatch is running; Ctrl-C stops it.

  Port Status panel  ${preview.url}   <- open this (Grafana ${preview.buildInfo.grafana} host, live data)
  Portwatch app      ${preview.appUrl}   <- its setup check and target builder
  app configuration  ${preview.appUrl.replace('/a/', '/plugins/')}   <- its data source
  ${stack.backend.padEnd(17)}  ${stack.promUrl}
  blackbox_exporter  ${stack.blackboxUrl}${alertmanagerLine}
  demo targets       ${stack.httpUrl} (HTTP), 127.0.0.1:${stack.ports.tcp} (TCP); admin ${stack.targetsUrl}

What the tiles show: ${stack.httpUrl}/status/503 answers "HTTP 503", ${stack.httpUrl}/maintenance
fails its content check, ${stack.httpsUrl ?? 'the HTTPS target'} has a certificate that expires in 10 days, and
both failing routes and the closed port 127.0.0.1:${stack.ports.tcpDown} fire PortwatchTargetDown after a minute.
${factsNotes(stack)}

Take the TCP target down and watch its tile turn DOWN, then bring it back:
  curl -X POST -H 'Content-Type: application/json' ${stack.targetsUrl}/admin/listeners/tcp/stop
  curl -X POST -H 'Content-Type: application/json' ${stack.targetsUrl}/admin/listeners/tcp/start
`;
}

function factsNotes(s) {
  const notes = [];
  if (s.testHost) {
    notes.push(
      `The test host ${s.testHost.address} (network namespace ${s.testHost.namespace}) is switched off: its port says "host unreachable", and PortwatchHostDown fires for it.`
    );
  }
  for (const note of Object.values(s.notes ?? {})) {
    notes.push(`${note}.`);
  }
  return notes.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(error?.stack ?? error);
    process.exit(1);
  });
}
