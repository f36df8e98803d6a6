/**
 * Draws one panel the way a dashboard does: PanelChrome (title, loading bar, error indicator in the
 * header), the plugin's context, field config applied to the data, and the plugin's component with
 * the full PanelProps.
 */
import { css } from '@emotion/css';
import React, { Component, ErrorInfo, ReactNode, useMemo } from 'react';

import {
  AbsoluteTimeRange,
  applyFieldOverrides,
  CoreApp,
  EventBus,
  FieldConfigSource,
  GrafanaTheme2,
  InterpolateFunction,
  PanelData,
  PanelPlugin,
  PluginContextProvider,
} from '@grafana/data';
import { PanelChrome, PanelContextProvider, useStyles2, useTheme2 } from '@grafana/ui';

export interface PanelViewProps {
  plugin: PanelPlugin;
  panelId: number;
  title: string;
  description?: string;
  transparent: boolean;
  data: PanelData;
  options: Record<string, unknown>;
  fieldConfig: FieldConfigSource;
  width: number;
  height: number;
  timeZone: string;
  renderCounter: number;
  replaceVariables: InterpolateFunction;
  eventBus: EventBus;
  onOptionsChange: (options: Record<string, unknown>) => void;
  onFieldConfigChange: (config: FieldConfigSource) => void;
  onChangeTimeRange: (range: AbsoluteTimeRange) => void;
  onRenderError: (error: Error | undefined) => void;
}

/** Grafana's panel header message: every query error, one per line. */
export function panelErrorMessage(data: PanelData): string | undefined {
  const errors = data.errors?.length ? data.errors : data.error ? [data.error] : [];
  const messages = errors.map((e) => e.message ?? 'Query error');
  return messages.length > 0 ? messages.join('\n') : undefined;
}

interface BoundaryProps {
  children: ReactNode;
  onError: (error: Error | undefined) => void;
}

/** Catches render errors of the plugin, as Grafana's panel error boundary does. */
class PanelErrorBoundary extends Component<BoundaryProps, { error?: Error }> {
  state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Panel render error', error, info.componentStack);
    this.props.onError(error);
  }

  render() {
    return this.state.error ? null : this.props.children;
  }
}

export function PanelView(props: PanelViewProps) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const { plugin, data, fieldConfig, replaceVariables, timeZone } = props;

  const dataWithConfig = useMemo<PanelData>(
    () => ({
      ...data,
      series: applyFieldOverrides({
        data: data.series,
        fieldConfig,
        fieldConfigRegistry: plugin.fieldConfigRegistry,
        replaceVariables,
        theme,
        timeZone,
      }),
    }),
    [data, fieldConfig, plugin, replaceVariables, theme, timeZone]
  );

  const panelContext = useMemo(
    () => ({ eventsScope: 'global', eventBus: props.eventBus, app: CoreApp.Dashboard }),
    [props.eventBus]
  );

  const PanelComponent = plugin.panel;
  return (
    <div className={styles.chrome} data-testid="preview-panel">
      <PanelChrome
        title={props.title}
        description={props.description}
        width={props.width}
        height={props.height}
        loadingState={data.state}
        statusMessage={panelErrorMessage(data)}
        padding={plugin.noPadding ? 'none' : 'md'}
        displayMode={props.transparent ? 'transparent' : 'default'}
      >
        {(innerWidth, innerHeight) =>
          PanelComponent ? (
            <PluginContextProvider meta={plugin.meta}>
              <PanelContextProvider value={panelContext}>
                <PanelErrorBoundary onError={props.onRenderError}>
                  <PanelComponent
                    id={props.panelId}
                    data={dataWithConfig}
                    title={props.title}
                    timeRange={data.timeRange}
                    timeZone={timeZone}
                    options={props.options}
                    fieldConfig={fieldConfig}
                    transparent={props.transparent}
                    width={innerWidth}
                    height={innerHeight}
                    renderCounter={props.renderCounter}
                    replaceVariables={replaceVariables}
                    onOptionsChange={props.onOptionsChange}
                    onFieldConfigChange={props.onFieldConfigChange}
                    onChangeTimeRange={props.onChangeTimeRange}
                    eventBus={props.eventBus}
                  />
                </PanelErrorBoundary>
              </PanelContextProvider>
            </PluginContextProvider>
          ) : null
        }
      </PanelChrome>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  chrome: css({
    position: 'absolute',
    inset: 0,
    background: theme.colors.background.canvas,
  }),
});
