import fc from 'fast-check';

import { compareCodeUnits, naturalCompare, naturalKey } from './naturalCompare';

/** naturalCompare through the keys: key order, then code units where the keys are equal. */
function byKeys(a: string, b: string): number {
  const x = naturalKey(a);
  const y = naturalKey(b);
  if (x === undefined || y === undefined) {
    throw new Error(`no key for ${JSON.stringify(x === undefined ? a : b)}`);
  }
  return compareCodeUnits(x, y) || compareCodeUnits(a, b);
}

/** Printable ASCII with digits, dots, dashes and zeros made common, like host names and addresses. */
const nameChar = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('0', '1', '2', '9', '.', ':', '-', '_', 'a', 'A', 'b', 'Z') },
  { weight: 1, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)) }
);
const name = fc.array(nameChar, { maxLength: 14 }).map((chars) => chars.join(''));

describe('naturalCompare', () => {
  it.each([
    ['10.0.0.2', '10.0.0.10', -1],
    ['host9', 'host10', -1],
    ['Host', 'host', -1],
    ['db-01', 'db-1', -1],
    ['a', 'a', 0],
  ])('orders %s against %s as %i', (a, b, expected) => {
    expect(Math.sign(naturalCompare(a, b))).toBe(expected);
  });
});

describe('naturalKey', () => {
  it('orders printable ASCII exactly as naturalCompare does', () => {
    fc.assert(
      fc.property(name, name, (a, b) => Math.sign(byKeys(a, b)) === Math.sign(naturalCompare(a, b))),
      { numRuns: 20000 }
    );
  });

  it.each([
    ['digit runs by value', ['host10', 'host9', 'host09', 'host1', 'host']],
    ['leading zeros, then code units', ['x00', 'x0', 'x000', 'x01', 'x1']],
    ['addresses', ['10.0.0.10:80', '10.0.0.2:443', '10.0.0.2:80', '9.255.255.255:1']],
    ['punctuation before digits before letters', ['a', '1', '-', 'B', ' ', '_', '~']],
  ])('sorts %s like naturalCompare', (_what, names) => {
    expect([...names].sort(byKeys)).toEqual([...names].sort(naturalCompare));
  });

  it('has no key for text the collator alone can order', () => {
    expect(naturalKey('café')).toBeUndefined();
    expect(naturalKey('tab\there')).toBeUndefined();
    expect(naturalKey(`n${'7'.repeat(300)}`)).toBeUndefined();
    expect(naturalKey('')).toBe('');
  });
});
