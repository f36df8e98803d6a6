import { joinsOnly } from '../data/seriesRole';
import { Role, Warning } from '../data/types';
import { t } from '../../i18n/t';
import { spanText } from './spanText';

function roleNoun(role: Role): string {
  switch (role) {
    case 'status':
      return t('warning.role.status', 'status');
    case 'duration':
      return t('warning.role.duration', 'duration');
    case 'prober':
      return t('warning.role.prober', 'up');
    case 'httpStatus':
      return t('warning.role.http-status', 'HTTP status');
    case 'certExpiry':
      return t('warning.role.cert-expiry', 'certificate expiry');
    case 'contentCheck':
      return t('warning.role.content-check', 'content check');
    case 'dnsLookup':
      return t('warning.role.dns-lookup', 'DNS lookup');
    case 'httpPhase':
      return t('warning.role.http-phase', 'HTTP phase');
    case 'host':
      return t('warning.role.host', 'host');
    case 'alerts':
      return t('warning.role.alerts', 'ALERTS');
    case 'uptime':
      return t('warning.role.uptime', 'uptime');
  }
}

function queryName(refId: string): string {
  return refId === ''
    ? t('warning.query-without-ref-id', 'query (no refId)')
    : t('warning.query', 'query {{refId}}', { refId });
}

/** A data warning in words, with what to do about it where there is something to do. */
export function warningText(warning: Warning): string {
  switch (warning.code) {
    case 'bad-stale-after':
      return t(
        'warning.bad-stale-after',
        'Stale after "{{text}}" is not a duration such as 30s or 2m; the query step is used instead.',
        { text: warning.text }
      );
    case 'no-answer':
      return t(
        'warning.no-answer',
        'No new answer has come for {{span}}: the tiles show the last one, and their ages run on until the next comes.',
        { span: spanText(warning.ms) }
      );
    case 'coarse-step':
      return t(
        'warning.coarse-step',
        'The query step is {{span}} on this time range, so the tiles show the state at the last step, which can be up to {{span}} old. A shorter time range gives a shorter step, down to the data source’s scrape interval.',
        { span: spanText(warning.stepMs) }
      );
    case 'zero-stale-after':
      return t(
        'warning.zero-stale-after',
        'Stale after "{{text}}" would make every tile stale at once; the query step is used instead.',
        { text: warning.text }
      );
    case 'ignored-metric':
      return t('warning.ignored-metric', '', {
        count: warning.count,
        query: queryName(warning.refId),
        metric: warning.metric,
        defaultValue_one:
          '{{count, number}} series of {{query}} ignored: {{metric}} is not a metric the panel reads (probe_success, probe_duration_seconds, up and the other blackbox metrics).',
        defaultValue_other:
          '{{count, number}} series of {{query}} ignored: {{metric}} is not a metric the panel reads (probe_success, probe_duration_seconds, up and the other blackbox metrics).',
      });
    case 'ignored-unmapped':
      return t('warning.ignored-unmapped', '', {
        count: warning.count,
        query: queryName(warning.refId),
        defaultValue_one:
          "{{count, number}} series of {{query}} ignored: not a metric the panel reads (probe_success, probe_duration_seconds, up and the other blackbox metrics). Map the query's refId under Options > Data.",
        defaultValue_other:
          "{{count, number}} series of {{query}} ignored: not a metric the panel reads (probe_success, probe_duration_seconds, up and the other blackbox metrics). Map the query's refId under Options > Data.",
      });
    case 'unkeyed': {
      const values = {
        count: warning.count,
        role: roleNoun(warning.role),
        query: queryName(warning.refId),
        labels: warning.keyLabels.join(', '),
      };
      return joinsOnly(warning.role)
        ? t('warning.unkeyed-unmatched', '', {
            ...values,
            defaultValue_one:
              '{{count, number}} {{role}} series of {{query}} has none of the key labels ({{labels}}), so it matches no target.',
            defaultValue_other:
              '{{count, number}} {{role}} series of {{query}} have none of the key labels ({{labels}}), so they match no target.',
          })
        : t('warning.unkeyed-named', '', {
            ...values,
            defaultValue_one:
              '{{count, number}} {{role}} series of {{query}} has none of the key labels ({{labels}}); its display name is used instead.',
            defaultValue_other:
              '{{count, number}} {{role}} series of {{query}} have none of the key labels ({{labels}}); their display names are used instead.',
          });
    }
    case 'duplicates':
      return t('warning.duplicates', '', {
        count: warning.count,
        defaultValue_one:
          '{{count, number}} duplicate series (same labels twice) was counted once: the one with the newest sample, and of two as new, the failing one.',
        defaultValue_other:
          '{{count, number}} duplicate series (same labels twice) were counted once: the one with the newest sample, and of two as new, the failing one.',
      });
    case 'several-values':
      return t('warning.several-values', '', {
        count: warning.count,
        defaultValue_one:
          '{{count, number}} status series has two values at one time: several targets made one, as the Merge transformation does with series whose labels it drops. Use Labels to fields before Merge, or no Merge.',
        defaultValue_other:
          '{{count, number}} status series have two values at one time: several targets made one, as the Merge transformation does with series whose labels it drops. Use Labels to fields before Merge, or no Merge.',
      });
    case 'undated':
      return t('warning.undated', '', {
        count: warning.count,
        query: queryName(warning.refId),
        defaultValue_one: '{{count, number}} series of {{query}} has no time field, so its samples cannot be dated.',
        defaultValue_other:
          '{{count, number}} series of {{query}} have no time field, so their samples cannot be dated.',
      });
    case 'series-to-rows':
      return t('warning.series-to-rows', '', {
        count: warning.count,
        defaultValue_one:
          "{{count, number}} frame of the Series to rows transformation was left out: it keeps only each series' display name, so neither the targets nor their metrics can be told apart. Remove that transformation.",
        defaultValue_other:
          "{{count, number}} frames of the Series to rows transformation were left out: they keep only each series' display name, so neither the targets nor their metrics can be told apart. Remove that transformation.",
      });
  }
}
