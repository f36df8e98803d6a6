import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { createDataFrame, dateTime, FieldType, TimeRange } from '@grafana/data';

import { interpolatePromQL, ResolvedVariable, TemplateVariables } from './templating';
import { applyVariableRegex, parseCustomOptions, sortOptions } from './variables';

const range: TimeRange = { from: dateTime(1_000), to: dateTime(2_000), raw: { from: 'now-1h', to: 'now' } };

function variable(partial: Partial<ResolvedVariable> & Pick<ResolvedVariable, 'name' | 'current'>): ResolvedVariable {
  return { type: 'query', multi: true, includeAll: true, options: [], ...partial };
}

const job = variable({
  name: 'job',
  current: ['$__all'],
  options: [
    { text: 'blackbox', value: 'blackbox' },
    { text: 'blackbox.tcp', value: 'blackbox.tcp' },
  ],
});
const instance = variable({
  name: 'instance',
  current: ['$__all'],
  allValue: '.*',
  options: [{ text: 'a:80', value: 'a:80' }],
});
const one = variable({
  name: 'one',
  current: ['127.0.0.1:8080'],
  options: [{ text: '127.0.0.1:8080', value: '127.0.0.1:8080' }],
});
const single = variable({ name: 'single', multi: false, includeAll: false, current: "it's", options: [] });

const vars = new TemplateVariables([job, instance, one, single], range, 'utc');

describe('PromQL interpolation (the Prometheus datasource format)', () => {
  it.each([
    [
      'All without a custom all value: every option, regex-escaped and ORed',
      'up{job=~"$job"}',
      'up{job=~"(blackbox|blackbox\\\\.tcp)"}',
    ],
    ['All with a custom all value: the value as is', 'up{instance=~"$instance"}', 'up{instance=~".*"}'],
    [
      'one value of a multi variable: regex-escaped',
      'up{instance=~"${one}"}',
      'up{instance=~"127\\\\.0\\\\.0\\\\.1:8080"}',
    ],
    ['a single-value variable: quotes escaped, no regex escaping', "x{a='$single'}", "x{a='it\\\\'s'}"],
    ['an unknown variable stays', 'up{job="$nope"}', 'up{job="$nope"}'],
    ['$__rate_interval stays for the backend', 'rate(x[$__rate_interval])', 'rate(x[$__rate_interval])'],
  ])('%s', (_what, expr, expected) => {
    expect(vars.replace(expr, undefined, interpolatePromQL)).toBe(expected);
  });
});

describe('replaceVariables formats', () => {
  it.each([
    ['$job', '{blackbox,blackbox.tcp}'],
    ['${job:csv}', 'blackbox,blackbox.tcp'],
    ['${job:pipe}', 'blackbox|blackbox.tcp'],
    ['${job:regex}', '(blackbox|blackbox\\.tcp)'],
    ['${job:text}', 'All'],
    ['${job:queryparam}', 'var-job=blackbox&var-job=blackbox.tcp'],
    ['${instance:csv}', '.*'],
    ['${instance:text}', 'All'],
    ['[[one]]', '127.0.0.1:8080'],
    ['${__from}-${__to}', '1000-2000'],
    ['${__from:date:seconds}', '1'],
    ['${__timezone}', 'utc'],
  ])('%s -> %s', (text, expected) => {
    expect(vars.replace(text)).toBe(expected);
  });
});

describe('data link macros', () => {
  const frame = createDataFrame({
    name: 'probe',
    fields: [
      { name: 'Time', type: FieldType.time, values: [1_000, 2_000] },
      { name: 'probe_success', type: FieldType.number, values: [1, 0], labels: { instance: 'a:80', job: 'blackbox' } },
    ],
  });
  const field = frame.fields[1];
  const scopedVars = { __dataContext: { value: { frame, field, data: [frame], rowIndex: 1 } } };

  it.each([
    ['${__field.labels.instance}', 'a:80'],
    ['${__field.name}', 'probe_success'],
    ['${__field.labels}', 'instance="a:80", job="blackbox"'],
    ['${__value.raw}', '0'],
    ['${__value.time}', '2000'],
    ['${__series.name}', 'probe'],
    ['${__data.fields.probe_success}', '0'],
  ])('%s -> %s', (text, expected) => {
    expect(vars.replace(text, scopedVars)).toBe(expected);
  });

  it("carries a URL target whole through the Port Status dashboard's Port detail link", () => {
    const dashboard = JSON.parse(readFileSync(join(__dirname, '../../../dashboards/port-status.json'), 'utf8'));
    const panel = dashboard.panels.find((p: { type: string }) => p.type === 'portwatch-status-panel');
    const url: string = panel.fieldConfig.defaults.links[0].url;
    const target = 'http://web:5000/health?env=prod&region=eu#top+x';
    const frame = createDataFrame({
      fields: [{ name: 'v', type: FieldType.number, values: [1], labels: { instance: target } }],
    });
    const context = { __dataContext: { value: { frame, field: frame.fields[0], data: [frame] } } };
    // Data links are interpolated with `uriencode` unless a variable names its own format.
    const href = new URL(vars.replace(url, context, 'uriencode'), 'http://grafana');
    expect(href.searchParams.get('var-instance')).toBe(target);
    expect(href.searchParams.get('from')).toBe('1000');
  });

  it('percent-encodes for URLs when asked', () => {
    const spaced = createDataFrame({
      fields: [{ name: 'v', type: FieldType.number, values: [1], labels: { instance: 'a b/c' } }],
    });
    const context = { __dataContext: { value: { frame: spaced, field: spaced.fields[0], data: [spaced] } } };
    expect(vars.replace('https://x/?i=${__field.labels.instance}', context, 'uriencode')).toBe('https://x/?i=a%20b/c');
    expect(vars.replace('${__field.labels.instance:percentencode}', context)).toBe('a%20b%2Fc');
  });
});

describe('variable options', () => {
  it('reads custom variables, with escaped commas and text : value pairs', () => {
    expect(parseCustomOptions('a, b\\,c , Prod : prod')).toEqual([
      { text: 'a', value: 'a' },
      { text: 'b,c', value: 'b,c' },
      { text: 'Prod', value: 'prod' },
    ]);
  });

  it('filters and captures with the variable regex, dropping duplicates', () => {
    expect(applyVariableRegex(['web-1:80', 'web-2:80', 'db:5432', 'web-1:80'], '/web-(\\d+)/')).toEqual([
      { text: '1', value: '1' },
      { text: '2', value: '2' },
    ]);
    expect(applyVariableRegex(['a:1', 'b:2'], '/(?<text>[a-z]+):(?<value>\\d)/')).toEqual([
      { text: 'a', value: '1' },
      { text: 'b', value: '2' },
    ]);
  });

  it.each([
    [1, ['a10', 'a2', 'b1']],
    [2, ['b1', 'a2', 'a10']],
    [3, ['b1', 'a2', 'a10']],
    [4, ['a10', 'a2', 'b1']],
  ])('sorts with order %d', (sort, expected) => {
    const options = ['a2', 'b1', 'a10'].map((v) => ({ text: v, value: v }));
    expect(sortOptions(options, sort).map((o) => o.text)).toEqual(expected);
  });
});
