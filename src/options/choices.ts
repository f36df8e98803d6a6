import { Quorum, SortBy, TileSize } from './defaultOptions';

/** Fits both the options editor's selects and the panel's own Combobox. */
export interface Choice<T> {
  value: T;
  label: string;
  description?: string;
}

/** Shared by the options editor and the panel's own sort select, so both name the orders alike. */
export const SORT_CHOICES: Array<Choice<SortBy>> = [
  {
    value: 'problems',
    label: 'Problems first',
    description: 'Down, unknown, stale and partial targets before healthy ones',
  },
  { value: 'name', label: 'Name' },
  { value: 'duration', label: 'Duration', description: 'Slowest probes first' },
  { value: 'uptime', label: 'Uptime', description: 'Lowest uptime first' },
];

export const TILE_SIZE_CHOICES: Array<Choice<TileSize>> = [
  { value: 'small', label: 'Small', description: 'Name, state and duration' },
  { value: 'medium', label: 'Medium', description: 'Adds the duration sparkline and uptime' },
  { value: 'large', label: 'Large', description: 'Larger text and sparkline' },
];

export const QUORUM_CHOICES: Array<Choice<Quorum>> = [
  { value: 'any', label: 'Any', description: 'Healthy when at least one probe succeeds' },
  { value: 'majority', label: 'Majority', description: 'Healthy when more than half of the probes succeed' },
  { value: 'all', label: 'All', description: 'Healthy only when every probe succeeds' },
];
