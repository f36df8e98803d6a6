#!/usr/bin/env node
/**
 * `npm run stack`: the Portwatch stack without Docker (see stack/stack.mjs). Runs until Ctrl-C,
 * then stops every process it started. If one of them exits by itself, it says which and how, stops
 * the others, keeps the data directory with their logs and exits with 1.
 *
 *   npm run stack
 *   npm run stack -- --backend victoria-metrics --interval 2s --generated 2000
 *   npm run stack -- --port prometheus=19090 --port http=15000
 */
import { parseArgs } from 'node:util';

import { whenParentGoes } from '../stack/procs.mjs';
import { DEFAULT_PORTS, describeDeath, startStack } from '../stack/stack.mjs';
import { generatedSetting } from '../targets/server.mjs';

// `prometheus` names the metrics backend's port, either backend's (startStack's choosePort).
const PORT_NAMES = Object.keys(DEFAULT_PORTS).filter((name) => name !== 'victoriaMetrics');

const USAGE = `Usage: npm run stack -- [options]
  --backend prometheus|victoria-metrics   the metrics backend (default prometheus)
  --interval DURATION                     probe jobs' scrape interval (default 5s)
  --generated N                           serve N generated targets from the discovery endpoint
  --port NAME=PORT                        use this port, never another (0: any free one); NAME is one of
                                          ${PORT_NAMES.join(', ')}
                                          (prometheus names the metrics backend's port, either one)
  --any-ports                             free ports everywhere instead of the defaults
  --no-install                            never install missing Debian packages
  -h, --help`;

let parsed;
try {
  parsed = parseArgs({
    options: {
      backend: { type: 'string', default: 'prometheus' },
      interval: { type: 'string', default: '5s' },
      generated: { type: 'string', default: '0' },
      port: { type: 'string', multiple: true, default: [] },
      'any-ports': { type: 'boolean', default: false },
      'no-install': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
} catch (error) {
  console.error(`${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (parsed.help) {
  console.log(USAGE);
  process.exit(0);
}

const ports = {};
for (const spec of parsed.port) {
  const m = /^(\w+)=(\d+)$/.exec(spec);
  if (!m || !PORT_NAMES.includes(m[1])) {
    console.error(`--port takes NAME=PORT with NAME one of ${PORT_NAMES.join(', ')}\n\n${USAGE}`);
    process.exit(2);
  }
  ports[m[1]] = Number(m[2]);
}
let generated;
try {
  generated = generatedSetting(parsed.generated);
} catch (error) {
  console.error(`${error.message}\n\n${USAGE}`);
  process.exit(2);
}

const log = (line) => console.log(`[stack] ${line}`);
// npm does not pass a SIGTERM on to this process: when npm (or whatever started it) goes, this
// process takes the signal itself, and the stack's own handler stops everything.
whenParentGoes(() => {
  log('the process that started the stack has gone');
  process.kill(process.pid, 'SIGTERM');
});
let stack;
try {
  stack = await startStack({
    backend: parsed.backend,
    scrapeInterval: parsed.interval,
    generatedTargets: generated,
    ports,
    preferDefaultPorts: !parsed['any-ports'],
    install: !parsed['no-install'],
    handleSignals: true,
    log,
  });
} catch (error) {
  console.error(`The stack did not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

const alertmanagerLine = stack.alertmanagerUrl
  ? `\n  alertmanager      ${stack.alertmanagerUrl}   <- notifications received: ${stack.targetsUrl}/alerts`
  : '';
const down = stack.targets.filter((t) => t.expected === 'down').map((t) => t.instance);
console.log(`
Portwatch stack is running (${stack.backend}, probes every ${stack.scrapeInterval}); Ctrl-C stops it.

  ${stack.backend === 'prometheus' ? 'Prometheus      ' : 'VictoriaMetrics '} ${stack.promUrl}   <- Grafana data source URL (type Prometheus)
  blackbox_exporter ${stack.blackboxUrl}${alertmanagerLine}
  demo targets      ${stack.httpUrl} (HTTP), ${stack.httpsUrl ? `${stack.httpsUrl} (HTTPS), ` : ''}127.0.0.1:${stack.ports.tcp} (TCP), 127.0.0.1:${stack.ports.dns}/udp (DNS)
  service discovery ${stack.sdUrl}
  logs and data     ${stack.dataDir}

${stack.targets.length} probe targets${down.length ? `; DOWN by design: ${down.join(', ')}` : ''}.${Object.values(
  stack.notes
)
  .map((note) => `\n${note}.`)
  .join('')}

Take a target down and up again, or add one to service discovery (the admin routes take JSON only):
  curl -X POST -H 'Content-Type: application/json' ${stack.targetsUrl}/admin/listeners/tcp/stop
  curl -X POST -H 'Content-Type: application/json' ${stack.targetsUrl}/admin/listeners/tcp/start
  curl -X POST -H 'Content-Type: application/json' ${stack.targetsUrl}/admin/targets -d '{"target":"127.0.0.1:${stack.ports.admin}","labels":{"service_name":"mine"}}'
  curl -X DELETE -H 'Content-Type: application/json' '${stack.targetsUrl}/admin/targets?target=127.0.0.1:${stack.ports.admin}'
`);

// Keeps the process alive until a signal, whose handler stops everything and exits, or until a
// process of the stack dies.
const keepAlive = setInterval(() => {}, 1 << 30);
const death = await stack.exited;
if (death) {
  clearInterval(keepAlive);
  console.error(`\n${describeDeath(death)}`);
  process.exit(1);
}
