const COLLATOR = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Orders text the way people read it: digit runs compare as numbers, so 10.0.0.2 comes before
 * 10.0.0.10 and host9 before host10. Text that differs only in case is ordered by code unit, so the
 * order never depends on input order.
 */
export function naturalCompare(a: string, b: string): number {
  const byCollation = COLLATOR.compare(a, b);
  if (byCollation !== 0) {
    return byCollation;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
