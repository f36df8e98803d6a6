import { labelValue } from './labelValue';
import { Labels } from './types';

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;
const PATH = /[/?#].*$/;
const USER = /^[^@]*@/;
const BRACKETED = /^\[([^\]]*)\](?::\d*)?$/;

/**
 * The host of a probe address, as the stack's relabelling writes the `host` label: without scheme,
 * user, path and port (`http://web:8080/health` -> `web`, `[::1]:80` -> `::1`). A bare IPv6
 * address has several colons and no port, so it stays whole.
 */
export function hostOfAddress(address: string): string {
  let rest = address.trim();
  // Most addresses are host:port; the regular expressions run only for URLs and bracketed ones.
  if (rest.includes('/') || rest.includes('@') || rest.includes('?') || rest.includes('#')) {
    rest = rest.replace(SCHEME, '').replace(PATH, '').replace(USER, '');
  }
  const bracketed = BRACKETED.exec(rest);
  if (bracketed) {
    return bracketed[1];
  }
  const colon = rest.indexOf(':');
  return colon !== -1 && rest.indexOf(':', colon + 1) === -1 ? rest.slice(0, colon) : rest;
}

/**
 * A series' host: its `host` label when it has one, else the host of its `instance`; in lower case
 * and without a trailing dot, as names are compared, so that the ports of `DB.example.com.:5432` meet
 * the ICMP probe of `db.example.com` ("spellings of one host" in hostOfAddress.test.ts).
 */
export function hostOf(labels: Labels): string | undefined {
  const label = labelValue(labels, 'host');
  const instance = labelValue(labels, 'instance');
  const host = label ? label : instance ? hostOfAddress(instance) : '';
  return host === '' ? undefined : comparableHost(host);
}

/**
 * A host name as names are compared: in lower case, without the trailing dot of a fully qualified
 * name. The panel joins ports to their host by it, and the target builder finds duplicates by it.
 */
export function comparableHost(name: string): string {
  return name.toLowerCase().replace(TRAILING_DOT, '');
}

const TRAILING_DOT = /\.$/;
