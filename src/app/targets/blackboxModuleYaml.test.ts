/**
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// Node's export conditions: under jsdom's, the yaml package resolves to an ES-module build jest cannot load.
import { parse } from 'yaml';

import { blackboxModuleYaml, DnsModuleOptions, isStandardModule } from './blackboxModuleYaml';
import { ModuleName } from './types';

describe('blackboxModuleYaml', () => {
  it.each<ModuleName>(['tcp_connect', 'http_2xx', 'icmp'])('%s: every exporter has it, nothing to write', (module) => {
    expect(isStandardModule(module)).toBe(true);
    expect(blackboxModuleYaml(module)).toBeNull();
  });

  it.each<[DnsModuleOptions, string]>([
    [{ queryName: 'example.com' }, 'A'],
    [{ queryName: 'example.com.', queryType: 'MX' }, 'MX'],
    [{ queryName: '_sip._tcp.example.com', queryType: 'SRV' }, 'SRV'],
  ])('dns %j: a module under the name the job asks for', (options, queryType) => {
    expect(isStandardModule('dns')).toBe(false);
    expect(parse(blackboxModuleYaml('dns', options)!, { version: '1.1' })).toEqual({
      modules: { dns: { prober: 'dns', timeout: '5s', dns: { query_name: options.queryName, query_type: queryType } } },
    });
  });

  it.each<[string, DnsModuleOptions | undefined]>([
    ['no options', undefined],
    ['an empty name', { queryName: '' }],
    ['a name with a space', { queryName: 'a b.example' }],
    ['a URL', { queryName: 'http://example.com' }],
    ['an unknown type', { queryName: 'example.com', queryType: 'XYZ' as 'A' }],
  ])('dns with %s throws', (_, options) => {
    expect(() => blackboxModuleYaml('dns', options)).toThrow();
  });
});
