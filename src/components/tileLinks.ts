import { DataLink, InterpolateFunction, locationUtil, ScopedVars, textUtil } from '@grafana/data';
import { locationService } from '@grafana/runtime';

import { Tile } from '../data/types';
import { stateText } from './tileText';

/**
 * `VariableFormatID.UriEncode`, spelled out: @grafana/schema is not provided by Grafana at runtime,
 * so importing the enum would put part of it in the bundle for one string.
 */
const URI_ENCODE = 'uriencode';

/** What `sanitizeUrl` turns an unsafe URL into. */
const BLOCKED_URL = 'about:blank';

export interface TileLink {
  href: string;
  title: string;
  target: '_blank' | '_self';
}

export interface TileLinks {
  links: TileLink[];
  /** Links whose URL was unsafe (`javascript:` and the like) and was dropped. */
  blocked: number;
}

/**
 * The field-config data links of one tile, with the target's labels as `${__field.labels.x}`.
 * Called on hover, focus or Enter for one tile, never while rendering thousands of them.
 */
export function tileLinks(tile: Tile, replaceVariables: InterpolateFunction): TileLinks {
  const fields = [tile.durationField, tile.statusField];
  const seen = new Set<string>();
  const configs: DataLink[] = [];
  for (const field of fields) {
    for (const link of field?.config.links ?? []) {
      const id = `${link.title}\n${link.url}\n${Boolean(link.targetBlank)}`;
      if (!seen.has(id)) {
        seen.add(id);
        configs.push(link);
      }
    }
  }

  const scopedVars: ScopedVars = {
    __field: {
      text: 'Field',
      value: { name: (tile.durationField ?? tile.statusField)?.name ?? '', labels: tile.labels },
    },
    __series: { text: 'Series', value: { name: tile.name } },
    __value: { text: 'Value', value: { raw: tile.state, text: stateText(tile), time: tile.lastSampleTime } },
  };

  const links: TileLink[] = [];
  let blocked = 0;
  for (const config of configs) {
    // Links without a URL are Explore links to a data source query, which only Grafana's own panels resolve.
    if (!config.url) {
      continue;
    }
    const raw = replaceVariables(locationUtil.assureBaseUrl(config.url.replace(/\n/g, '')), scopedVars, URI_ENCODE);
    const href = textUtil.sanitizeUrl(raw);
    if (href === BLOCKED_URL) {
      blocked++;
      continue;
    }
    links.push({
      href,
      title: replaceVariables(config.title || '', scopedVars) || href,
      target: config.targetBlank ? '_blank' : '_self',
    });
  }
  return { links, blocked };
}

/** Paths inside Grafana go through its router, so following a link does not reload the app. */
export function openTileLink(link: TileLink): void {
  if (link.target === '_blank') {
    window.open(link.href, '_blank', 'noopener,noreferrer');
    return;
  }
  const path = locationUtil.stripBaseFromUrl(link.href);
  if (path.startsWith('/') && !path.startsWith('//')) {
    locationService.push(path);
    return;
  }
  window.location.assign(link.href);
}
