import { PanelOptionsEditorBuilder, SelectableValue } from '@grafana/data';

import { NO_GROUPING_LABEL } from '../constants';

import { QUORUM_CHOICES, SORT_CHOICES, TILE_SIZE_CHOICES } from './choices';
import { defaultOptions, Options } from './defaultOptions';
import { labelNamesInFrames } from './labelNamesInFrames';

const DATA = ['Data'];
const STATES = ['States'];
const DISPLAY = ['Display'];

export function buildOptions(builder: PanelOptionsEditorBuilder<Options>): void {
  builder
    .addTextInput({
      path: 'keyLabels',
      name: 'Key labels',
      description: 'Labels that identify a target, comma separated. Series with the same values share one tile.',
      category: DATA,
      defaultValue: defaultOptions.keyLabels,
      settings: { placeholder: 'instance' },
    })
    .addTextInput({
      path: 'nameTemplate',
      name: 'Tile name',
      description:
        'Text shown on each tile; {{label}} is replaced by the value of that label, e.g. {{job}} {{instance}}.',
      category: DATA,
      defaultValue: defaultOptions.nameTemplate,
      settings: { placeholder: '{{instance}}' },
    })
    .addTextInput({
      path: 'statusRefId',
      name: 'Status query',
      description:
        'RefId of the probe_success query. Needed when its series lose the metric name, e.g. after max_over_time().',
      category: DATA,
      defaultValue: defaultOptions.statusRefId,
    })
    .addTextInput({
      path: 'durationRefId',
      name: 'Duration query',
      description: 'RefId of the probe_duration_seconds query, for the sparkline and the newest duration.',
      category: DATA,
      defaultValue: defaultOptions.durationRefId,
    })
    .addTextInput({
      path: 'proberRefId',
      name: 'Prober query',
      description:
        'RefId of the up{job="..."} query for the blackbox exporter itself; it tells an unreachable prober from a down target.',
      category: DATA,
      defaultValue: defaultOptions.proberRefId,
    })
    .addTextInput({
      path: 'httpStatusRefId',
      name: 'HTTP status query',
      description: 'RefId of the probe_http_status_code query: a down HTTP target says which status it got.',
      category: DATA,
      defaultValue: defaultOptions.httpStatusRefId,
    })
    .addTextInput({
      path: 'certExpiryRefId',
      name: 'Certificate expiry query',
      description: 'RefId of the probe_ssl_earliest_cert_expiry query.',
      category: DATA,
      defaultValue: defaultOptions.certExpiryRefId,
    })
    .addTextInput({
      path: 'contentCheckRefId',
      name: 'Content check query',
      description: 'RefId of the probe_failed_due_to_regex query.',
      category: DATA,
      defaultValue: defaultOptions.contentCheckRefId,
    })
    .addTextInput({
      path: 'dnsLookupRefId',
      name: 'DNS lookup query',
      description: 'RefId of the probe_dns_lookup_time_seconds query, shown in the details.',
      category: DATA,
      defaultValue: defaultOptions.dnsLookupRefId,
    })
    .addTextInput({
      path: 'httpPhaseRefId',
      name: 'HTTP phases query',
      description: 'RefId of the probe_http_duration_seconds query: where the time of an HTTP probe went.',
      category: DATA,
      defaultValue: defaultOptions.httpPhaseRefId,
    })
    .addTextInput({
      path: 'hostRefId',
      name: 'Host query',
      description:
        'RefId of the ICMP probes of hosts, e.g. probe_success{job="probe_icmp"}. Ports of a host that does not answer say "host unreachable".',
      category: DATA,
      defaultValue: defaultOptions.hostRefId,
    })
    .addTextInput({
      path: 'alertsRefId',
      name: 'Alerts query',
      description: 'RefId of the ALERTS{alertstate=~"firing|pending"} query: a bell on targets with active alerts.',
      category: DATA,
      defaultValue: defaultOptions.alertsRefId,
    })
    .addTextInput({
      path: 'uptimeRefId',
      name: 'Uptime query',
      description:
        'RefId of an instant avg_over_time(probe_success[$__range]) query: exact uptime over the time range instead of the share of samples.',
      category: DATA,
      defaultValue: defaultOptions.uptimeRefId,
    })
    .addTextInput({
      path: 'staleAfter',
      name: 'Stale after',
      description:
        'Age of the newest sample after which a target is stale, e.g. 30s or 2m. Empty derives it from the query step.',
      category: STATES,
      defaultValue: defaultOptions.staleAfter,
      settings: { placeholder: 'auto' },
    })
    .addRadio({
      path: 'quorum',
      name: 'Quorum',
      description:
        'When a target is probed by several modules or locations: how many must succeed for it to count as healthy.',
      category: STATES,
      defaultValue: defaultOptions.quorum,
      settings: { options: QUORUM_CHOICES },
    })
    .addNumberInput({
      path: 'flappingThreshold',
      name: 'Flapping threshold',
      description: 'State changes within the time range from which a target is marked as flapping. 0 turns it off.',
      category: STATES,
      defaultValue: defaultOptions.flappingThreshold,
      settings: { min: 0, integer: true },
    })
    .addNumberInput({
      path: 'certWarningDays',
      name: 'Certificate warning',
      description: 'Days before a certificate expires from which its tile warns, also while the target is up.',
      category: STATES,
      defaultValue: defaultOptions.certWarningDays,
      settings: { min: 0 },
    })
    .addNumberInput({
      path: 'certCriticalDays',
      name: 'Certificate critical',
      description: 'Days before a certificate expires from which the warning is critical.',
      category: STATES,
      defaultValue: defaultOptions.certCriticalDays,
      settings: { min: 0 },
    })
    .addNumberInput({
      path: 'uptimeTarget',
      name: 'Uptime target',
      description: 'In percent, e.g. 99.9: targets under it are marked and their uptime coloured. 0 turns it off.',
      category: STATES,
      defaultValue: defaultOptions.uptimeTarget,
      settings: { min: 0, max: 100 },
    })
    .addRadio({
      path: 'tileSize',
      name: 'Tile size',
      category: DISPLAY,
      defaultValue: defaultOptions.tileSize,
      settings: { options: TILE_SIZE_CHOICES },
    })
    .addNumberInput({
      path: 'minTileWidth',
      name: 'Minimum tile width',
      description: 'In pixels; the number of columns follows from it and the panel width.',
      category: DISPLAY,
      defaultValue: defaultOptions.minTileWidth,
      settings: { min: 60, max: 1000, integer: true },
    })
    .addBooleanSwitch({
      path: 'showSparkline',
      name: 'Show duration sparkline',
      description: 'Not drawn on small tiles.',
      category: DISPLAY,
      defaultValue: defaultOptions.showSparkline,
    })
    .addBooleanSwitch({
      path: 'showUptime',
      name: 'Show uptime',
      category: DISPLAY,
      defaultValue: defaultOptions.showUptime,
    })
    .addBooleanSwitch({
      path: 'showTimeInState',
      name: 'Show time in state',
      category: DISPLAY,
      defaultValue: defaultOptions.showTimeInState,
    })
    .addBooleanSwitch({
      path: 'showSummary',
      name: 'Show summary',
      description: 'Counts per state above the tiles; clicking a count filters the tiles.',
      category: DISPLAY,
      defaultValue: defaultOptions.showSummary,
    })
    .addBooleanSwitch({
      path: 'showFilter',
      name: 'Show filter, sort and grouping controls',
      description: 'Viewers can change them without saving the dashboard.',
      category: DISPLAY,
      defaultValue: defaultOptions.showFilter,
    })
    .addSelect({
      path: 'sortBy',
      name: 'Sort by',
      category: DISPLAY,
      defaultValue: defaultOptions.sortBy,
      settings: { options: SORT_CHOICES },
    })
    .addSelect({
      path: 'groupBy',
      name: 'Group by',
      description: 'Label whose values group the tiles.',
      category: DISPLAY,
      defaultValue: defaultOptions.groupBy,
      settings: {
        options: [NO_GROUPING],
        allowCustomValue: true,
        getOptions: async (context) => [NO_GROUPING, ...labelNamesInFrames(context.data ?? []).map(toChoice)],
      },
    });
}

const NO_GROUPING: SelectableValue<string> = { value: '', label: NO_GROUPING_LABEL };

function toChoice(name: string): SelectableValue<string> {
  return { value: name, label: name };
}
