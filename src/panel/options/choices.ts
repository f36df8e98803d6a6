import { t } from '../../i18n/t';
import { Quorum, SortBy, TileSize } from './defaultOptions';

/** Fits both the options editor's selects and the panel's own Combobox. */
export interface Choice<T> {
  value: T;
  label: string;
  description?: string;
}

/**
 * Shared by the options editor and the panel's own sort select, so both name the orders alike.
 * Functions rather than constants: the words exist only once the translations are loaded.
 */
export function sortChoices(): Array<Choice<SortBy>> {
  return [
    {
      value: 'problems',
      label: t('choices.sort.problems', 'Problems first'),
      description: t(
        'choices.sort.problems-description',
        'Down, unknown, stale and partial targets before healthy ones'
      ),
    },
    { value: 'name', label: t('choices.sort.name', 'Name') },
    {
      value: 'duration',
      label: t('choices.sort.duration', 'Duration'),
      description: t('choices.sort.duration-description', 'Slowest probes first'),
    },
    {
      value: 'uptime',
      label: t('choices.sort.uptime', 'Uptime'),
      description: t('choices.sort.uptime-description', 'Lowest uptime first'),
    },
  ];
}

export function tileSizeChoices(): Array<Choice<TileSize>> {
  return [
    {
      value: 'small',
      label: t('choices.size.small', 'Small'),
      description: t('choices.size.small-description', 'Name, state and duration'),
    },
    {
      value: 'medium',
      label: t('choices.size.medium', 'Medium'),
      description: t('choices.size.medium-description', 'Adds the duration sparkline and uptime'),
    },
    {
      value: 'large',
      label: t('choices.size.large', 'Large'),
      description: t('choices.size.large-description', 'Larger text and sparkline'),
    },
  ];
}

export function quorumChoices(): Array<Choice<Quorum>> {
  return [
    {
      value: 'any',
      label: t('choices.quorum.any', 'Any'),
      description: t('choices.quorum.any-description', 'Healthy when at least one probe succeeds'),
    },
    {
      value: 'majority',
      label: t('choices.quorum.majority', 'Majority'),
      description: t('choices.quorum.majority-description', 'Healthy when more than half of the probes succeed'),
    },
    {
      value: 'all',
      label: t('choices.quorum.all', 'All'),
      description: t('choices.quorum.all-description', 'Healthy only when every probe succeeds'),
    },
  ];
}
