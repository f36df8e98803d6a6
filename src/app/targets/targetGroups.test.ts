/**
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// Node's export conditions: under jsdom's, the yaml package resolves to an ES-module build jest cannot load.
import { parse } from 'yaml';

import { parseTargets } from './parseTargets';
import { fileSdYaml, httpSdJson, targetGroups } from './targetGroups';

const TEXT = [
  'db1:5432 env=prod team=storage',
  'web:80 env=prod',
  'db2:5432 team=storage env=prod',
  'db3:5432 team=storage env=prod service_name="db, third"',
  'on:22 on=yes',
].join('\n');

const targets = parseTargets(TEXT, 'tcp_connect').targets;

const GROUPS = [
  { targets: ['db1:5432', 'db2:5432'], labels: { env: 'prod', team: 'storage', module: 'tcp_connect' } },
  { targets: ['web:80'], labels: { env: 'prod', module: 'tcp_connect' } },
  {
    targets: ['db3:5432'],
    labels: { team: 'storage', env: 'prod', service_name: 'db, third', module: 'tcp_connect' },
  },
  { targets: ['on:22'], labels: { on: 'yes', module: 'tcp_connect' } },
];

describe('targetGroups', () => {
  it('groups targets with the same label set, whatever the order the labels were written in', () => {
    expect(targetGroups(targets, true)).toEqual(GROUPS);
  });

  it('leaves the module label out for a job that sets the module itself', () => {
    expect(targetGroups(targets, false)[1]).toEqual({ targets: ['web:80'], labels: { env: 'prod' } });
  });
});

describe('fileSdYaml and httpSdJson', () => {
  it.each([
    ['file_sd YAML', () => parse(fileSdYaml(targets), { version: '1.1' })],
    ['http_sd JSON', () => JSON.parse(httpSdJson(targets))],
  ])('%s reads back as the groups', (_, read) => {
    expect(read()).toEqual(GROUPS);
  });

  it.each([
    ['file_sd YAML', fileSdYaml, '[]\n'],
    ['http_sd JSON', httpSdJson, '[]\n'],
  ])('%s of no targets is an empty list', (_, write, text) => {
    expect(write([])).toBe(text);
  });

  it('carries each target’s module for the job that reads the file', () => {
    const http = parseTargets('web:8080/health', 'http_2xx').targets;
    expect(JSON.parse(httpSdJson(http))).toEqual([
      { targets: ['http://web:8080/health'], labels: { module: 'http_2xx' } },
    ]);
  });
});
