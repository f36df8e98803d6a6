import { ModuleName } from './types';
import { yamlString } from './yamlString';

/** What a dns module needs: blackbox_exporter refuses a dns module without a query name. */
export interface DnsModuleOptions {
  /** The name to ask the server for, e.g. example.com. */
  queryName: string;
  /** A (default), AAAA, MX, NS, SOA, TXT, CNAME, SRV or PTR. */
  queryType?: DnsQueryType;
}

export const DNS_QUERY_TYPES = ['A', 'AAAA', 'MX', 'NS', 'SOA', 'TXT', 'CNAME', 'SRV', 'PTR'] as const;

export type DnsQueryType = (typeof DNS_QUERY_TYPES)[number];

/**
 * Modules blackbox_exporter's own example configuration (the blackbox.yml it ships, also Debian's
 * /etc/prometheus/blackbox.yml) defines under these names, so any exporter has them. It has no dns
 * module: a DNS probe needs a query name, which only the operator knows.
 */
const STANDARD_MODULES: ReadonlySet<ModuleName> = new Set<ModuleName>(['tcp_connect', 'http_2xx', 'icmp']);

const DNS_NAME =
  /^(?=.{1,253}\.?$)(?:[a-zA-Z0-9_](?:[a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_])?\.)*[a-zA-Z0-9_](?:[a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_])?\.?$/;

/** Whether an exporter has this module without being told (see STANDARD_MODULES). */
export function isStandardModule(module: ModuleName): boolean {
  return STANDARD_MODULES.has(module);
}

/**
 * A blackbox.yml holding the module the targets need, or null when every exporter has it already.
 * The module keeps the name the scrape job asks for, so its `modules:` entry can be merged into an
 * existing blackbox.yml as it is. Throws for dns without a valid query name.
 */
export function blackboxModuleYaml(module: ModuleName, options?: DnsModuleOptions): string | null {
  if (isStandardModule(module)) {
    return null;
  }
  const queryName = options?.queryName ?? '';
  const queryType = options?.queryType ?? 'A';
  if (!DNS_NAME.test(queryName)) {
    throw new Error(`a dns module needs a query name such as example.com, not ${JSON.stringify(queryName)}`);
  }
  if (!(DNS_QUERY_TYPES as readonly string[]).includes(queryType)) {
    throw new Error(`unknown DNS query type ${JSON.stringify(queryType)}`);
  }
  return [
    'modules:',
    `  ${module}:`,
    '    prober: dns',
    '    timeout: 5s',
    '    dns:',
    `      query_name: ${yamlString(queryName)}`,
    `      query_type: ${queryType}`,
    '',
  ].join('\n');
}
