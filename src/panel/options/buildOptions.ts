import { PanelOptionsEditorBuilder, SelectableValue } from '@grafana/data';

import { t } from '../../i18n/t';
import { noGroupingLabel } from './groupingWords';
import { quorumChoices, sortChoices, tileSizeChoices } from './choices';
import { defaultOptions, Options } from './defaultOptions';
import { labelNamesInFrames } from './labelNamesInFrames';

/** Runs when Grafana builds the options editor, after the translations are loaded (module.ts). */
export function buildOptions(builder: PanelOptionsEditorBuilder<Options>): void {
  const DATA = [t('options.category.data', 'Data')];
  const STATES = [t('options.category.states', 'States')];
  const DISPLAY = [t('options.category.display', 'Display')];
  const noGrouping: SelectableValue<string> = { value: '', label: noGroupingLabel() };
  builder
    .addTextInput({
      path: 'keyLabels',
      name: t('options.key-labels.name', 'Key labels'),
      description: t(
        'options.key-labels.description',
        'Labels that identify a target, comma separated. Series with the same values share one tile.'
      ),
      category: DATA,
      defaultValue: defaultOptions.keyLabels,
      settings: { placeholder: defaultOptions.keyLabels },
    })
    .addTextInput({
      path: 'nameTemplate',
      name: t('options.name-template.name', 'Tile name'),
      description: t(
        'options.name-template.description',
        'Text shown on each tile; {{label}} is replaced by the value of that label, e.g. {{job}} {{instance}}.',
        { label: token('label'), job: token('job'), instance: token('instance') }
      ),
      category: DATA,
      defaultValue: defaultOptions.nameTemplate,
      settings: { placeholder: defaultOptions.nameTemplate },
    })
    .addTextInput({
      path: 'statusRefId',
      name: t('options.status-ref-id.name', 'Status query'),
      description: t(
        'options.status-ref-id.description',
        'RefId of the probe_success query. Needed when its series lose the metric name, e.g. after max_over_time().'
      ),
      category: DATA,
      defaultValue: defaultOptions.statusRefId,
    })
    .addTextInput({
      path: 'durationRefId',
      name: t('options.duration-ref-id.name', 'Duration query'),
      description: t(
        'options.duration-ref-id.description',
        'RefId of the probe_duration_seconds query, for the sparkline and the newest duration.'
      ),
      category: DATA,
      defaultValue: defaultOptions.durationRefId,
    })
    .addTextInput({
      path: 'proberRefId',
      name: t('options.prober-ref-id.name', 'Prober query'),
      description: t(
        'options.prober-ref-id.description',
        'RefId of the up{job="..."} query for the blackbox exporter itself; it tells an unreachable prober from a down target.'
      ),
      category: DATA,
      defaultValue: defaultOptions.proberRefId,
    })
    .addTextInput({
      path: 'httpStatusRefId',
      name: t('options.http-status-ref-id.name', 'HTTP status query'),
      description: t(
        'options.http-status-ref-id.description',
        'RefId of the probe_http_status_code query: a down HTTP target says which status it got.'
      ),
      category: DATA,
      defaultValue: defaultOptions.httpStatusRefId,
    })
    .addTextInput({
      path: 'certExpiryRefId',
      name: t('options.cert-expiry-ref-id.name', 'Certificate expiry query'),
      description: t('options.cert-expiry-ref-id.description', 'RefId of the probe_ssl_earliest_cert_expiry query.'),
      category: DATA,
      defaultValue: defaultOptions.certExpiryRefId,
    })
    .addTextInput({
      path: 'contentCheckRefId',
      name: t('options.content-check-ref-id.name', 'Content check query'),
      description: t('options.content-check-ref-id.description', 'RefId of the probe_failed_due_to_regex query.'),
      category: DATA,
      defaultValue: defaultOptions.contentCheckRefId,
    })
    .addTextInput({
      path: 'dnsLookupRefId',
      name: t('options.dns-lookup-ref-id.name', 'DNS lookup query'),
      description: t(
        'options.dns-lookup-ref-id.description',
        'RefId of the probe_dns_lookup_time_seconds query, shown in the details.'
      ),
      category: DATA,
      defaultValue: defaultOptions.dnsLookupRefId,
    })
    .addTextInput({
      path: 'httpPhaseRefId',
      name: t('options.http-phase-ref-id.name', 'HTTP phases query'),
      description: t(
        'options.http-phase-ref-id.description',
        'RefId of the probe_http_duration_seconds query: where the time of an HTTP probe went.'
      ),
      category: DATA,
      defaultValue: defaultOptions.httpPhaseRefId,
    })
    .addTextInput({
      path: 'hostRefId',
      name: t('options.host-ref-id.name', 'Host query'),
      description: t(
        'options.host-ref-id.description',
        'RefId of the ICMP probes of hosts, e.g. probe_success{job="probe_icmp"}. Ports of a host that does not answer say "host unreachable".'
      ),
      category: DATA,
      defaultValue: defaultOptions.hostRefId,
    })
    .addTextInput({
      path: 'alertsRefId',
      name: t('options.alerts-ref-id.name', 'Alerts query'),
      description: t(
        'options.alerts-ref-id.description',
        'RefId of the ALERTS{alertstate=~"firing|pending"} query: a bell on targets with active alerts.'
      ),
      category: DATA,
      defaultValue: defaultOptions.alertsRefId,
    })
    .addTextInput({
      path: 'uptimeRefId',
      name: t('options.uptime-ref-id.name', 'Uptime query'),
      description: t(
        'options.uptime-ref-id.description',
        'RefId of an instant avg_over_time(probe_success[$__range]) query: exact uptime over the time range instead of the share of samples.'
      ),
      category: DATA,
      defaultValue: defaultOptions.uptimeRefId,
    })
    .addTextInput({
      path: 'staleAfter',
      name: t('options.stale-after.name', 'Stale after'),
      description: t(
        'options.stale-after.description',
        'Age of the newest sample after which a target is stale, e.g. 30s or 2m. Empty derives it from the query step.'
      ),
      category: STATES,
      defaultValue: defaultOptions.staleAfter,
      settings: { placeholder: t('options.stale-after.placeholder', 'auto') },
    })
    .addRadio({
      path: 'quorum',
      name: t('options.quorum.name', 'Quorum'),
      description: t(
        'options.quorum.description',
        'When a target is probed by several modules or locations: how many must succeed for it to count as healthy.'
      ),
      category: STATES,
      defaultValue: defaultOptions.quorum,
      settings: { options: quorumChoices() },
    })
    .addNumberInput({
      path: 'flappingThreshold',
      name: t('options.flapping-threshold.name', 'Flapping threshold'),
      description: t(
        'options.flapping-threshold.description',
        'State changes within the time range from which a target is marked as flapping. 0 turns it off.'
      ),
      category: STATES,
      defaultValue: defaultOptions.flappingThreshold,
      settings: { min: 0, integer: true },
    })
    .addNumberInput({
      path: 'certWarningDays',
      name: t('options.cert-warning-days.name', 'Certificate warning'),
      description: t(
        'options.cert-warning-days.description',
        'Days before a certificate expires from which its tile warns, also while the target is up.'
      ),
      category: STATES,
      defaultValue: defaultOptions.certWarningDays,
      settings: { min: 0 },
    })
    .addNumberInput({
      path: 'certCriticalDays',
      name: t('options.cert-critical-days.name', 'Certificate critical'),
      description: t(
        'options.cert-critical-days.description',
        'Days before a certificate expires from which the warning is critical.'
      ),
      category: STATES,
      defaultValue: defaultOptions.certCriticalDays,
      settings: { min: 0 },
    })
    .addNumberInput({
      path: 'uptimeTarget',
      name: t('options.uptime-target.name', 'Uptime target'),
      description: t(
        'options.uptime-target.description',
        'In percent, e.g. 99.9: targets under it are marked and their uptime coloured. 0 turns it off.'
      ),
      category: STATES,
      defaultValue: defaultOptions.uptimeTarget,
      settings: { min: 0, max: 100 },
    })
    .addRadio({
      path: 'tileSize',
      name: t('options.tile-size.name', 'Tile size'),
      category: DISPLAY,
      defaultValue: defaultOptions.tileSize,
      settings: { options: tileSizeChoices() },
    })
    .addNumberInput({
      path: 'minTileWidth',
      name: t('options.min-tile-width.name', 'Minimum tile width'),
      description: t(
        'options.min-tile-width.description',
        'In pixels; the number of columns follows from it and the panel width.'
      ),
      category: DISPLAY,
      defaultValue: defaultOptions.minTileWidth,
      settings: { min: 60, max: 1000, integer: true },
    })
    .addBooleanSwitch({
      path: 'showSparkline',
      name: t('options.show-sparkline.name', 'Show duration sparkline'),
      description: t('options.show-sparkline.description', 'Not drawn on small tiles.'),
      category: DISPLAY,
      defaultValue: defaultOptions.showSparkline,
    })
    .addBooleanSwitch({
      path: 'showUptime',
      name: t('options.show-uptime.name', 'Show uptime'),
      category: DISPLAY,
      defaultValue: defaultOptions.showUptime,
    })
    .addBooleanSwitch({
      path: 'showTimeInState',
      name: t('options.show-time-in-state.name', 'Show time in state'),
      category: DISPLAY,
      defaultValue: defaultOptions.showTimeInState,
    })
    .addBooleanSwitch({
      path: 'showSummary',
      name: t('options.show-summary.name', 'Show summary'),
      description: t(
        'options.show-summary.description',
        'Counts per state above the tiles; clicking a count filters the tiles.'
      ),
      category: DISPLAY,
      defaultValue: defaultOptions.showSummary,
    })
    .addBooleanSwitch({
      path: 'showFilter',
      name: t('options.show-filter.name', 'Show filter, sort and grouping controls'),
      description: t('options.show-filter.description', 'Viewers can change them without saving the dashboard.'),
      category: DISPLAY,
      defaultValue: defaultOptions.showFilter,
    })
    .addSelect({
      path: 'sortBy',
      name: t('options.sort-by.name', 'Sort by'),
      category: DISPLAY,
      defaultValue: defaultOptions.sortBy,
      settings: { options: sortChoices() },
    })
    .addSelect({
      path: 'groupBy',
      name: t('options.group-by.name', 'Group by'),
      description: t('options.group-by.description', 'Label whose values group the tiles.'),
      category: DISPLAY,
      defaultValue: defaultOptions.groupBy,
      settings: {
        options: [noGrouping],
        allowCustomValue: true,
        getOptions: async (context) => [noGrouping, ...labelNamesInFrames(context.data ?? []).map(toChoice)],
      },
    });
}

function toChoice(name: string): SelectableValue<string> {
  return { value: name, label: name };
}

/** A tile name template's placeholder, shown as it is typed: the description's example, not words. */
function token(label: string): string {
  return `{{${label}}}`;
}
