/**
 * Renders the stack's configuration (the files Docker Compose mounts as they are) for processes on
 * this machine: service host names become 127.0.0.1 with the ports chosen, and the probe jobs'
 * scrape interval becomes the one asked for. There is one copy of each file; this is the only place
 * that knows which names and ports in it are the compose services'.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';

export const STACK_DIR = fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, '');
export const PROMETHEUS_DIR = join(STACK_DIR, 'prometheus');
export const BLACKBOX_CONFIG = join(STACK_DIR, 'blackbox', 'blackbox.yml');

/**
 * The compose services' addresses as the shipped configuration writes them, and which of the local
 * stack's ports each one becomes. A host without a port (ICMP) maps to the host alone.
 */
export const SERVICE_ADDRESSES = {
  'localhost:9090': 'prometheus',
  'blackbox:9115': 'blackbox',
  'targets:5000': 'http',
  'targets:5001': 'admin',
  'targets:5053': 'dns',
  'targets:8080': 'tcp',
  'targets:8081': 'tcpDown',
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

/**
 * Renders one YAML text: addresses in every string value (never in keys), and with `scrapeInterval`
 * every job's own `scrape_interval` (the probe jobs set one; the global one stays).
 */
export function renderYaml(text, { ports, scrapeInterval, host = '127.0.0.1' }) {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw doc.errors[0];
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

// Rule files hold no addresses: they are copied as they are.
const COPIED_AS_IS = new Set(['rules']);

function renderTree(from, to, options) {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const source = join(from, name);
    const target = join(to, name);
    if (statSync(source).isDirectory()) {
      if (COPIED_AS_IS.has(name)) {
        cpSync(source, target, { recursive: true });
      } else {
        renderTree(source, target, options);
      }
    } else if (/\.ya?ml$/.test(name)) {
      writeFileSync(target, renderYaml(readFileSync(source, 'utf8'), options));
    } else {
      cpSync(source, target);
    }
  }
}

/**
 * Writes the rendered configuration under `dir`: `prometheus/` (prometheus.yml, rules/, file_sd/)
 * and `blackbox.yml`. Returns their paths.
 * @param {string} dir
 * @param {{ports: Record<string, number>, scrapeInterval?: string, host?: string}} options
 */
export function renderConfig(dir, options) {
  const prometheusDir = join(dir, 'prometheus');
  renderTree(PROMETHEUS_DIR, prometheusDir, options);
  const blackboxConfig = join(dir, 'blackbox.yml');
  writeFileSync(blackboxConfig, renderYaml(readFileSync(BLACKBOX_CONFIG, 'utf8'), options));
  return { prometheusConfig: join(prometheusDir, 'prometheus.yml'), prometheusDir, blackboxConfig };
}
