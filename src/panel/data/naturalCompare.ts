const COLLATOR = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Orders text the way people read it: digit runs compare as numbers, so 10.0.0.2 comes before
 * 10.0.0.10 and host9 before host10. Text that differs only in case is ordered by code unit, so the
 * order never depends on input order.
 */
export function naturalCompare(a: string, b: string): number {
  return COLLATOR.compare(a, b) || compareCodeUnits(a, b);
}

const FIRST_PRINTABLE = 0x20;
const LAST_PRINTABLE = 0x7e;
const ZERO = 0x30;
const NINE = 0x39;
/** Longer digit runs are left to the collator, whose numeric ordering has limits of its own. */
const MAX_DIGITS = 200;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

/**
 * The collator's order of the printable ASCII characters, read from the collator itself: the rank of
 * each (letters of either case share one), with every digit at the rank of the digit group.
 */
const RANKS: Uint16Array = (() => {
  const chars: string[] = [];
  for (let code = FIRST_PRINTABLE; code <= LAST_PRINTABLE; code++) {
    chars.push(String.fromCharCode(code));
  }
  chars.sort((a, b) => COLLATOR.compare(a, b));
  const ranks = new Uint16Array(LAST_PRINTABLE + 1);
  let rank = 0;
  for (let i = 0; i < chars.length; i++) {
    if (i > 0 && COLLATOR.compare(chars[i - 1], chars[i]) !== 0) {
      rank++;
    }
    ranks[chars[i].charCodeAt(0)] = rank;
  }
  // All digits share the group's rank: a digit run is ordered by its value, after this rank.
  const digits = Math.min(...Array.from({ length: 10 }, (_, d) => ranks[ZERO + d]));
  for (let d = 0; d < 10; d++) {
    ranks[ZERO + d] = digits;
  }
  return ranks;
})();

/**
 * compareAscii's handling of digit runs assumes the numeric ordering found in every current ICU,
 * and a rank of the digit group that no other character shares; checked, not trusted.
 */
const ORDER_AS_ASSUMED =
  COLLATOR.resolvedOptions().numeric === true &&
  COLLATOR.compare('x01', 'x1') === 0 &&
  COLLATOR.compare('x9', 'x10') < 0 &&
  COLLATOR.compare('x', 'x0') < 0 &&
  RANKS.every((rank, code) => code < FIRST_PRINTABLE || isDigit(code) || rank !== RANKS[ZERO]);

/**
 * Whether compareAscii can order this text: printable ASCII without digit runs too long for the
 * collator. Anything else only the collator orders correctly.
 */
export function hasAsciiOrder(text: string): boolean {
  if (!ORDER_AS_ASSUMED) {
    return false;
  }
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < FIRST_PRINTABLE || code > LAST_PRINTABLE) {
      return false;
    }
    digits = isDigit(code) ? digits + 1 : 0;
    if (digits > MAX_DIGITS) {
      return false;
    }
  }
  return true;
}

/**
 * naturalCompare's order for two texts with `hasAsciiOrder`, without the collator, whose compare
 * would dominate sorting thousands of names (arrangeTiles in scripts/bench-transform.mjs);
 * "orders printable ASCII exactly as naturalCompare does" keeps the two orders one. Characters
 * compare by their rank in the collator's order; digit runs by their value (length without leading
 * zeros, then digits); text equal that way by code units, as naturalCompare breaks its ties.
 */
export function compareAscii(a: string, b: string): number {
  // Identical text orders identically: start where the texts part, or at the digit run they part in.
  const shorter = Math.min(a.length, b.length);
  let same = 0;
  while (same < shorter && a.charCodeAt(same) === b.charCodeAt(same)) {
    same++;
  }
  while (same > 0 && isDigit(a.charCodeAt(same - 1))) {
    same--;
  }
  let i = same;
  let j = same;
  while (i < a.length && j < b.length) {
    const codeA = a.charCodeAt(i);
    const codeB = b.charCodeAt(j);
    if (!isDigit(codeA) || !isDigit(codeB)) {
      // A digit against another character: the digit group's rank decides, as no other character has it.
      const byRank = RANKS[codeA] - RANKS[codeB];
      if (byRank !== 0) {
        return byRank;
      }
      i++;
      j++;
      continue;
    }
    let endA = i + 1;
    while (endA < a.length && isDigit(a.charCodeAt(endA))) {
      endA++;
    }
    let endB = j + 1;
    while (endB < b.length && isDigit(b.charCodeAt(endB))) {
      endB++;
    }
    while (i < endA && a.charCodeAt(i) === ZERO) {
      i++;
    }
    while (j < endB && b.charCodeAt(j) === ZERO) {
      j++;
    }
    const byLength = endA - i - (endB - j);
    if (byLength !== 0) {
      return byLength;
    }
    for (; i < endA; i++, j++) {
      const byDigit = a.charCodeAt(i) - b.charCodeAt(j);
      if (byDigit !== 0) {
        return byDigit;
      }
    }
  }
  // Equal as far as the shorter text goes: the shorter one comes first.
  if (i < a.length) {
    return 1;
  }
  if (j < b.length) {
    return -1;
  }
  return compareCodeUnits(a, b);
}

/** Code-unit order, naturalCompare's final tie-break. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
