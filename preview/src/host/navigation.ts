/**
 * Grafana's single-page app draws every one of its paths; the preview's page draws only its own (the
 * dashboard at /, the app under /a/<app id>). A plugin that calls `locationService.push` with another path
 * (a tile's data link to another dashboard) would only change the address bar, so the page loads such an
 * address for real instead and the server's answer shows (tests/e2e/preview.test.ts).
 */

/**
 * Turns the page's history entries for paths `handles` refuses into navigations: `pushState` into
 * `location.assign`, `replaceState` into `location.replace`. @grafana/runtime's locationService keeps a
 * browser history (the `history` package) over `window.history` on both host lines, 12's directly and
 * 13's behind its `HistoryWrapper`, and calls these methods at the time of each push. A listener on that
 * history would come too late: the entry would already be the old document's, and Chromium's reload of
 * it keeps it so, so that Back would change the address without leaving the new page.
 * Returns the function that puts the methods back.
 */
export function leaveForPathsNotHandled(handles: (pathname: string) => boolean): () => void {
  const history = window.history;
  const { pushState, replaceState } = history;
  const leavingTo = (url: string | URL | null | undefined): URL | undefined => {
    if (url === null || url === undefined) {
      return undefined;
    }
    const next = new URL(url, document.baseURI);
    return next.origin === window.location.origin && !handles(next.pathname) ? next : undefined;
  };
  history.pushState = function (data, unused, url) {
    const next = leavingTo(url);
    return next ? window.location.assign(next.href) : pushState.call(history, data, unused, url);
  };
  history.replaceState = function (data, unused, url) {
    const next = leavingTo(url);
    return next ? window.location.replace(next.href) : replaceState.call(history, data, unused, url);
  };
  return () => {
    history.pushState = pushState;
    history.replaceState = replaceState;
  };
}
