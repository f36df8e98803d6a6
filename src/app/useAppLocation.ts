import { useEffect, useState } from 'react';
import { locationService } from '@grafana/runtime';

/**
 * The current path, following Grafana's history. The app routes by it rather than through a router
 * of its own, so that one build runs on Grafana lines that share different react-router versions.
 */
export function useAppLocation(): string {
  const [path, setPath] = useState(() => locationService.getLocation().pathname);
  useEffect(
    () => locationService.getHistory().listen((location: { pathname: string }) => setPath(location.pathname)),
    []
  );
  return path;
}

/** The page under the app's base path: "/a/portwatch-app/targets" -> "targets". */
export function pageOf(path: string, basename: string): string {
  const base = basename.replace(/\/+$/, '');
  if (path !== base && !path.startsWith(`${base}/`)) {
    return '';
  }
  return path.slice(base.length).replace(/^\/+/, '').split('/')[0] ?? '';
}
