/**
 * The comparison: N series drawn the way Grafana's Stat panel draws them, with the shared @grafana/ui
 * the plugin gets. Display values from `getFieldDisplayValues` (reduced with `lastNotNull`, sparklines
 * on), laid out by `VizRepeater` in its auto grid, one `BigValue` with an area sparkline each (a uPlot
 * per value). Stat's defaults: colour mode "value", graph mode "area", text mode "auto", wide layout.
 *
 * One difference, to keep the comparison about drawing the same information: Stat fits every value
 * into the panel, so at 1,000 values its cells are ~30 px and BigValue drops the sparkline (it draws
 * one only above 100 px height, 50 px in the wide layout). Here the repeater gets a scrolling area
 * large enough for cells of about the size of a Port Status tile, so every value has its sparkline.
 * Nothing is virtualised, as in Grafana: every value is mounted, in view or not.
 */
import { css } from '@emotion/css';
import React, { useCallback, useMemo } from 'react';

import {
  DisplayValueAlignmentFactors,
  FieldDisplay,
  getDisplayValueAlignmentFactors,
  getFieldDisplayValues,
  PanelProps,
  ReducerID,
  VizOrientation,
} from '@grafana/data';
import {
  BigValue,
  BigValueColorMode,
  BigValueGraphMode,
  BigValueJustifyMode,
  BigValueTextMode,
  DataLinksContextMenu,
  getScrollbarWidth,
  useStyles2,
  useTheme2,
  VizRepeater,
  VizRepeaterRenderValueProps,
} from '@grafana/ui';

export interface StatBaselineOptions {
  /** Area per cell the repeater gets, in px: width × height of a cell of about a tile's size. */
  cellWidth: number;
  cellHeight: number;
}

export const STAT_BASELINE_OPTIONS: StatBaselineOptions = { cellWidth: 160, cellHeight: 120 };

const ITEM_SPACING = 3;
const REDUCE_OPTIONS = { values: false, calcs: [ReducerID.lastNotNull], fields: '' };

export function StatBaseline(props: PanelProps<StatBaselineOptions>) {
  const { data, options, fieldConfig, replaceVariables, timeZone, timeRange, width, height, renderCounter, title } =
    props;
  const theme = useTheme2();
  const styles = useStyles2(getStyles);

  const getValues = useCallback(
    (): FieldDisplay[] =>
      getFieldDisplayValues({
        fieldConfig,
        reduceOptions: REDUCE_OPTIONS,
        replaceVariables,
        theme,
        data: data.series,
        sparkline: true,
        percentChange: false,
        timeZone,
      }),
    [data, fieldConfig, replaceVariables, theme, timeZone]
  );

  // Stat's text mode "auto" shows value and name when there is more than one value or no title.
  const textMode = !title ? BigValueTextMode.ValueAndName : BigValueTextMode.Auto;

  const renderComponent = useCallback(
    (
      valueProps: VizRepeaterRenderValueProps<FieldDisplay, DisplayValueAlignmentFactors>,
      menu: {
        openMenu?: React.MouseEventHandler<HTMLElement>;
        targetClassName?: string;
      }
    ) => {
      const { value, alignmentFactors, width: cellWidth, height: cellHeight, count } = valueProps;
      const sparkline = value.sparkline ? { ...value.sparkline, timeRange } : undefined;
      return (
        <BigValue
          value={value.display}
          count={count}
          sparkline={sparkline}
          colorMode={BigValueColorMode.Value}
          graphMode={BigValueGraphMode.Area}
          justifyMode={BigValueJustifyMode.Auto}
          textMode={textMode}
          alignmentFactors={alignmentFactors}
          width={cellWidth}
          height={cellHeight}
          theme={theme}
          onClick={menu.openMenu}
          className={menu.targetClassName}
          disableWideLayout={false}
        />
      );
    },
    [theme, timeRange, textMode]
  );

  const renderValue = useCallback(
    (valueProps: VizRepeaterRenderValueProps<FieldDisplay, DisplayValueAlignmentFactors>) => {
      const { getLinks, hasLinks } = valueProps.value;
      if (hasLinks && getLinks) {
        return (
          <DataLinksContextMenu links={getLinks}>{(api) => renderComponent(valueProps, api)}</DataLinksContextMenu>
        );
      }
      return renderComponent(valueProps, {});
    },
    [renderComponent]
  );

  // As many cells of the configured area as there are series, in the panel's width.
  const count = Math.max(1, data.series.length);
  const innerWidth = Math.max(1, width - getScrollbarWidth());
  const area = useMemo(() => {
    const cellArea = (options.cellWidth + ITEM_SPACING) * (options.cellHeight + ITEM_SPACING);
    return Math.max(height, Math.ceil((count * cellArea) / innerWidth));
  }, [count, innerWidth, height, options.cellWidth, options.cellHeight]);

  return (
    <div className={styles.scroll} style={{ width, height }} data-testid="stat-baseline">
      <div style={{ position: 'relative', width: innerWidth, height: area }}>
        <VizRepeater
          getValues={getValues}
          getAlignmentFactors={getDisplayValueAlignmentFactors}
          renderValue={renderValue}
          width={innerWidth}
          height={area}
          source={data}
          itemSpacing={ITEM_SPACING}
          renderCounter={renderCounter}
          autoGrid={true}
          orientation={VizOrientation.Auto}
        />
      </div>
    </div>
  );
}

const getStyles = () => ({
  scroll: css({
    overflowX: 'hidden',
    overflowY: 'auto',
  }),
});
