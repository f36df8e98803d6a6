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
  ])('%j by %j -> %j', (labels, names, key) => {
    expect(targetKey(labels, names)).toBe(key);
    expect(hasKey(labels, names)).toBe(key !== undefined);
  });
});
