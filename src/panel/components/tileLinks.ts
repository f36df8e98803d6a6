import {
  DataFrame,
  Field,
  getLinksSupplier,
  InterpolateFunction,
  locationUtil,
  ScopedVars,
  textUtil,
} from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import { locationService } from '@grafana/runtime';

import { Tile } from '../data/types';
import { stateText } from './tileText';

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
 * The field-config data links of one tile, through Grafana's own link machinery (getLinksSupplier,
 * as `field.getLinks` does), so that links to Explore work like URLs. The field is given the
 * tile's labels, so `${__field.labels.x}` is the target's label also where several series were
 * merged into the tile. Every URL is sanitised. Called on hover, focus or Enter for one tile, never
 * while rendering thousands of them.
 */
export function tileLinks(tile: Tile, replaceVariables: InterpolateFunction, timeZone?: TimeZone): TileLinks {
  const { durationField } = tile.durations.figures();
  const scopedVars: ScopedVars = {
    __field: scopedVar('Field', { name: (durationField ?? tile.statusField)?.name ?? '', labels: tile.labels }),
    __series: scopedVar('Series', { name: tile.name }),
    __value: scopedVar('Value', { raw: tile.state, text: stateText(tile), time: tile.lastSampleTime }),
  };
  const seen = new Set<string>();
  const links: TileLink[] = [];
  let blocked = 0;
  for (const source of [durationField, tile.statusField]) {
    const configs = (source?.config.links ?? []).filter((link) => {
      const id = JSON.stringify([link.title, link.url, Boolean(link.targetBlank), link.internal ?? null]);
      const fresh = !seen.has(id);
      seen.add(id);
      return fresh;
    });
    if (source === undefined || configs.length === 0) {
      continue;
    }
    const field: Field = { ...source, labels: tile.labels, config: { ...source.config, links: configs } };
    const frame: DataFrame = { name: tile.name, fields: [field], length: field.values.length };
    for (const model of getLinksSupplier(frame, field, scopedVars, replaceVariables, timeZone)({})) {
      const href = model.href ? textUtil.sanitizeUrl(model.href) : '';
      if (href === '' || href === BLOCKED_URL) {
        blocked += href === BLOCKED_URL ? 1 : 0;
        continue;
      }
      links.push({ href, title: model.title || href, target: model.target === '_blank' ? '_blank' : '_self' });
    }
  }
  return { links, blocked };
}

/**
 * Paths inside Grafana go through its router, so following a link does not reload the app; other
 * pages open through window.open, in this tab or another, without an opener or a referrer. Plugins
 * do not touch window.location (the plugin validator's direct-window-location-access rule).
 */
export function openTileLink(link: TileLink): void {
  if (link.target !== '_blank') {
    const path = locationUtil.stripBaseFromUrl(link.href);
    if (path.startsWith('/') && !path.startsWith('//')) {
      locationService.push(path);
      return;
    }
  }
  window.open(link.href, link.target, 'noopener,noreferrer');
}

/**
 * A scoped variable as Grafana's own data links make them: the text is the variable's name in
 * Grafana's link machinery ("Field", "Series", "Value"), never shown, so not translated.
 */
function scopedVar(name: string, value: unknown): ScopedVars[string] {
  return { text: name, value };
}
