import { hasKey, parseKeyLabels, targetKey } from './targetKey';

describe('parseKeyLabels', () => {
  it.each<[string, string[]]>([
    ['instance', ['instance']],
    ['job, instance', ['job', 'instance']],
    [' job ,, instance , job', ['job', 'instance']],
    ['', ['instance']],
    [' , ', ['instance']],
  ])('%j -> %j', (text, names) => {
    expect(parseKeyLabels(text)).toEqual(names);
  });
});

describe('targetKey', () => {
  it.each<[Record<string, string>, string[], string | undefined]>([
    [{ instance: 'a:80', job: 'bb' }, ['instance'], 'a:80'],
    [{ instance: 'a:80', job: 'bb' }, ['job', 'instance'], 'bb/a:80'],
    [{ instance: 'a:80' }, ['job', 'instance'], '/a:80'],
    [{ job: 'bb' }, ['instance'], undefined],
    [{ instance: '' }, ['instance'], undefined],
    [{}, ['job', 'instance'], undefined],
    [{ job: 'bb' }, ['toString'], undefined],
    // One key label: the value as it is, slashes and all.
    [{ instance: 'http://web/x' }, ['instance'], 'http://web/x'],
  ])('%j by %j -> %j', (labels, names, key) => {
    expect(targetKey(labels, names)).toBe(key);
    expect(hasKey(labels, names)).toBe(key !== undefined);
  });

  // Joined plainly, both were probe/http/web:80: one tile, whose up series hid the down one.
  it('keeps apart values that hold the separator', () => {
    const names = ['job', 'instance'];
    const pairs: Array<Record<string, string>> = [
      { job: 'probe/http', instance: 'web:80' },
      { job: 'probe', instance: 'http/web:80' },
      { job: 'probe\\', instance: 'http/web:80' },
      { job: 'probe\\/http', instance: 'web:80' },
      { job: 'probe_http', instance: 'http://web/x' },
    ];
    const keys = pairs.map((labels) => targetKey(labels, names));
    expect(new Set(keys).size).toBe(pairs.length);
    expect(keys[4]).toBe('probe_http/http:\\/\\/web\\/x');
  });
});
