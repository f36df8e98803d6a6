import { buildOutputs } from './targetOutputs';
import { parseTargets } from './targets/parseTargets';

const targets = parseTargets('db-1.example.com:5432', 'tcp_connect').targets;
const job = { jobName: 'probe_tcp_ports', module: 'tcp_connect' as const, exporterAddress: '127.0.0.1:9115' };
const dns = { queryName: 'example.com' };

describe('buildOutputs', () => {
  it('writes the job when the generator would', () => {
    expect(buildOutputs(targets, job, dns).job.text).toContain('job_name: "probe_tcp_ports"');
  });

  it('takes a Compose service name as the exporter, as the generator does', () => {
    const output = buildOutputs(targets, { ...job, exporterAddress: 'blackbox_exporter:9115' }, dns).job;
    expect(output.text).toContain('replacement: "blackbox_exporter:9115"');
  });

  it.each<[string, Partial<typeof job>, string]>([
    ['no exporter', { exporterAddress: '' }, 'exporter-address'],
    ['an exporter without a port', { exporterAddress: 'blackbox' }, 'exporter-address'],
    ['an exporter with a port out of range', { exporterAddress: 'blackbox:99999' }, 'exporter-address'],
    ['an exporter that is a URL', { exporterAddress: 'http://blackbox:9115/' }, 'exporter-address'],
    ['an empty job name', { jobName: '' }, 'job-name'],
    ['a job name with spaces around it', { jobName: ' probe ' }, 'job-name'],
  ])('notes %s instead of writing the job', (_, change, note) => {
    expect(buildOutputs(targets, { ...job, ...change }, dns).job).toEqual({ fileName: 'prometheus-job.yml', note });
  });

  // The discovery files are named after the job; the module is the same whatever the job is called.
  it('writes neither discovery file under an invalid job name, and the module still', () => {
    const outputs = buildOutputs(targets, { ...job, jobName: '', module: 'http_2xx' }, dns);
    expect(outputs.file_sd).toEqual({ fileName: '.yml', note: 'job-name' });
    expect(outputs.http_sd).toEqual({ fileName: '.json', note: 'job-name' });
    expect(buildOutputs([], { ...job, jobName: ' x ' }, dns).job.note).toBe('job-name');
    const dnsModule = buildOutputs(targets, { ...job, jobName: '', module: 'dns' }, dns).module;
    expect(dnsModule.text).toContain('query_name: "example.com"');
  });

  it('notes that there is nothing to write without targets', () => {
    expect(buildOutputs([], job, dns).job.note).toBe('no-targets');
  });
});
