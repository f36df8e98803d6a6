// Characters a JSON string may hold raw but YAML should not: go-yaml v2 (Prometheus, promtool,
// blackbox_exporter) refuses C1 controls and DEL ("control characters are not allowed"); NEL and the
// Unicode line and paragraph separators are line breaks to YAML 1.1; a BOM and U+FFFE/U+FFFF are not
// printable in YAML. Escaped, each reads back as itself in any reader.
const NOT_RAW_IN_YAML = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

/**
 * A YAML double-quoted scalar that reads back as exactly `value`: JSON's escaping (a JSON string is a
 * YAML double-quoted scalar), plus \u escapes for what YAML will not take raw. Guarded by
 * yamlString.test.ts, which reads every output back.
 */
export function yamlString(value: string): string {
  return JSON.stringify(value).replace(NOT_RAW_IN_YAML, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// go-yaml v2 reads the words as booleans or null, and Prometheus then refuses the label set; e0 is a
// float (NaN) to the yaml package's YAML 1.1 schema, found by parseTargets.property.test.ts.
const NOT_PLAIN_KEY = /^(?:y|n|yes|no|on|off|true|false|null|e\d+)$/i;

/** A label name as a YAML mapping key: plain, quoted only where YAML 1.1 would read another type. */
export function yamlKey(name: string): string {
  return NOT_PLAIN_KEY.test(name) ? yamlString(name) : name;
}
