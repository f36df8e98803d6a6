import { ModuleName } from './types';

/**
 * The job name the target builder offers for a module. probe_* like the stack's jobs, so the
 * dashboards and alert rules find it, but not one of the stack's names where that is only a habit:
 * Prometheus refuses two jobs of one name in a configuration the job is pasted into. ICMP is the
 * exception: the Port Status dashboard's host query and PortwatchHostDown select
 * `job="probe_icmp"` exactly, and PortwatchTargetDown leaves that job out, so under any other name
 * an unreachable host is neither shown as such nor alerted on as one ("names the icmp job
 * probe_icmp", TargetBuilderPage.test.tsx).
 */
export function defaultJobName(module: ModuleName): string {
  const names: Record<ModuleName, string> = {
    tcp_connect: 'probe_tcp_ports',
    http_2xx: 'probe_http_ports',
    icmp: 'probe_icmp',
    dns: 'probe_dns_ports',
  };
  return names[module];
}
