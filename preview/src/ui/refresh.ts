/** The page's refresh when neither the URL, `--refresh` nor the dashboard names one. */
export const PREVIEW_REFRESH_MS = 5000;

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * The refresh interval the page starts with, as Grafana chooses it: the URL's `refresh`, else the one
 * `--refresh` gave, else the dashboard's own (the shipped dashboards' 10s; `""` or `false` is no
 * auto-refresh there), else the preview's 5s. "off" and unreadable values: see refresh.test.ts.
 */
export function initialRefreshMs(
  fromUrl: string | null,
  fromCommand: string | undefined,
  fromDashboard: unknown
): number {
  const asked = fromUrl ?? fromCommand;
  if (asked !== undefined && asked !== '') {
    return refreshMs(asked) ?? PREVIEW_REFRESH_MS;
  }
  if (fromDashboard === false || fromDashboard === '') {
    return 0;
  }
  return typeof fromDashboard === 'string' ? (refreshMs(fromDashboard) ?? PREVIEW_REFRESH_MS) : PREVIEW_REFRESH_MS;
}

/** "10s", "1m", "off": milliseconds, 0 for off; undefined when the text is none of these. */
function refreshMs(text: string): number | undefined {
  if (text === 'off') {
    return 0;
  }
  const match = /^(\d+)([smhd])$/.exec(text);
  const ms = match ? Number(match[1]) * UNIT_MS[match[2]] : NaN;
  return ms > 0 ? ms : undefined;
}
