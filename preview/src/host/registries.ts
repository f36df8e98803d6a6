/**
 * The registries Grafana fills at start-up before any panel loads
 * (public/app/core/components/OptionsUI/registry.tsx and the transformers registry):
 * - option editors, which PanelOptionsEditorBuilder looks up by id when a plugin declares its options;
 * - standard field config properties (unit, min, max, decimals, thresholds, mappings, links, color, ...),
 *   with Grafana's ids, processors, defaults and shouldApply rules;
 * - the standard transformations, for panels that declare `transformations`.
 *
 * The preview has no options pane, so editors render nothing; only what defaults and
 * applyFieldOverrides need is real.
 */
import * as grafanaData from '@grafana/data';
import {
  booleanOverrideProcessor,
  dataLinksOverrideProcessor,
  displayNameOverrideProcessor,
  FieldConfigPropertyItem,
  FieldType,
  identityOverrideProcessor,
  numberOverrideProcessor,
  standardEditorsRegistry,
  StandardEditorsRegistryItem,
  standardFieldConfigEditorRegistry,
  standardTransformers,
  standardTransformersRegistry,
  stringOverrideProcessor,
  thresholdsOverrideProcessor,
  ThresholdsMode,
  TransformerRegistryItem,
  valueMappingsOverrideProcessor,
} from '@grafana/data';

const NoEditor = (): null => null;

const EDITOR_IDS = [
  'text',
  'number',
  'slider',
  'boolean',
  'radio',
  'select',
  'unit',
  'links',
  'actions',
  'stats-picker',
  'strings',
  'timezone',
  'fieldColor',
  'color',
  'multi-select',
  'field-name',
  'dashboard-uid',
  'mappings',
  'thresholds',
];

const STANDARD_OPTIONS = ['Standard options'];
const DATA_LINKS = ['Data links and actions'];

type PropertyItem = FieldConfigPropertyItem<object, unknown, object>;

function property<TValue, TSettings extends object>(
  item: Omit<FieldConfigPropertyItem<object, TValue, TSettings>, 'editor' | 'override'>
): PropertyItem {
  return { ...item, editor: NoEditor, override: NoEditor } as unknown as PropertyItem;
}

const isNumber = (field: grafanaData.Field): boolean => field.type === FieldType.number;
const always = (): boolean => true;

/** The actions processor appeared in later Grafana lines; older ones keep actions unprocessed. */
function actionsProcessor(): PropertyItem['process'] {
  const exported = (grafanaData as unknown as Record<string, unknown>).actionsOverrideProcessor;
  return (typeof exported === 'function' ? exported : identityOverrideProcessor) as PropertyItem['process'];
}

function standardFieldConfigs(): PropertyItem[] {
  return [
    property({
      id: 'unit',
      path: 'unit',
      name: 'Unit',
      process: stringOverrideProcessor,
      shouldApply: always,
      category: STANDARD_OPTIONS,
      settings: { placeholder: 'none' },
    }),
    property({
      id: 'min',
      path: 'min',
      name: 'Min',
      process: numberOverrideProcessor,
      shouldApply: isNumber,
      category: STANDARD_OPTIONS,
      settings: { placeholder: 'auto' },
    }),
    property({
      id: 'max',
      path: 'max',
      name: 'Max',
      process: numberOverrideProcessor,
      shouldApply: isNumber,
      category: STANDARD_OPTIONS,
      settings: { placeholder: 'auto' },
    }),
    property({
      id: 'fieldMinMax',
      path: 'fieldMinMax',
      name: 'Field min/max',
      process: booleanOverrideProcessor,
      shouldApply: isNumber,
      category: STANDARD_OPTIONS,
    }),
    property({
      id: 'decimals',
      path: 'decimals',
      name: 'Decimals',
      process: numberOverrideProcessor,
      shouldApply: isNumber,
      category: STANDARD_OPTIONS,
      settings: { placeholder: 'auto', min: 0, max: 15, integer: true },
    }),
    property({
      id: 'displayName',
      path: 'displayName',
      name: 'Display name',
      process: displayNameOverrideProcessor,
      shouldApply: always,
      category: STANDARD_OPTIONS,
      settings: { placeholder: 'none', expandTemplateVars: true },
    }),
    property({
      id: 'color',
      path: 'color',
      name: 'Color scheme',
      process: identityOverrideProcessor,
      shouldApply: always,
      category: STANDARD_OPTIONS,
      settings: { byValueSupport: true, preferThresholdsMode: true },
    }),
    property({
      id: 'noValue',
      path: 'noValue',
      name: 'No value',
      process: stringOverrideProcessor,
      shouldApply: always,
      category: STANDARD_OPTIONS,
      settings: { placeholder: '-' },
    }),
    property({
      id: 'links',
      path: 'links',
      name: 'Data links',
      process: dataLinksOverrideProcessor,
      shouldApply: always,
      category: DATA_LINKS,
      settings: { showOneClick: false },
    }),
    property({
      id: 'actions',
      path: 'actions',
      name: 'Actions',
      process: actionsProcessor(),
      shouldApply: always,
      category: DATA_LINKS,
      settings: { showOneClick: false },
      hideFromDefaults: true,
    }),
    property({
      id: 'mappings',
      path: 'mappings',
      name: 'Value mappings',
      process: valueMappingsOverrideProcessor,
      shouldApply: (field) => field.type !== FieldType.time,
      category: ['Value mappings'],
      settings: {},
      defaultValue: [],
    }),
    property({
      id: 'thresholds',
      path: 'thresholds',
      name: 'Thresholds',
      process: thresholdsOverrideProcessor,
      shouldApply: always,
      category: ['Thresholds'],
      settings: {},
      defaultValue: {
        mode: ThresholdsMode.Absolute,
        steps: [
          { value: -Infinity, color: 'green' },
          { value: 80, color: 'red' },
        ],
      },
    }),
    property({
      id: 'filterable',
      path: 'filterable',
      name: 'Ad-hoc filterable',
      process: booleanOverrideProcessor,
      shouldApply: always,
      category: STANDARD_OPTIONS,
      settings: {},
      hideFromDefaults: true,
    }),
  ];
}

let filled = false;

/** Fills Grafana's global registries the way the app does before loading any panel. Idempotent. */
export function fillStandardRegistries(): void {
  if (filled) {
    return;
  }
  filled = true;
  standardEditorsRegistry.setInit(() =>
    EDITOR_IDS.map((id): StandardEditorsRegistryItem => ({ id, name: id, description: '', editor: NoEditor }))
  );
  standardFieldConfigEditorRegistry.setInit(standardFieldConfigs as never);
  standardTransformersRegistry.setInit(() =>
    Object.values(standardTransformers).map((transformer): TransformerRegistryItem => ({
      id: transformer.id,
      name: transformer.name,
      description: transformer.description,
      transformation: transformer,
      editor: NoEditor,
    }))
  );
}
