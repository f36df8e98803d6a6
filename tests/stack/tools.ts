import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { ensurePrograms } from '../../stack/system.mjs';

export const ROOT = join(__dirname, '..', '..');

/** Ports for configuration rendered for loopback, apart from every default so none is mistaken for one. */
export const LOOPBACK_PORTS = {
  prometheus: 19090,
  blackbox: 19115,
  alertmanager: 19093,
  http: 15000,
  admin: 15001,
  dns: 15053,
  tcp: 18080,
  tcpDown: 18081,
  tls: 18443,
};

/** The probe jobs of the stack's Prometheus configuration, sorted. */
export const PROBE_JOBS = ['probe_dns', 'probe_file_sd', 'probe_http', 'probe_http_sd', 'probe_icmp', 'probe_tcp'];

/** Paths of the system programs the stack tests run, installed first where missing and allowed. */
export function programs(keys: Parameters<typeof ensurePrograms>[0]): Record<string, string> {
  return ensurePrograms(keys, { log: (line: string) => process.stderr.write(`${line}\n`) });
}

/** Runs a program to the end (at most `timeoutMs`) and returns its exit status and output. */
export function run(command: string, args: string[], timeoutMs = 60000): { status: number | null; output: string } {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}
