import { initialRefreshMs, PREVIEW_REFRESH_MS } from './refresh';

describe('the refresh the page starts with', () => {
  it.each<[string, string | null, string | undefined, unknown, number]>([
    ["the dashboard's own", null, undefined, '10s', 10_000],
    ['the URL over the dashboard', '2s', undefined, '10s', 2_000],
    ['--refresh over the dashboard', null, '1m', '10s', 60_000],
    ['the URL over --refresh', '30s', '1m', '10s', 30_000],
    ['off from the URL', 'off', undefined, '10s', 0],
    ['off from a dashboard with an empty refresh', null, undefined, '', 0],
    ['off from a dashboard with refresh false', null, undefined, false, 0],
    ['the preview default for a dashboard without one', null, undefined, undefined, PREVIEW_REFRESH_MS],
    ['the preview default for a value it cannot read', 'soon', undefined, '10s', PREVIEW_REFRESH_MS],
    ['hours', null, undefined, '1h', 3_600_000],
  ])('is %s', (_, fromUrl, fromCommand, fromDashboard, expected) => {
    expect(initialRefreshMs(fromUrl, fromCommand, fromDashboard)).toBe(expected);
  });
});
