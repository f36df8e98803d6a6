/**
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// Node's export conditions: under jsdom's, the yaml package resolves to an ES-module build jest cannot load.
import fc from 'fast-check';
import { parse } from 'yaml';

import { yamlKey, yamlString } from './yamlString';

describe('yamlString', () => {
  it.each([
    ['plain', 'web'],
    ['YAML words', 'yes'],
    ['a number', '0123'],
    ['null', 'null'],
    ['quotes and backslashes', 'say "hi" \\ \'bye\''],
    ['flow and comment characters', '[a], {b}: #c & *d !e | >f %g @h `i'],
    ['leading and trailing spaces', '  x  '],
    ['a newline and a tab', 'a\nb\tc'],
    ['C1 controls and DEL', 'a\u0085b\u0080c\u007f'],
    ['line and paragraph separators', 'a\u2028b\u2029c'],
    ['a BOM and non-characters', '\ufeffa\ufffe\uffff'],
    ['markup', '<img src=x onerror=alert(1)>'],
    ['astral', '\u{1F600} 한국어'],
  ])('%s reads back unchanged', (_, value) => {
    const text = yamlString(value);
    expect(parse(`v: ${text}`)).toEqual({ v: value });
    expect(parse(`v: ${text}`, { version: '1.1' })).toEqual({ v: value });
  });

  it('writes only printable characters that no YAML 1.1 reader takes for a line break', () => {
    expect(yamlString('a\u0085\u2028\u2029\u007f\ufeff')).toBe('"a\\u0085\\u2028\\u2029\\u007f\\ufeff"');
  });

  it('reads back any string of whole code points', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(parse(`v: ${yamlString(value)}`, { version: '1.1' })).toEqual({ v: value });
      })
    );
  });
});

describe('yamlKey', () => {
  it.each([
    ['service_name', 'service_name'],
    ['on', '"on"'],
    ['Yes', '"Yes"'],
    ['y', '"y"'],
    ['null', '"null"'],
    ['online', 'online'],
    ['e0', '"e0"'],
    ['E12', '"E12"'],
    ['e_1', 'e_1'],
  ])('%s -> %s', (name, key) => {
    expect(yamlKey(name)).toBe(key);
    expect(parse(`${yamlKey(name)}: v`, { version: '1.1' })).toEqual({ [name]: 'v' });
  });
});
