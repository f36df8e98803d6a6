import fc from 'fast-check';

import { compareAscii, hasAsciiOrder, naturalCompare } from './naturalCompare';

/** compareAscii, for texts it is meant for only. */
function byAscii(a: string, b: string): number {
  for (const text of [a, b]) {
    if (!hasAsciiOrder(text)) {
      throw new Error(`no ASCII order for ${JSON.stringify(text)}`);
    }
  }
  return compareAscii(a, b);
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

describe('compareAscii', () => {
  it('orders printable ASCII exactly as naturalCompare does', () => {
    fc.assert(
      fc.property(name, name, (a, b) => Math.sign(byAscii(a, b)) === Math.sign(naturalCompare(a, b))),
      { numRuns: 20000 }
    );
  });

  it('orders a text and its extensions as naturalCompare does', () => {
    fc.assert(
      fc.property(name, name, (a, rest) => {
        const b = a + rest;
        return (
          Math.sign(byAscii(a, b)) === Math.sign(naturalCompare(a, b)) &&
          Math.sign(byAscii(b, a)) === Math.sign(naturalCompare(b, a))
        );
      }),
      { numRuns: 5000 }
    );
  });

  it.each([
    ['digit runs by value', ['host10', 'host9', 'host09', 'host1', 'host']],
    ['leading zeros, then code units', ['x00', 'x0', 'x000', 'x01', 'x1']],
    ['addresses', ['10.0.0.10:80', '10.0.0.2:443', '10.0.0.2:80', '9.255.255.255:1']],
    ['punctuation before digits before letters', ['a', '1', '-', 'B', ' ', '_', '~']],
  ])('sorts %s like naturalCompare', (_what, names) => {
    expect([...names].sort(byAscii)).toEqual([...names].sort(naturalCompare));
  });

  it('leaves text to the collator that only the collator orders', () => {
    expect(hasAsciiOrder('café')).toBe(false);
    expect(hasAsciiOrder('tab\there')).toBe(false);
    expect(hasAsciiOrder(`n${'7'.repeat(300)}`)).toBe(false);
    expect(hasAsciiOrder(`n${'7'.repeat(200)}`)).toBe(true);
    expect(hasAsciiOrder('')).toBe(true);
  });
});
