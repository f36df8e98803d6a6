/**
 * Renders the stack's configuration (the files Docker Compose mounts as they are) for processes on
 * this machine: service host names become 127.0.0.1 with the ports chosen, and the probe jobs'
 * scrape interval becomes the one asked for. There is one copy of each file; this is the only place
 * that knows which names and ports in it are the compose services'.
 *
 * For tests only, `alertTimeScale` multiplies the alerting's durations (rule evaluation interval,
 * the rules' `for`, Alertmanager's group_wait, group_interval and repeat_interval), so that a test
 * sees alerts fire, group and resolve in seconds.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';

export const STACK_DIR = fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, '');
export const PROMETHEUS_DIR = join(STACK_DIR, 'prometheus');
export const BLACKBOX_CONFIG = join(STACK_DIR, 'blackbox', 'blackbox.yml');
export const ALERTMANAGER_CONFIG = join(STACK_DIR, 'alertmanager', 'alertmanager.yml');

/**
 * The compose services' addresses as the shipped configuration writes them, and which of the local
 * stack's ports each one becomes. A host without a port (ICMP) maps to the host alone.
 */
export const SERVICE_ADDRESSES = {
  'localhost:9090': 'prometheus',
  'blackbox:9115': 'blackbox',
  'alertmanager:9093': 'alertmanager',
  'targets:5000': 'http',
  'targets:5001': 'admin',
  'targets:5053': 'dns',
  'targets:8080': 'tcp',
  'targets:8081': 'tcpDown',
  'targets:8443': 'tls',
  targets: null,
};

const SERVICE_HOSTS = ['targets', 'blackbox', 'alertmanager', 'localhost'];
// A service host name, alone or with a port, not part of a longer name or path segment.
const ADDRESS = new RegExp(`(?<![\\w.-])(${SERVICE_HOSTS.join('|')})(?::(\\d+))?(?![\\w.-])`, 'g');

/** Replaces the service addresses in one string; throws on a service address it does not know. */
export function renderAddress(text, ports, host = '127.0.0.1') {
  return text.replace(ADDRESS, (match, name, port) => {
    if (!(match in SERVICE_ADDRESSES)) {
      if (name === 'localhost') {
        return match;
      }
      throw new Error(`no local address for the service address "${match}"`);
    }
    const key = SERVICE_ADDRESSES[match];
    if (key === null) {
      return host;
    }
    if (!ports[key]) {
      throw new Error(`no port given for ${key} (${match})`);
    }
    return `${host}:${ports[key]}`;
  });
}

const UNIT_MS = { ms: 1, s: 1000, m: 60000, h: 3600000, d: 86400000, w: 604800000, y: 31536000000 };

/** A Prometheus or Alertmanager duration ('1m', '1h30m', '500ms') times `factor`, in milliseconds. */
export function scaleDuration(text, factor) {
  const parts = [...String(text).matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== String(text)) {
    throw new Error(`not a duration: ${JSON.stringify(text)}`);
  }
  const ms = parts.reduce((sum, [, count, unit]) => sum + Number(count) * UNIT_MS[unit], 0);
  return `${Math.max(1, Math.round(ms * factor))}ms`;
}

// The durations alertTimeScale scales, by where they are written.
const ALERTING_DURATIONS = new Set(['evaluation_interval', 'group_wait', 'group_interval', 'repeat_interval']);
const RULE_DURATIONS = new Set(['for']);

function parseYaml(text) {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw doc.errors[0];
  }
  return doc;
}

/** Multiplies the values of the keys named, wherever they are in the document. */
function scaleDurations(doc, keys, factor) {
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && keys.has(pair.key.value) && isScalar(pair.value)) {
        pair.value.value = scaleDuration(pair.value.value, factor);
      }
    },
  });
}

const isScaled = (alertTimeScale) => alertTimeScale !== undefined && alertTimeScale !== 1;

/**
 * Renders one YAML text: addresses in every string value (never in keys), with `scrapeInterval`
 * every job's own `scrape_interval` (the probe jobs set one; the global one stays), and with
 * `alertTimeScale` the evaluation interval and Alertmanager's timings.
 * @param {string} text
 * @param {{ports: Record<string, number | undefined>, scrapeInterval?: string, host?: string, alertTimeScale?: number}} options
 */
export function renderYaml(text, { ports, scrapeInterval, host = '127.0.0.1', alertTimeScale }) {
  const doc = parseYaml(text);
  if (isScaled(alertTimeScale)) {
    scaleDurations(doc, ALERTING_DURATIONS, alertTimeScale);
  }
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.value) && typeof pair.value.value === 'string') {
        pair.value.value = renderAddress(pair.value.value, ports, host);
      }
    },
    Seq(_, seq) {
      for (const item of seq.items) {
        if (isScalar(item) && typeof item.value === 'string') {
          item.value = renderAddress(item.value, ports, host);
        }
      }
    },
  });
  if (scrapeInterval) {
    const jobs = doc.get('scrape_configs');
    if (isSeq(jobs)) {
      for (const job of jobs.items) {
        if (isMap(job) && job.has('scrape_interval')) {
          job.set('scrape_interval', scrapeInterval);
        }
      }
    }
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

// Rule files hold no addresses: they are copied as they are, unless alertTimeScale changes them.
const RULE_DIRS = new Set(['rules']);

function renderTree(from, to, options, rules = false) {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const source = join(from, name);
    const target = join(to, name);
    if (statSync(source).isDirectory()) {
      if (RULE_DIRS.has(name) && !isScaled(options.alertTimeScale)) {
        cpSync(source, target, { recursive: true });
      } else {
        renderTree(source, target, options, rules || RULE_DIRS.has(name));
      }
    } else if (rules && /\.ya?ml$/.test(name)) {
      const doc = parseYaml(readFileSync(source, 'utf8'));
      scaleDurations(doc, RULE_DURATIONS, options.alertTimeScale);
      writeFileSync(target, doc.toString({ lineWidth: 0 }));
    } else if (/\.ya?ml$/.test(name)) {
      writeFileSync(target, renderYaml(readFileSync(source, 'utf8'), options));
    } else {
      cpSync(source, target);
    }
  }
}

/**
 * Writes the rendered configuration under `dir`: `prometheus/` (prometheus.yml, rules/, file_sd/),
 * `blackbox.yml` and `alertmanager.yml`. Returns their paths.
 * @param {string} dir
 * @param {{ports: Record<string, number>, scrapeInterval?: string, host?: string, alertTimeScale?: number}} options
 */
export function renderConfig(dir, options) {
  if (options.alertTimeScale !== undefined && !(options.alertTimeScale > 0)) {
    throw new Error(`alertTimeScale must be a number above 0, not ${JSON.stringify(options.alertTimeScale)}`);
  }
  const prometheusDir = join(dir, 'prometheus');
  renderTree(PROMETHEUS_DIR, prometheusDir, options);
  const blackboxConfig = join(dir, 'blackbox.yml');
  writeFileSync(blackboxConfig, renderYaml(readFileSync(BLACKBOX_CONFIG, 'utf8'), options));
  const alertmanagerConfig = join(dir, 'alertmanager.yml');
  writeFileSync(alertmanagerConfig, renderYaml(readFileSync(ALERTMANAGER_CONFIG, 'utf8'), options));
  return { prometheusConfig: join(prometheusDir, 'prometheus.yml'), prometheusDir, blackboxConfig, alertmanagerConfig };
}
