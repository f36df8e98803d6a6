// The target builder's output, taken as an operator would: promtool checks the prometheus.yml it
// writes (static, file_sd and http_sd jobs), and Prometheus with blackbox_exporter probes the targets
// it lists, with their labels and the host label of the stack's relabelling. All on 127.0.0.1, free
// ports, 1 s scrapes; every server and process stops at the end.
import dgram from 'node:dgram';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { blackboxModuleYaml } from '../../src/app/targets/blackboxModuleYaml';
import { defaultJobName } from '../../src/app/targets/defaultJobName';
import { parseTargets } from '../../src/app/targets/parseTargets';
import { JobSpec, prometheusConfig } from '../../src/app/targets/scrapeJobYaml';
import { fileSdYaml, httpSdJson } from '../../src/app/targets/targetGroups';
import { ModuleName, TargetSpec } from '../../src/app/targets/types';
import { startProcess, watchDirectory } from '../../stack/procs.mjs';
import { freePorts, waitReady } from '../../stack/stack.mjs';
import { programs, ROOT, run } from './tools';

type Sample = { metric: Record<string, string>; value: [number, string] };
type Proc = ReturnType<typeof startProcess>;

const HOST = '127.0.0.1';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const bin = programs(['prometheus', 'promtool', 'blackbox']);

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => resolve((server.address() as net.AddressInfo).port));
  });
}

/** Answers every DNS query with an empty NOERROR answer: enough for blackbox's default valid_rcodes. */
function startDnsServer(): Promise<{ socket: dgram.Socket; port: number }> {
  const socket = dgram.createSocket('udp4');
  socket.on('message', (query, peer) => {
    const answer = Buffer.from(query);
    answer[2] |= 0x80; // QR: a response, to the same id and question
    answer[3] = 0x80; // RA, RCODE 0
    socket.send(answer, peer.port, peer.address);
  });
  return new Promise((resolve) => socket.bind(0, HOST, () => resolve({ socket, port: socket.address().port })));
}

function targetsOf(text: string, module: ModuleName): TargetSpec[] {
  const result = parseTargets(text, module, { labels: { env: 'builder-test' } });
  const problems = result.lines.filter((l) => l.problems.length > 0);
  if (problems.length > 0) {
    throw new Error(`the test's own input has problems: ${JSON.stringify(problems)}`);
  }
  return [...result.targets];
}

describe('the target builder’s configuration, in Prometheus', () => {
  // Made in beforeAll, not while jest collects the tests: a run that filters them all out would leave it behind.
  let dir: string;
  const procs: Proc[] = [];
  let tcpServer: net.Server;
  let httpServer: http.Server;
  let dns: { socket: dgram.Socket; port: number };
  let configFile: string;
  let promUrl: string;
  let icmpJob: string;
  /** Each generated target with its job and the probe_success it should get. */
  const expected: Array<{ job: string; target: TargetSpec; success: '0' | '1' }> = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portwatch-target-builder-'));
    watchDirectory(dir);
    tcpServer = net.createServer((socket) => socket.end());
    const tcpPort = await listen(tcpServer);
    // Different from each other: the closed one must stay closed, the programs must not share one.
    const [closedPort, blackboxPort, dnsBlackboxPort, promPort] = await freePorts(4);
    let sdBody = '[]';
    httpServer = http.createServer((req, res) => {
      const known = req.url === '/sd' || req.url?.startsWith('/health');
      res.writeHead(known ? 200 : 404, { 'content-type': req.url === '/sd' ? 'application/json' : 'text/plain' });
      res.end(req.url === '/sd' ? sdBody : 'ok\n');
    });
    const httpPort = await listen(httpServer);
    dns = await startDnsServer();

    const tcp = targetsOf(
      [
        // Characters YAML refuses or reads as line breaks when written raw: yamlString escapes them.
        `${HOST}:${tcpPort} service_name=builder-tcp, team="db, core" note="c1\u0080 nel\u0085 ls\u2028 ps\u2029"`,
        `# nothing listens on the next one`,
        `${HOST}:${closedPort} service_name=builder-closed`,
        // One spelling per host: the relabelling writes host in lower case without the trailing dot,
        // as the builder says it will (and .invalid never resolves: this probe fails).
        `Closed.Invalid.:${closedPort} service_name=builder-spelling`,
      ].join('\r\n'),
      'tcp_connect'
    );
    expect(tcp.map((target) => target.host)).toContain('closed.invalid');
    const web = targetsOf(
      [
        `${HOST}:${httpPort}/health service_name='quotes "q", #1: yes'`,
        `http://${HOST}:${httpPort}/health?full=1,2 service_name=builder-http-query`,
        `http://${HOST}:${httpPort}/missing service_name=builder-http-404`,
        // Written http://…/health/upper: blackbox_exporter fails HTTP:// and never sends the fragment.
        `HTTP://${HOST}:${httpPort}/health/upper#top service_name=builder-http-upper`,
      ].join('\n'),
      'http_2xx'
    );
    const dnsTargets = targetsOf(`${HOST}:${dns.port} service_name=builder-dns`, 'dns');
    const fileSd = targetsOf(`${HOST}:${httpPort}/health/file-sd service_name=builder-file-sd`, 'http_2xx');
    const httpSd = targetsOf(`${HOST}:${tcpPort} service_name=builder-http-sd`, 'tcp_connect');
    // Named as the page names it: the dashboards' host query and the alert rules select this name.
    icmpJob = defaultJobName('icmp');
    const icmp = targetsOf(`${HOST} service_name=builder-icmp`, 'icmp');

    mkdirSync(join(dir, 'file_sd'));
    writeFileSync(join(dir, 'file_sd', 'builder.yml'), fileSdYaml(fileSd));
    sdBody = httpSdJson(httpSd);
    const dnsModule = blackboxModuleYaml('dns', { queryName: 'portwatch.test' })!;
    writeFileSync(join(dir, 'blackbox-dns.yml'), dnsModule);

    const exporter = `${HOST}:${blackboxPort}`;
    // file_sd and http_sd jobs default to tcp_connect, as the stack's do: the files' module label
    // must pick http_2xx for the file_sd target, or it fails.
    const jobs: JobSpec[] = [
      { targets: tcp, options: { jobName: 'probe_builder_tcp', module: 'tcp_connect', exporterAddress: exporter } },
      { targets: web, options: { jobName: 'probe_builder_http', module: 'http_2xx', exporterAddress: exporter } },
      {
        targets: dnsTargets,
        options: { jobName: 'probe_builder_dns', module: 'dns', exporterAddress: `${HOST}:${dnsBlackboxPort}` },
      },
      { targets: icmp, options: { jobName: icmpJob, module: 'icmp', exporterAddress: exporter } },
      {
        discovery: { kind: 'file_sd', files: ['file_sd/*.yml'], refreshInterval: '5s' },
        options: { jobName: 'probe_builder_file_sd', module: 'tcp_connect', exporterAddress: exporter },
      },
      {
        discovery: { kind: 'http_sd', url: `http://${HOST}:${httpPort}/sd`, refreshInterval: '5s' },
        options: { jobName: 'probe_builder_http_sd', module: 'tcp_connect', exporterAddress: exporter },
      },
    ];
    configFile = join(dir, 'prometheus.yml');
    writeFileSync(configFile, prometheusConfig(jobs, { scrapeInterval: '1s' }));

    const ok = (job: string, targets: TargetSpec[], success: '0' | '1' = '1') =>
      targets.forEach((target) => expected.push({ job, target, success }));
    ok('probe_builder_tcp', tcp.slice(0, 1));
    ok('probe_builder_tcp', tcp.slice(1), '0');
    ok('probe_builder_http', web.slice(0, 2));
    ok('probe_builder_http', web.slice(2, 3), '0');
    ok('probe_builder_http', web.slice(3));
    ok('probe_builder_dns', dnsTargets);
    ok('probe_builder_file_sd', fileSd);
    ok('probe_builder_http_sd', httpSd);

    const start = (name: string, command: string, args: string[], readyUrl: string) => {
      const proc = startProcess({ name, command, args, logFile: join(dir, `${name}.log`) });
      procs.push(proc);
      return waitReady(proc, readyUrl, 30000);
    };
    await Promise.all([
      start(
        'blackbox',
        bin.blackbox,
        [`--config.file=${join(ROOT, 'stack/blackbox/blackbox.yml')}`, `--web.listen-address=${exporter}`],
        `http://${exporter}/-/healthy`
      ),
      start(
        'blackbox-dns',
        bin.blackbox,
        [`--config.file=${join(dir, 'blackbox-dns.yml')}`, `--web.listen-address=${HOST}:${dnsBlackboxPort}`],
        `http://${HOST}:${dnsBlackboxPort}/-/healthy`
      ),
    ]);
    promUrl = `http://${HOST}:${promPort}`;
    await start(
      'prometheus',
      bin.prometheus,
      [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=${HOST}:${promPort}`,
      ],
      `${promUrl}/-/ready`
    );
  }, 60000);

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    httpServer?.closeAllConnections();
    await Promise.all([
      new Promise((resolve) => tcpServer?.close(resolve)),
      new Promise((resolve) => httpServer?.close(resolve)),
      new Promise<void>((resolve) => (dns ? dns.socket.close(() => resolve()) : resolve())),
    ]);
    rmSync(dir, { recursive: true, force: true });
    watchDirectory(dir, false);
  }, 30000);

  it('passes promtool check config, file_sd file included', () => {
    const result = run(bin.promtool, ['check', 'config', configFile]);
    expect([result.status, result.output]).toEqual([0, expect.stringMatching(/SUCCESS/)]);
    expect(result.output).not.toMatch(/WARNING/);
  });

  it('has blackbox_exporter accept the dns module it writes', () => {
    const result = run(bin.blackbox, ['--config.check', `--config.file=${join(dir, 'blackbox-dns.yml')}`]);
    expect([result.status, result.output]).toEqual([0, expect.stringMatching(/Config file is ok/)]);
  });

  it('gets every target probed with its module, labels and host label', async () => {
    const find = (results: Sample[], job: string, target: TargetSpec) =>
      results.find((r) => r.metric.job === job && r.metric.instance === target.address);
    const deadline = Date.now() + 40000;
    let results: Sample[] = [];
    while (Date.now() < deadline) {
      const url = new URL('/api/v1/query', promUrl);
      url.searchParams.set('query', 'probe_success{job=~"probe_builder_.*"}');
      results = (await (await fetch(url)).json()).data.result;
      if (expected.every(({ job, target, success }) => find(results, job, target)?.value[1] === success)) {
        break;
      }
      await sleep(250);
    }
    const seen = expected.map(({ job, target }) => [job, target.address, find(results, job, target)?.value[1]]);
    expect(seen).toEqual(expected.map(({ job, target, success }) => [job, target.address, success]));
    for (const { job, target } of expected) {
      const moduleLabel = job.endsWith('_sd') ? { module: target.module } : {};
      expect(find(results, job, target)?.metric).toEqual({
        __name__: 'probe_success',
        job,
        instance: target.address,
        host: target.host,
        ...target.labels,
        ...moduleLabel,
      });
    }
    expect(results).toHaveLength(expected.length);
  }, 60000);

  // Whether the ping succeeds depends on the machine's ping rights; that the series is there under
  // the selected name is what the dashboard's host query and PortwatchHostDown need.
  it('gets the ICMP job’s probe results under the job name the dashboards and alert rules select', async () => {
    const url = new URL('/api/v1/query', promUrl);
    url.searchParams.set('query', 'probe_success{job="probe_icmp"}');
    const deadline = Date.now() + 20000;
    let results: Sample[] = [];
    while (results.length === 0 && Date.now() < deadline) {
      await sleep(250);
      results = (await (await fetch(url)).json()).data.result;
    }
    expect(results.map((r) => [r.metric.job, r.metric.instance, r.metric.host])).toEqual([[icmpJob, HOST, HOST]]);
  }, 30000);
});
