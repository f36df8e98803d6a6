import { comparableHost } from '../../panel/data/hostOfAddress';
import { ModuleName, Problem } from './types';

export type ParsedAddress =
  | {
      /** What to write as the target. */
      readonly address: string;
      /** Equal for addresses that probe the same thing (case of the host, default ports, IPv6 spelling). */
      readonly key: string;
      /**
       * The `host` label the shared relabelling derives from the address: no scheme, port, path or
       * brackets, in lower case and without a trailing dot. The stack test compares it with what
       * Prometheus writes.
       */
      readonly host: string;
    }
  | { readonly problems: readonly Problem[] };

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//;
// Length apart: a label too long gets a problem of its own, which says the limit.
const HOST_LABEL = /^[a-zA-Z0-9_](?:[a-zA-Z0-9_-]*[a-zA-Z0-9_])?$/;
/** RFC 1035's limits, which resolvers hold to: 63 characters a label, 253 a name. */
export const MAX_HOST_LABEL = 63;
export const MAX_HOST_NAME = 253;
const IPV4_PART = /^(?:0|[1-9]\d{0,2})$/;
const BRACKETED = /^\[([^\]]*)\](?::(.*))?$/;
/**
 * The ports URLs of these schemes mean when they name none: what to write instead of the URL for a
 * module that takes host:port (`ftp://x.example` -> `x.example:21`).
 */
const DEFAULT_PORTS: Record<string, number> = {
  http: 80,
  https: 443,
  ftp: 21,
  ssh: 22,
  sftp: 22,
  telnet: 23,
  smtp: 25,
  dns: 53,
  pop3: 110,
  imap: 143,
  ldap: 389,
  smtps: 465,
  ldaps: 636,
  imaps: 993,
  pop3s: 995,
  mysql: 3306,
  postgres: 5432,
  postgresql: 5432,
  redis: 6379,
  mongodb: 27017,
};

function isIpv4(host: string): boolean {
  const parts = host.split('.');
  return parts.length === 4 && parts.every((p) => IPV4_PART.test(p) && Number(p) <= 255);
}

/** The compressed spelling of an IPv6 address, or undefined when it is not one. */
function canonicalIpv6(text: string): string | undefined {
  // The URL parser is the one IPv6 reader both browsers and Node have; zone ids (%eth0) fail it.
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(':')) {
    return undefined;
  }
  try {
    return new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
}

/**
 * Why `host` is not a host name or an IPv4 address, undefined when it is one. Names ending in a
 * number label must be IPv4 addresses: `10.0.0.300` is a typo, not a name. ASCII only:
 * blackbox_exporter resolves what it is given. `address` is the text the line gave.
 */
function hostProblem(host: string, address: string): Problem | undefined {
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  const labels = name.split('.');
  const invalid: Problem = { code: 'invalid-address', params: { address } };
  if (name.length === 0) {
    return invalid;
  }
  if (/^\d+$/.test(labels[labels.length - 1])) {
    return isIpv4(name) ? undefined : invalid;
  }
  if (!labels.every((label) => HOST_LABEL.test(label))) {
    const ascii = asciiName(name);
    return ascii === undefined ? invalid : { code: 'non-ascii-host', params: { host: name, ascii } };
  }
  const long = labels.find((label) => label.length > MAX_HOST_LABEL);
  if (long !== undefined) {
    return { code: 'host-label-too-long', params: { label: long, length: long.length } };
  }
  return name.length > MAX_HOST_NAME ? { code: 'host-name-too-long', params: { length: name.length } } : undefined;
}

/**
 * The ASCII form (punycode) of an internationalised host name such as 한국.kr, as browsers write it,
 * when every part of it is then a valid label; undefined for anything else.
 */
function asciiName(name: string): string | undefined {
  if (!NON_ASCII.test(name)) {
    return undefined;
  }
  let ascii: string;
  try {
    ascii = new URL(`http://${name}/`).hostname;
  } catch {
    return undefined;
  }
  return ascii.split('.').every((label) => HOST_LABEL.test(label)) ? ascii : undefined;
}

const NON_ASCII = /[^\x00-\x7f]/;

function isPort(text: string): boolean {
  return /^\d{1,5}$/.test(text) && Number(text) >= 1 && Number(text) <= 65535;
}

interface HostPort {
  /** As written, without brackets. */
  host: string;
  /** Lower case, IPv6 compressed. */
  hostKey: string;
  ipv6: boolean;
  bracketed: boolean;
  port?: string;
}

/** Splits host[:port], [ipv6][:port] or a bare IPv6 address; problems when the parts are not valid. */
function splitHostPort(text: string): HostPort | Problem {
  const bracketed = BRACKETED.exec(text);
  if (bracketed) {
    const ip = canonicalIpv6(bracketed[1]);
    if (ip === undefined) {
      return { code: 'invalid-address', params: { address: text } };
    }
    return { host: bracketed[1], hostKey: ip, ipv6: true, bracketed: true, port: bracketed[2] };
  }
  const colons = text.split(':').length - 1;
  if (colons >= 2) {
    const ip = canonicalIpv6(text);
    return ip === undefined
      ? { code: 'invalid-address', params: { address: text } }
      : { host: text, hostKey: ip, ipv6: true, bracketed: false };
  }
  const [host, port] = colons === 1 ? text.split(':') : [text, undefined];
  const problem = hostProblem(host, text);
  if (problem !== undefined) {
    return problem;
  }
  return { host, hostKey: comparableHost(host), ipv6: false, bracketed: false, port };
}

/**
 * `::1:80` is one IPv6 address, but where a port may follow it most likely means port 80 of ::1:
 * read so when the last group is a port number and what comes before it is an address alone.
 * `fe80::1` has no such reading (`fe80:` is no address), and neither has a full eight-group address.
 */
function ipv6WithPort(text: string): { host: string; port: string } | undefined {
  const last = text.lastIndexOf(':');
  const host = text.slice(0, last);
  const port = text.slice(last + 1);
  return isPort(port) && canonicalIpv6(host) !== undefined ? { host, port } : undefined;
}

/**
 * An IPv6 address written without the brackets a port or a URL needs, with what to write instead:
 * `before` and `after` are the rest of the URL around it.
 */
function ipv6WithoutBrackets(address: string, before = '', after = ''): Problem {
  const split = ipv6WithPort(address);
  const suggestion = before + (split ? `[${split.host}]:${split.port}` : `[${address}]`) + after;
  return {
    code: 'ipv6-without-brackets',
    params: split ? { address, suggestion, port: split.port } : { address, suggestion },
  };
}

function isProblem(value: HostPort | Problem): value is Problem {
  return 'code' in value;
}

/** The authority of a URL, split; the URL parser alone would say "invalid" for a bad port too. */
function parseUrl(text: string, module: ModuleName): ParsedAddress {
  const scheme = SCHEME.exec(text)![1].toLowerCase();
  const web = scheme === 'http' || scheme === 'https';
  // Only http_2xx takes URLs: for another module the URL says what to write instead, whatever its scheme.
  if (!web && module === 'http_2xx') {
    return { problems: [{ code: 'unsupported-scheme', params: { scheme } }] };
  }
  const prefix = SCHEME.exec(text)![0];
  const authority = text.slice(prefix.length).replace(/[/?#].*$/, '');
  if (authority.includes('@')) {
    return { problems: [{ code: 'url-credentials' }] };
  }
  const hostPort = splitHostPort(authority);
  if (isProblem(hostPort)) {
    return { problems: [hostPort] };
  }
  if (hostPort.ipv6 && !hostPort.bracketed) {
    return { problems: [ipv6WithoutBrackets(authority, prefix, text.slice(prefix.length + authority.length))] };
  }
  if (hostPort.port !== undefined && !isPort(hostPort.port)) {
    return { problems: [{ code: 'invalid-port', params: { port: hostPort.port } }] };
  }
  if (module !== 'http_2xx') {
    return { problems: [{ code: 'unexpected-url', params: urlSuggestion(scheme, hostPort, module) }] };
  }
  // blackbox_exporter knows the scheme in lower case only (HTTP:// fails every probe), and never
  // sends a #fragment: written without it, the instance shows what is probed ("upper-case scheme"
  // and "fragment" rows of parseTargets.test.ts).
  const address = `${scheme}://${text.slice(prefix.length).replace(/#.*$/, '')}`;
  let href: string;
  try {
    href = new URL(address).href;
  } catch {
    return { problems: [{ code: 'invalid-address', params: { address: text } }] };
  }
  // As the relabelling writes it: lower case, no trailing dot (comparableHost).
  return { address, key: href, host: comparableHost(hostPort.host) };
}

function urlSuggestion(scheme: string, hostPort: HostPort, module: ModuleName): Record<string, string> {
  const host = hostPort.ipv6 ? `[${hostPort.host}]` : hostPort.host;
  const port = hostPort.port ?? DEFAULT_PORTS[scheme]?.toString();
  if (module === 'tcp_connect') {
    // A scheme of no known port leaves the port to the reader (problem.unexpected-url-tcp-port).
    return port === undefined ? { module } : { module, suggestion: `${host}:${port}` };
  }
  return { module, suggestion: module === 'icmp' ? hostPort.host : host };
}

/**
 * How each module reads an address (what blackbox_exporter's prober does with its `target`):
 * - tcp_connect: host:port or [ipv6]:port, port required (the prober dials exactly that).
 * - http_2xx: an http:// or https:// URL, kept as written; host[:port][/path] gets `http://` in front,
 *   which blackbox would add anyway, so that the instance label shows what is probed.
 * - icmp: a host name, IPv4 or IPv6 address; no port. [ipv6] loses its brackets (the prober resolves
 *   the text as given).
 * - dns: the DNS server, host[:port], written host:53 ([ipv6]:53) without a port, which blackbox
 *   would ask anyway: an icmp job of the same host then has another instance, and the panel does
 *   not merge the two into one tile ("dns always with a port", parseTargets.test.ts).
 */
export function parseAddress(text: string, module: ModuleName): ParsedAddress {
  // Quotes let a space into a word; no prober takes one in its target.
  if (text === '' || /\s/.test(text)) {
    return { problems: [{ code: 'invalid-address', params: { address: text } }] };
  }
  if (SCHEME.test(text)) {
    return parseUrl(text, module);
  }
  if (/[/?#@]/.test(text)) {
    return module === 'http_2xx'
      ? parseUrl(`http://${text}`, module)
      : { problems: [{ code: 'invalid-address', params: { address: text } }] };
  }
  const hostPort = splitHostPort(text);
  if (isProblem(hostPort)) {
    return { problems: [hostPort] };
  }
  if (hostPort.ipv6 && !hostPort.bracketed && module !== 'icmp' && module !== 'dns') {
    const problem = ipv6WithoutBrackets(text);
    // Without a port to read in it, what tcp_connect lacks is the port, and where it goes is shown.
    const portless = module === 'tcp_connect' && problem.params?.port === undefined;
    return { problems: [portless ? { code: 'missing-port', params: { module, address: `[${text}]` } } : problem] };
  }
  // A dns server written `::1:53` reads as the address ::1:53 or as ::1 on port 53: the brackets say
  // which ("an IPv6 address that ends like a port" in parseTargets.test.ts).
  const split = module === 'dns' && hostPort.ipv6 && !hostPort.bracketed ? ipv6WithPort(text) : undefined;
  if (split !== undefined) {
    const params = { address: text, suggestion: `[${split.host}]:${split.port}`, port: split.port, whole: `[${text}]` };
    return { problems: [{ code: 'ipv6-without-brackets', params }] };
  }
  const { host, hostKey, port, ipv6 } = hostPort;
  if (port !== undefined && !isPort(port)) {
    return { problems: [{ code: 'invalid-port', params: { port } }] };
  }
  switch (module) {
    case 'tcp_connect':
      return port === undefined
        ? { problems: [{ code: 'missing-port', params: ipv6 ? { module, address: `[${host}]` } : { module } }] }
        : { address: text, key: `${hostKey}:${Number(port)}`, host: comparableHost(host) };
    case 'http_2xx':
      return parseUrl(`http://${text}`, module);
    case 'icmp':
      return port === undefined
        ? { address: host, key: hostKey, host: comparableHost(host) }
        : { problems: [{ code: 'unexpected-port', params: { module, port } }] };
    case 'dns':
      return {
        address: `${ipv6 ? `[${host}]` : host}:${port ?? 53}`,
        key: `${hostKey}:${Number(port ?? 53)}`,
        host: comparableHost(host),
      };
  }
}
