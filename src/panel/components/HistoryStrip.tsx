import { css } from '@emotion/css';
import React, { memo, useMemo } from 'react';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { TEST_IDS } from '../constants';
import { historyCells } from '../data/historyCells';
import { HistoryCell, SampleRun } from '../data/types';
import { t } from '../../i18n/t';
import { stateColor } from './stateLooks';

interface Props {
  runs: SampleRun[];
  from: number;
  to: number;
  width: number;
  height: number;
  /** Cells at most; fewer when the series has fewer samples. */
  maxCells: number;
}

const KINDS: HistoryCell[] = ['up', 'down', 'partial', 'unknown', 'gap'];
const CELL_GAP = 1;

/** "48 up, 2 down": the strip's picture in words, for assistive technology and the tooltip. */
function historyText(cells: HistoryCell[]): string {
  const counts = new Map<HistoryCell, number>();
  for (const cell of cells) {
    counts.set(cell, (counts.get(cell) ?? 0) + 1);
  }
  return KINDS.filter((kind) => counts.has(kind))
    .map((kind) => cellCountText(kind, counts.get(kind) ?? 0))
    .join(t('history.separator', ', '));
}

function cellCountText(kind: HistoryCell, count: number): string {
  switch (kind) {
    case 'up':
      return t('history.up', '{{n}} up', { n: count });
    case 'down':
      return t('history.down', '{{n}} down', { n: count });
    case 'partial':
      return t('history.partial', '{{n}} partly up', { n: count });
    case 'unknown':
      return t('history.unknown', '{{n}} unknown', { n: count });
    case 'gap':
      return t('history.gap', '{{n}} no data', { n: count });
  }
}

function cellColor(theme: GrafanaTheme2, cell: HistoryCell): string {
  return cell === 'gap' ? theme.colors.border.weak : stateColor(theme, cell);
}

/**
 * The target's state over the time range as a row of cells, like a heartbeat bar. One path per kind
 * of cell rather than an element per cell, since large tiles draw one strip each.
 */
export const HistoryStrip = memo(function HistoryStrip({ runs, from, to, width, height, maxCells }: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const drawnWidth = Math.max(0, Math.floor(width));
  const cells = useMemo(
    () => historyCells(runs, from, to, Math.min(maxCells, Math.floor(drawnWidth / (2 + CELL_GAP)))),
    [runs, from, to, maxCells, drawnWidth]
  );
  const paths = useMemo(() => {
    const cellWidth = cells.length > 0 ? drawnWidth / cells.length : 0;
    const byKind = new Map<HistoryCell, string>();
    cells.forEach((cell, i) => {
      const x = i * cellWidth;
      const w = Math.max(0.5, cellWidth - CELL_GAP);
      byKind.set(cell, `${byKind.get(cell) ?? ''}M${x.toFixed(1)} 0h${w.toFixed(1)}v${height}h${(-w).toFixed(1)}Z`);
    });
    return byKind;
  }, [cells, drawnWidth, height]);
  if (cells.length === 0) {
    return null;
  }
  const text = t('history.label', 'History: {{cells}}', { cells: historyText(cells) });
  return (
    <svg
      className={styles.svg}
      width={drawnWidth}
      height={height}
      role="img"
      aria-label={text}
      data-testid={TEST_IDS.history}
      data-cells={cells.join(' ')}
    >
      <title>{text}</title>
      {KINDS.map((kind) => {
        const d = paths.get(kind);
        return d === undefined ? null : <path key={kind} d={d} fill={cellColor(theme, kind)} />;
      })}
    </svg>
  );
});

export const getStyles = () => ({
  svg: css({
    display: 'block',
    flexShrink: 0,
  }),
});
