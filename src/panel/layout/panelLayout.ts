/** Heights in grid units (the theme's spacing step), shared by the styles and the arithmetic below. */
export const HEADER_ROW_UNITS = 4;
export const NOTICE_UNITS = 3;
/** Below this width the summary and the controls take a row each. */
const ONE_ROW_HEADER_MIN_WIDTH = 720;

export interface PanelLayoutInput {
  width: number;
  height: number;
  showSummary: boolean;
  showControls: boolean;
  hasWarnings: boolean;
  unit: number;
}

export interface PanelLayout {
  /** Summary and controls share one row. */
  oneRowHeader: boolean;
  gridWidth: number;
  gridHeight: number;
}

/** The grid gets what the fixed-height header rows leave, so its size never depends on measuring the DOM. */
export function panelLayout(input: PanelLayoutInput): PanelLayout {
  const { width, height, showSummary, showControls, hasWarnings, unit } = input;
  const both = showSummary && showControls;
  const oneRowHeader = both && width >= ONE_ROW_HEADER_MIN_WIDTH;
  const headerRows = both && !oneRowHeader ? 2 : showSummary || showControls ? 1 : 0;
  const header = headerRows * (HEADER_ROW_UNITS + 1) * unit;
  const notice = hasWarnings ? (NOTICE_UNITS + 1) * unit : 0;
  return {
    oneRowHeader,
    gridWidth: Math.max(0, width),
    gridHeight: Math.max(0, height - header - notice),
  };
}
