import fc from 'fast-check';
import { DataLink, Field, FieldType } from '@grafana/data';
import { locationService } from '@grafana/runtime';

import { knownDurations } from '../data/durationSummary';
import { makeTile } from '../test-utils/makeTile';
import { interpolate } from '../test-utils/renderPanel';
import { openTileLink, tileLinks } from './tileLinks';

function fieldWith(links: DataLink[]): Field {
  return { name: 'probe_duration_seconds', type: FieldType.number, values: [], config: { links } };
}

const TILE = makeTile('10.0.0.5:8080', { labels: { instance: '10.0.0.5:8080', job: 'blackbox', env: 'prod & test' } });

describe('tileLinks', () => {
  it('fills in the target labels, encoded in the URL and plain in the title', () => {
    const tile = {
      ...TILE,
      durations: knownDurations({
        durationField: fieldWith([
          {
            title: '${__field.labels.env} probe',
            url: 'https://probe.example/?i=${__field.labels.instance}&e=${__field.labels.env}',
          },
        ]),
      }),
    };
    expect(tileLinks(tile, interpolate)).toEqual({
      links: [
        {
          title: 'prod & test probe',
          href: 'https://probe.example/?i=10.0.0.5%3A8080&e=prod%20%26%20test',
          target: '_self',
        },
      ],
      blocked: 0,
    });
  });

  it('opens in a new tab when the link says so, and titles a link without title by its URL', () => {
    const tile = {
      ...TILE,
      statusField: fieldWith([{ title: '', url: 'https://runbook.example', targetBlank: true }]),
    };
    expect(tileLinks(tile, interpolate).links).toEqual([
      { title: 'https://runbook.example', href: 'https://runbook.example', target: '_blank' },
    ]);
  });

  it.each([
    'javascript:alert(1)',
    ' JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    '\u0000javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '&#106;avascript:alert(1)',
  ])('drops the unsafe URL %p and counts it', (url) => {
    const tile = { ...TILE, durations: knownDurations({ durationField: fieldWith([{ title: 'x', url }]) }) };
    expect(tileLinks(tile, interpolate)).toEqual({ links: [], blocked: 1 });
  });

  it('drops a URL that only becomes unsafe once a label is filled in', () => {
    const tile = {
      ...TILE,
      labels: { instance: 'javascript:alert(1)' },
      durations: knownDurations({ durationField: fieldWith([{ title: 'x', url: '${__field.labels.instance}' }]) }),
    };
    // Encoding turns the colon into %3A, so what remains is a harmless relative path.
    const { links } = tileLinks(tile, interpolate);
    expect(links.every((link) => !/^\s*javascript:/i.test(link.href))).toBe(true);
  });

  it('lists a link set on both fields once, and skips a link that has neither URL nor query', () => {
    const shared = { title: 'Runbook', url: 'https://runbook.example' };
    const tile = {
      ...TILE,
      durations: knownDurations({ durationField: fieldWith([shared, { title: 'Nothing', url: '' }]) }),
      statusField: fieldWith([shared, { title: 'Other', url: 'https://other.example' }]),
    };
    expect(tileLinks(tile, interpolate).links.map((link) => link.title)).toEqual(['Runbook', 'Other']);
  });

  it('makes a link without a URL into Explore with its query, the target labels filled in', () => {
    const explore: DataLink = {
      title: 'Explore ${__field.labels.instance}',
      url: '',
      internal: {
        datasourceUid: 'portwatch-prometheus',
        datasourceName: 'Prometheus',
        query: { refId: 'A', expr: 'probe_success{instance="${__field.labels.instance}"}' },
      },
    };
    const { links } = tileLinks(
      { ...TILE, durations: knownDurations({ durationField: fieldWith([explore]) }) },
      interpolate
    );
    expect(links).toHaveLength(1);
    expect(links[0].title).toBe('Explore 10.0.0.5:8080');
    const url = new URL(links[0].href, 'http://grafana.example');
    expect(url.pathname).toBe('/explore');
    expect(decodeURIComponent(url.search)).toContain('probe_success{instance=\\"10.0.0.5:8080\\"}');
    expect(decodeURIComponent(url.search)).toContain('portwatch-prometheus');
  });

  it('never returns a script URL, whatever the configured URL and labels', () => {
    const scheme = fc
      .tuple(
        fc.constantFrom('javascript', 'vbscript', 'data'),
        fc.array(fc.boolean(), { minLength: 10, maxLength: 10 })
      )
      .map(([word, upper]) => [...word].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c)).join(''));
    const url = fc
      .tuple(fc.constantFrom('', ' ', '\t', '\n', '\u0001'), scheme, fc.string())
      .map(([pad, s, rest]) => `${pad}${s}:${rest}`);
    fc.assert(
      fc.property(fc.oneof(url, fc.string()), fc.string(), (configured, label) => {
        const tile = {
          ...TILE,
          labels: { instance: label },
          durations: knownDurations({ durationField: fieldWith([{ title: 't', url: configured }]) }),
        };
        const { links } = tileLinks(tile, interpolate);
        return links.every((link) => !/^[\s\u0000-\u001f]*(javascript|vbscript|data):/i.test(link.href));
      })
    );
  });
});

describe('openTileLink', () => {
  afterEach(() => jest.restoreAllMocks());

  it('opens a new-tab link without giving the page a handle on Grafana', () => {
    const open = jest.spyOn(window, 'open').mockReturnValue(null);
    openTileLink({ href: 'https://probe.example', title: 'x', target: '_blank' });
    expect(open).toHaveBeenCalledWith('https://probe.example', '_blank', 'noopener,noreferrer');
  });

  it('follows a Grafana path through the router', () => {
    const push = jest.spyOn(locationService, 'push').mockImplementation(() => undefined);
    openTileLink({ href: '/d/abc?var-instance=a', title: 'x', target: '_self' });
    expect(push).toHaveBeenCalledWith('/d/abc?var-instance=a');
  });
});
