import { defaultOptions, Options, Quorum, SortBy, TileSize } from './defaultOptions';

type SavedOptions = Record<string, unknown>;

interface MigrationStep {
  /** The release whose option shapes this step produces. */
  version: string;
  migrate: (options: SavedOptions) => SavedOptions;
  /** Skipped for panels saved without a version. */
  versionedOnly?: boolean;
}

/** What Grafana hands a migration handler; only these two fields are read. */
export interface SavedPanel {
  options?: unknown;
  pluginVersion?: string;
}

const QUORUMS: readonly Quorum[] = ['any', 'majority', 'all'];
const SORTS: readonly SortBy[] = ['problems', 'name', 'duration', 'uptime'];
const TILE_SIZES: readonly TileSize[] = ['small', 'medium', 'large'];

/**
 * 1.0.0 is the first release. Panels saved without a version come from provisioning files or
 * hand-edited JSON, where label lists are often arrays and numbers or booleans are often strings.
 */
function toFirstRelease(options: SavedOptions): SavedOptions {
  const next = { ...options };
  if (Array.isArray(next.keyLabels) && next.keyLabels.every((label) => typeof label === 'string')) {
    next.keyLabels = next.keyLabels.join(', ');
  }
  for (const key of ['flappingThreshold', 'minTileWidth'] as const) {
    const value = next[key];
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
      next[key] = Number(value);
    }
  }
  for (const key of ['showSparkline', 'showUptime', 'showTimeInState', 'showSummary', 'showFilter'] as const) {
    const value = next[key];
    if (value === 'true' || value === 'false') {
      next[key] = value === 'true';
    }
  }
  return next;
}

/** The refId options 1.1.0 added, each with a default refId (D to J, U). */
const REF_IDS_OF_1_1_0 = [
  'httpStatusRefId',
  'certExpiryRefId',
  'contentCheckRefId',
  'dnsLookupRefId',
  'httpPhaseRefId',
  'hostRefId',
  'alertsRefId',
  'uptimeRefId',
] as const;

/**
 * A 1.0.0 panel's queries under refIds D to J or U meant what their metric name or values said. The
 * defaults of 1.1.0 would read them anew (probe_success under I as a host probe, `up` under U as the
 * uptime), so a DOWN target could vanish or a dead prober's target read UP: the new refIds start
 * empty there ("panels saved by 1.0.0" in migrateOptions.test.ts). Roles by metric name still work.
 */
function toRefIdRoles(options: SavedOptions): SavedOptions {
  const next = { ...options };
  for (const key of REF_IDS_OF_1_1_0) {
    if (!(key in next)) {
      next[key] = '';
    }
  }
  return next;
}

/**
 * Oldest first; a step runs when the panel was saved by a release before its version. A panel
 * without a version (JSON written by hand or for provisioning) runs only the steps not marked
 * `versionedOnly`: such JSON is as likely written for the current release as for an old one.
 */
const MIGRATIONS: readonly MigrationStep[] = [
  { version: '1.0.0', migrate: toFirstRelease },
  { version: '1.1.0', migrate: toRefIdRoles, versionedOnly: true },
];

/**
 * Grafana calls this when a panel was saved by another plugin version. It never mutates the saved
 * options, and whatever the steps leave behind is checked against the current option types, so a
 * dashboard edited by hand still opens.
 */
export function migrateOptions(panel: SavedPanel): Options {
  const saved = isRecord(panel.options) ? { ...panel.options } : {};
  const from = parseVersion(panel.pluginVersion);
  const migrated = MIGRATIONS.reduce((options, step) => {
    const done = from ? compareVersions(from, parseVersion(step.version) ?? []) >= 0 : step.versionedOnly === true;
    return done ? options : step.migrate(options);
  }, saved);
  return normalizeOptions(migrated);
}

/**
 * Every known option with the right type; missing, unknown, ill-typed and out-of-range values fall back
 * to the defaults. The panel also runs it on every change of its options: Grafana calls the migration
 * handler only when the saved version differs, so JSON edited or provisioned with the current version
 * reaches the panel as it was written ("an invalid saved option" in PortStatusPanel.test.tsx).
 */
export function normalizeOptions(saved: SavedOptions): Options {
  const d = defaultOptions;
  return {
    keyLabels: stringOr(saved.keyLabels, d.keyLabels),
    nameTemplate: stringOr(saved.nameTemplate, d.nameTemplate),
    statusRefId: stringOr(saved.statusRefId, d.statusRefId),
    durationRefId: stringOr(saved.durationRefId, d.durationRefId),
    proberRefId: stringOr(saved.proberRefId, d.proberRefId),
    httpStatusRefId: stringOr(saved.httpStatusRefId, d.httpStatusRefId),
    certExpiryRefId: stringOr(saved.certExpiryRefId, d.certExpiryRefId),
    contentCheckRefId: stringOr(saved.contentCheckRefId, d.contentCheckRefId),
    dnsLookupRefId: stringOr(saved.dnsLookupRefId, d.dnsLookupRefId),
    httpPhaseRefId: stringOr(saved.httpPhaseRefId, d.httpPhaseRefId),
    hostRefId: stringOr(saved.hostRefId, d.hostRefId),
    alertsRefId: stringOr(saved.alertsRefId, d.alertsRefId),
    uptimeRefId: stringOr(saved.uptimeRefId, d.uptimeRefId),
    certWarningDays: numberOr(saved.certWarningDays, d.certWarningDays, 0),
    certCriticalDays: numberOr(saved.certCriticalDays, d.certCriticalDays, 0),
    uptimeTarget: numberOr(saved.uptimeTarget, d.uptimeTarget, 0, 100),
    staleAfter: stringOr(saved.staleAfter, d.staleAfter),
    quorum: oneOf(saved.quorum, QUORUMS, d.quorum),
    flappingThreshold: numberOr(saved.flappingThreshold, d.flappingThreshold, 0),
    tileSize: oneOf(saved.tileSize, TILE_SIZES, d.tileSize),
    minTileWidth: numberOr(saved.minTileWidth, d.minTileWidth, 1),
    showSparkline: booleanOr(saved.showSparkline, d.showSparkline),
    showUptime: booleanOr(saved.showUptime, d.showUptime),
    showTimeInState: booleanOr(saved.showTimeInState, d.showTimeInState),
    showSummary: booleanOr(saved.showSummary, d.showSummary),
    showFilter: booleanOr(saved.showFilter, d.showFilter),
    sortBy: oneOf(saved.sortBy, SORTS, d.sortBy),
    groupBy: stringOr(saved.groupBy, d.groupBy),
  };
}

function isRecord(value: unknown): value is SavedOptions {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function booleanOr(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function numberOr(value: unknown, fallback: number, min: number, max = Infinity): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : fallback;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.find((candidate) => candidate === value) ?? fallback;
}

/** `1.2.3`, `v1.2.3` or `1.2.3-beta.1` as [1, 2, 3]; anything else (empty, `%VERSION%`) as undefined. */
function parseVersion(version: string | undefined): number[] | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version?.trim() ?? '');
  return match ? match.slice(1).map(Number) : undefined;
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) {
      return diff;
    }
  }
  return 0;
}
