import fc from 'fast-check';

import { defaultOptions, Options } from './defaultOptions';
import { refIdRoles } from '../data/seriesRole';
import { migrateOptions, normalizeOptions } from './migrateOptions';

const SAVED: Options = {
  ...defaultOptions,
  keyLabels: 'job, instance',
  nameTemplate: '{{job}} {{instance}}',
  quorum: 'all',
  flappingThreshold: 3,
  tileSize: 'small',
  minTileWidth: 120,
  showSparkline: false,
  sortBy: 'name',
  groupBy: 'env',
};

function deepCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

describe('migrateOptions: panels saved before the first release (no version)', () => {
  it.each([undefined, '', '%VERSION%', 'dev'])('reads version %p as unversioned', (pluginVersion) => {
    const migrated = migrateOptions({
      pluginVersion,
      options: { keyLabels: ['job', 'instance'], minTileWidth: '120' },
    });
    expect(migrated.keyLabels).toBe('job, instance');
    expect(migrated.minTileWidth).toBe(120);
  });

  it('accepts what hand-written provisioning JSON tends to hold', () => {
    const migrated = migrateOptions({
      options: {
        keyLabels: ['instance'],
        flappingThreshold: '3',
        minTileWidth: ' 200 ',
        showSparkline: 'false',
        showUptime: 'true',
      },
    });
    expect(migrated).toEqual({
      ...defaultOptions,
      keyLabels: 'instance',
      flappingThreshold: 3,
      minTileWidth: 200,
      showSparkline: false,
      showUptime: true,
    });
  });

  it('fills missing options from the defaults', () => {
    expect(migrateOptions({ options: {} })).toEqual(defaultOptions);
    expect(migrateOptions({})).toEqual(defaultOptions);
  });

  it.each([null, 'text', 42, ['a'], true])('starts from the defaults when the options are %p', (options) => {
    expect(migrateOptions({ options })).toEqual(defaultOptions);
  });
});

describe('migrateOptions: panels saved by 1.0.0', () => {
  it('keeps valid options as they are, in a copy', () => {
    const options = deepCopy(SAVED);
    const migrated = migrateOptions({ pluginVersion: '1.0.0', options });
    expect(migrated).toEqual(SAVED);
    expect(migrated).not.toBe(options);
  });

  it('no longer converts strings: 1.0.0 wrote proper types, so a string is damage and falls back', () => {
    const migrated = migrateOptions({
      pluginVersion: '1.0.0',
      options: { ...SAVED, minTileWidth: '120', keyLabels: ['job'] },
    });
    expect(migrated.minTileWidth).toBe(defaultOptions.minTileWidth);
    expect(migrated.keyLabels).toBe(defaultOptions.keyLabels);
  });

  it('leaves the refIds 1.1.0 added empty, so that their queries keep the meaning 1.0.0 gave them', () => {
    const { statusRefId, durationRefId, proberRefId, keyLabels } = SAVED;
    const migrated = migrateOptions({
      pluginVersion: '1.0.0',
      options: { statusRefId, durationRefId, proberRefId, keyLabels, uptimeRefId: 'V' },
    });
    expect(migrated).toMatchObject({
      statusRefId: 'A',
      durationRefId: 'B',
      proberRefId: 'C',
      httpStatusRefId: '',
      certExpiryRefId: '',
      contentCheckRefId: '',
      dnsLookupRefId: '',
      httpPhaseRefId: '',
      hostRefId: '',
      alertsRefId: '',
      uptimeRefId: 'V',
    });
    // `up` under U, as a 1.0.0 dashboard may name its prober query, stays the prober.
    const roles = refIdRoles(migrated);
    expect(roles.get('U')).toBeUndefined();
    expect(roles.get('I')).toBeUndefined();
  });

  it('gives panels saved by 1.1.0, and panels without a version, the default refIds', () => {
    for (const pluginVersion of ['1.1.0', undefined]) {
      const migrated = migrateOptions({ pluginVersion, options: { keyLabels: 'instance' } });
      expect(migrated.hostRefId).toBe(defaultOptions.hostRefId);
      expect(migrated.uptimeRefId).toBe(defaultOptions.uptimeRefId);
    }
  });

  it('treats a newer version (a downgrade) like 1.0.0', () => {
    expect(migrateOptions({ pluginVersion: '2.3.0', options: deepCopy(SAVED) })).toEqual(SAVED);
  });
});

describe('normalizeOptions', () => {
  it.each<[keyof Options, unknown]>([
    ['keyLabels', 5],
    ['nameTemplate', null],
    ['statusRefId', {}],
    ['staleAfter', 30],
    ['quorum', 'most'],
    ['flappingThreshold', -1],
    ['flappingThreshold', NaN],
    ['tileSize', 'huge'],
    ['minTileWidth', 0],
    ['minTileWidth', Infinity],
    ['showSparkline', 1],
    ['showFilter', 'yes'],
    ['sortBy', 'random'],
    ['groupBy', ['env']],
  ])('replaces %s = %p by the default', (key, value) => {
    expect(normalizeOptions({ ...SAVED, [key]: value })[key]).toEqual(defaultOptions[key]);
  });

  it('drops options it does not know', () => {
    expect(Object.keys(normalizeOptions({ ...SAVED, colourMode: 'fancy' }))).not.toContain('colourMode');
  });
});

describe('migrateOptions on any input', () => {
  const anyVersion = fc.oneof(
    fc.constant(undefined),
    fc.constantFrom('', '0.9.0', '1.0.0', '1.0.1', '9.9.9'),
    fc.string()
  );
  const anyOptions = fc.oneof(
    fc.dictionary(fc.constantFrom(...Object.keys(defaultOptions), 'extra'), fc.anything()),
    fc.anything()
  );

  it('returns every option with the type of its default, and never changes its input', () => {
    fc.assert(
      fc.property(anyVersion, anyOptions, (pluginVersion, options) => {
        const before = JSON.stringify(options);
        const migrated = migrateOptions({ pluginVersion, options });
        expect(JSON.stringify(options)).toBe(before);
        expect(Object.keys(migrated).sort()).toEqual(Object.keys(defaultOptions).sort());
        for (const key of Object.keys(defaultOptions) as Array<keyof Options>) {
          expect(typeof migrated[key]).toBe(typeof defaultOptions[key]);
        }
      })
    );
  });
});
