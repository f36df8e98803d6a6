import { ModuleName, Problem } from './types';

export type ParsedAddress =
  | {
      /** What to write as the target. */
      readonly address: string;
      /** Equal for addresses that probe the same thing (case of the host, default ports, IPv6 spelling). */
      readonly key: string;
      /**
       * The `host` label the shared relabelling derives from the address: no scheme, port, path or
       * brackets. The stack test compares it with what Prometheus writes.
       */
      readonly host: string;
    }
  | { readonly problems: readonly Problem[] };

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//;
const HOST_LABEL = /^[a-zA-Z0-9_](?:[a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_])?$/;
const IPV4_PART = /^(?:0|[1-9]\d{0,2})$/;
const BRACKETED = /^\[([^\]]*)\](?::(.*))?$/;
const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443 };

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
 * A host name or an IPv4 address. Names ending in a number label must be IPv4 addresses: `10.0.0.300`
 * is a typo, not a name. ASCII only: blackbox_exporter resolves what it is given.
 */
function isHost(host: string): boolean {
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  if (name.length === 0 || name.length > 253) {
    return false;
  }
  const labels = name.split('.');
  if (/^\d+$/.test(labels[labels.length - 1])) {
    return isIpv4(name);
  }
  return labels.every((label) => HOST_LABEL.test(label));
}

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
  if (!isHost(host)) {
    return { code: 'invalid-address', params: { address: text } };
  }
  return { host, hostKey: host.toLowerCase().replace(/\.$/, ''), ipv6: false, bracketed: false, port };
}

function isProblem(value: HostPort | Problem): value is Problem {
  return 'code' in value;
}

/** The authority of a URL, split; the URL parser alone would say "invalid" for a bad port too. */
function parseUrl(text: string, module: ModuleName): ParsedAddress {
  const scheme = SCHEME.exec(text)![1].toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    return { problems: [{ code: 'unsupported-scheme', params: { scheme } }] };
  }
  const authority = text.slice(SCHEME.exec(text)![0].length).replace(/[/?#].*$/, '');
  if (authority.includes('@')) {
    return { problems: [{ code: 'url-credentials' }] };
  }
  const hostPort = splitHostPort(authority);
  if (isProblem(hostPort)) {
    return { problems: [hostPort] };
  }
  if (hostPort.ipv6 && !hostPort.bracketed) {
    return { problems: [{ code: 'ipv6-without-brackets', params: { address: authority } }] };
  }
  if (hostPort.port !== undefined && !isPort(hostPort.port)) {
    return { problems: [{ code: 'invalid-port', params: { port: hostPort.port } }] };
  }
  if (module !== 'http_2xx') {
    return { problems: [{ code: 'unexpected-url', params: urlSuggestion(scheme, hostPort, module) }] };
  }
  let href: string;
  try {
    href = new URL(text).href;
  } catch {
    return { problems: [{ code: 'invalid-address', params: { address: text } }] };
  }
  return { address: text, key: href, host: hostPort.host };
}

function urlSuggestion(scheme: string, hostPort: HostPort, module: ModuleName): Record<string, string> {
  const host = hostPort.ipv6 ? `[${hostPort.host}]` : hostPort.host;
  const port = hostPort.port ?? String(DEFAULT_PORTS[scheme]);
  const suggestion = module === 'tcp_connect' ? `${host}:${port}` : module === 'icmp' ? hostPort.host : host;
  return { module, suggestion };
}

/**
 * How each module reads an address (what blackbox_exporter's prober does with its `target`):
 * - tcp_connect: host:port or [ipv6]:port, port required (the prober dials exactly that).
 * - http_2xx: an http:// or https:// URL, kept as written; host[:port][/path] gets `http://` in front,
 *   which blackbox would add anyway, so that the instance label shows what is probed.
 * - icmp: a host name, IPv4 or IPv6 address; no port. [ipv6] loses its brackets (the prober resolves
 *   the text as given).
 * - dns: the DNS server, host[:port]; without a port blackbox asks port 53. [ipv6] without a port
 *   loses its brackets for the same reason as icmp.
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
    return { problems: [{ code: 'ipv6-without-brackets', params: { address: text } }] };
  }
  const { host, hostKey, port } = hostPort;
  if (port !== undefined && !isPort(port)) {
    return { problems: [{ code: 'invalid-port', params: { port } }] };
  }
  switch (module) {
    case 'tcp_connect':
      return port === undefined
        ? { problems: [{ code: 'missing-port', params: { module } }] }
        : { address: text, key: `${hostKey}:${Number(port)}`, host };
    case 'http_2xx':
      return parseUrl(`http://${text}`, module);
    case 'icmp':
      return port === undefined
        ? { address: host, key: hostKey, host }
        : { problems: [{ code: 'unexpected-port', params: { module, port } }] };
    case 'dns':
      return { address: port === undefined ? host : text, key: `${hostKey}:${Number(port ?? 53)}`, host };
  }
}
