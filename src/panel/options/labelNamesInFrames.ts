import { DataFrame, FieldType } from '@grafana/data';

/**
 * Label names offered for grouping. Time series frames carry labels on their fields; table
 * frames carry them as string columns, so both are read.
 */
export function labelNamesInFrames(frames: DataFrame[]): string[] {
  const names = new Set<string>();
  for (const frame of frames) {
    for (const field of frame.fields) {
      if (field.type === FieldType.string) {
        names.add(field.name);
      }
      for (const name of Object.keys(field.labels ?? {})) {
        names.add(name);
      }
    }
  }
  names.delete('__name__');
  return [...names].sort();
}
