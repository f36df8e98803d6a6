// The shipped configuration passes the checks of the programs that read it, as shipped and as
// rendered for the stack without Docker.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { renderConfig } from '../../stack/render.mjs';
import { programs, ROOT, run } from './tools';

const bin = programs(['promtool', 'blackbox', 'victoriaMetrics', 'amtool']);
const PROMETHEUS_CONFIG = join(ROOT, 'stack/prometheus/prometheus.yml');
const RULES = join(ROOT, 'stack/prometheus/rules/portwatch.yml');

function expectSuccess(result: { status: number | null; output: string }) {
  if (result.status !== 0) {
    throw new Error(`exit ${result.status}:\n${result.output}`);
  }
}

describe('shipped configuration', () => {
  it('passes promtool check config, rule files included', () => {
    const result = run(bin.promtool, ['check', 'config', PROMETHEUS_CONFIG]);
    expectSuccess(result);
    expect(result.output).toMatch(/SUCCESS: 3 rules found/);
    expect(result.output).not.toMatch(/WARNING/);
  });

  it('passes promtool check rules', () => {
    const result = run(bin.promtool, ['check', 'rules', RULES]);
    expectSuccess(result);
    expect(result.output).toMatch(/SUCCESS: 3 rules found/);
  });

  it('passes the alert rules unit tests (promtool test rules)', () => {
    expectSuccess(run(bin.promtool, ['test', 'rules', join(ROOT, 'tests/stack/rules/portwatch.test.yml')]));
  });

  it('passes blackbox_exporter --config.check', () => {
    const result = run(bin.blackbox, ['--config.check', `--config.file=${join(ROOT, 'stack/blackbox/blackbox.yml')}`]);
    expectSuccess(result);
    expect(result.output).toMatch(/Config file is ok/);
  });

  it('passes amtool check-config (Alertmanager of the alerting profile)', () => {
    const result = run(bin.amtool, ['check-config', join(ROOT, 'stack/alertmanager/alertmanager.yml')]);
    expectSuccess(result);
    expect(result.output).toMatch(/SUCCESS/);
  });
});

describe('configuration rendered for loopback', () => {
  let dir: string;
  let rendered: { prometheusConfig: string; blackboxConfig: string };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'portwatch-render-'));
    const ports = {
      prometheus: 19090,
      blackbox: 19115,
      http: 15000,
      admin: 15001,
      dns: 15053,
      tcp: 18080,
      tcpDown: 18081,
    };
    rendered = renderConfig(dir, { ports, scrapeInterval: '1s' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes promtool check config', () => {
    const result = run(bin.promtool, ['check', 'config', rendered.prometheusConfig]);
    expectSuccess(result);
    expect(result.output).not.toMatch(/WARNING/);
  });

  it('passes blackbox_exporter --config.check', () => {
    expectSuccess(run(bin.blackbox, ['--config.check', `--config.file=${rendered.blackboxConfig}`]));
  });

  it('is accepted by VictoriaMetrics (-promscrape.config.dryRun)', () => {
    expectSuccess(
      run(bin.victoriaMetrics, [
        `-promscrape.config=${rendered.prometheusConfig}`,
        '-promscrape.config.strictParse=false',
        '-promscrape.config.dryRun',
        '-loggerLevel=ERROR',
      ])
    );
  });
});
