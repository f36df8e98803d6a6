/**
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// Node's export conditions: under jsdom's, the yaml package resolves to an ES-module build jest cannot load.
import fc from 'fast-check';
import { parse } from 'yaml';

import { parseTargets } from './parseTargets';
import { fileSdYaml } from './targetGroups';
import { MODULE_NAMES } from './types';

const hostName = fc
  .array(fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/), { minLength: 1, maxLength: 3 })
  .map((labels) => [...labels, 'example'].join('.'));
const port = fc.integer({ min: 1, max: 65535 });
const labelName = fc
  .stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,12}$/)
  .filter((name) => !['job', 'instance', 'host', 'module'].includes(name));
// One target a line: a value cannot hold a line break.
const labelValue = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).filter((v) => !/[\r\n]/.test(v));
const labels = fc.dictionary(labelName, labelValue, { maxKeys: 4 });

/** A value as a person would write it in double quotes. */
const quoted = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

describe('parseTargets, for any input', () => {
  it('reads back the labels it was given, quoted, through a file_sd file', () => {
    fc.assert(
      fc.property(hostName, port, labels, (host, p, given) => {
        const line = [`${host}:${p}`, ...Object.entries(given).map(([n, v]) => `${n}=${quoted(v)}`)].join(', ');
        const result = parseTargets(line, 'tcp_connect');
        expect(result.lines[0].problems).toEqual([]);
        expect(result.targets[0]).toMatchObject({ address: `${host}:${p}`, host, labels: given });
        const [group] = parse(fileSdYaml(result.targets), { version: '1.1' });
        expect(group).toEqual({ targets: [`${host}:${p}`], labels: { ...given, module: 'tcp_connect' } });
      })
    );
  });

  it('never throws, and lets through only targets Prometheus accepts', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom(...MODULE_NAMES), (text, module) => {
        const result = parseTargets(text, module);
        for (const target of result.targets) {
          expect(target.address).not.toMatch(/\s/);
          for (const [name, value] of Object.entries(target.labels)) {
            expect(name).toMatch(/^[a-zA-Z_][a-zA-Z0-9_]*$/);
            expect(name.startsWith('__') || ['job', 'instance', 'host', 'module'].includes(name)).toBe(false);
            expect(value).not.toBe('');
          }
        }
        expect(result.targets.length).toBe(result.lines.filter((l) => l.target).length);
      })
    );
  });
});
