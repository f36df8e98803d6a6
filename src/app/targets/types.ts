/** The blackbox_exporter modules the target builder writes for, named as in stack/blackbox/blackbox.yml. */
export const MODULE_NAMES = ['tcp_connect', 'http_2xx', 'icmp', 'dns'] as const;

export type ModuleName = (typeof MODULE_NAMES)[number];

/**
 * Why a line (or a default label) cannot be written. The view words each code through i18n; params
 * carry the parts of the input the sentence names.
 *
 * - `invalid-address` { address }: not a host name, IPv4 or IPv6 address, or URL
 * - `host-label-too-long` { label, length }: a part of a host name between dots longer than 63 characters
 * - `non-ascii-host` { host, ascii }: an internationalised host name (한국.kr), to be written in its
 *   ASCII form (xn--3e0b707e.kr), which is what DNS and blackbox_exporter's probers take
 * - `host-name-too-long` { length }: a host name longer than 253 characters
 * - `missing-port` { module, address? }: tcp_connect needs host:port; address is an IPv6 address in
 *   brackets, for the view to show where the port goes ([fe80::1]:port)
 * - `invalid-port` { port }: not a number from 1 to 65535 (port is the text written)
 * - `unexpected-port` { module, port }: icmp probes a host, not a port
 * - `unexpected-url` { module, suggestion? }: a URL where the module takes host[:port]; suggestion is
 *   what to write instead when the URL says it (http://web:8080/x for tcp_connect -> web:8080,
 *   ftp://x.example -> x.example:21); none for tcp_connect where the scheme has no known port
 * - `unsupported-scheme` { scheme }: http_2xx probes http:// and https:// only (other modules get
 *   `unexpected-url`)
 * - `url-credentials` {}: user or password in a URL would show in every instance label
 * - `ipv6-without-brackets` { address, suggestion, port? }: an IPv6 address with a port, or in a URL,
 *   needs [brackets]; suggestion is what to write (`::1:80` -> `[::1]:80`, port 80, since a port is
 *   the likely reading of the last group)
 * - `unterminated-quote` {}
 * - `not-a-label` { text }: a word after the address that is not name=value
 * - `invalid-label-name` { name }: Prometheus accepts [a-zA-Z_][a-zA-Z0-9_]* only
 * - `reserved-label` { name }: job, instance, host and module are set by the job; __* belong to Prometheus
 * - `duplicate-label` { name }: the same label twice on one line
 * - `empty-label-value` { name }: Prometheus drops a label with an empty value
 * - `invalid-label-value` { name }: not valid UTF-8 (a lone surrogate)
 * - `duplicate-target` { line }: the same address is already on that line (1-based)
 *
 * And for the job name (jobNameProblems):
 * - `empty-job-name` {}
 * - `invalid-job-name` { name }: spaces around it, control characters or a lone surrogate
 *
 * And for blackbox_exporter's address (exporterAddressProblems), besides `invalid-port` and
 * `ipv6-without-brackets`:
 * - `empty-exporter-address` {}
 * - `invalid-exporter-address` { address, suggestion? }: not host:port; suggestion is host:port when
 *   the text says it (`http://bb:9115/probe` -> `bb:9115`)
 */
export const PROBLEM_CODES = [
  'invalid-address',
  'host-label-too-long',
  'host-name-too-long',
  'non-ascii-host',
  'missing-port',
  'invalid-port',
  'unexpected-port',
  'unexpected-url',
  'unsupported-scheme',
  'url-credentials',
  'ipv6-without-brackets',
  'unterminated-quote',
  'not-a-label',
  'invalid-label-name',
  'reserved-label',
  'internal-label',
  'duplicate-label',
  'empty-label-value',
  'invalid-label-value',
  'duplicate-target',
  'empty-job-name',
  'invalid-job-name',
  'empty-exporter-address',
  'invalid-exporter-address',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

export interface Problem {
  code: ProblemCode;
  params?: Record<string, string | number>;
}

export type Labels = Readonly<Record<string, string>>;

declare const VALID: unique symbol;

/**
 * A target that passed every check. Only parseTargets makes them (the brand), so the generators can
 * take them without checking again: nothing invalid is ever written.
 */
export interface TargetSpec {
  /** 1-based line of the input. */
  readonly line: number;
  /** What the configuration lists: the `target` parameter and the `instance` label. */
  readonly address: string;
  readonly module: ModuleName;
  /** Defaults merged with the line's own labels, the line's winning. */
  readonly labels: Labels;
  /** The `host` label the shared relabelling will derive from the address. */
  readonly host: string;
  readonly [VALID]: true;
}

export type LineResult =
  | { readonly line: number; readonly target: TargetSpec; readonly problems: readonly [] }
  | { readonly line: number; readonly target?: undefined; readonly problems: readonly Problem[] };

export interface ParseResult {
  /** Lines with something on them, in order; blank and comment lines are left out. */
  readonly lines: readonly LineResult[];
  /** The valid targets; none while the default labels have problems. */
  readonly targets: readonly TargetSpec[];
  /** Problems of the default labels, params.name naming the label. */
  readonly defaultProblems: readonly Problem[];
}
