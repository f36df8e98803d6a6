export type Quorum = 'any' | 'majority' | 'all';
export type SortBy = 'problems' | 'name' | 'duration' | 'uptime';
export type TileSize = 'small' | 'medium' | 'large';

/** Saved panel options. Field-level settings (unit, decimals, thresholds, links) live in field config. */
export interface Options {
  /** Labels that identify a target, comma separated (`instance`, or `job, instance`). */
  keyLabels: string;
  /** Tile title; `{{label}}` placeholders are replaced by label values. */
  nameTemplate: string;
  /** Query refIds used when a series carries no metric name. */
  statusRefId: string;
  durationRefId: string;
  proberRefId: string;
  /** Query refIds of the other blackbox metrics, for series that lost their metric name. */
  httpStatusRefId: string;
  certExpiryRefId: string;
  contentCheckRefId: string;
  dnsLookupRefId: string;
  httpPhaseRefId: string;
  /** RefId of the ICMP probes of hosts (probe_success of the ICMP job): decided by refId, as the metric is probe_success. */
  hostRefId: string;
  alertsRefId: string;
  /** RefId of an instant `avg_over_time(probe_success[$__range])` query: exact uptime. */
  uptimeRefId: string;
  /** Days before a certificate expires from which the tile warns, and from which it is critical. */
  certWarningDays: number;
  certCriticalDays: number;
  /** Uptime in percent under which a target is marked; 0 turns it off. */
  uptimeTarget: number;
  /** Age after which a target's newest sample is stale, as a Grafana duration (`30s`); empty derives it from the query step. */
  staleAfter: string;
  /** How a target probed by several modules or locations rolls up when only some of them succeed. */
  quorum: Quorum;
  /** State changes within the time range at or above which a target is marked as flapping; 0 turns it off. */
  flappingThreshold: number;
  tileSize: TileSize;
  minTileWidth: number;
  showSparkline: boolean;
  showUptime: boolean;
  showTimeInState: boolean;
  showSummary: boolean;
  showFilter: boolean;
  sortBy: SortBy;
  /** Label whose values group the tiles; empty for no grouping. */
  groupBy: string;
}

export const defaultOptions: Options = {
  keyLabels: 'instance',
  nameTemplate: '{{instance}}',
  statusRefId: 'A',
  durationRefId: 'B',
  proberRefId: 'C',
  httpStatusRefId: 'D',
  certExpiryRefId: 'E',
  contentCheckRefId: 'F',
  dnsLookupRefId: 'G',
  httpPhaseRefId: 'H',
  hostRefId: 'I',
  alertsRefId: 'J',
  uptimeRefId: 'U',
  certWarningDays: 14,
  certCriticalDays: 3,
  uptimeTarget: 0,
  staleAfter: '',
  quorum: 'majority',
  flappingThreshold: 5,
  tileSize: 'medium',
  minTileWidth: 160,
  showSparkline: true,
  showUptime: true,
  showTimeInState: true,
  showSummary: true,
  showFilter: true,
  sortBy: 'problems',
  groupBy: '',
};
