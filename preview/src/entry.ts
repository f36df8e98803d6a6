/**
 * What a page built on the preview host uses of it (bench/src does): the host's set-up, its plugin
 * importer and its Prometheus data path. Everything else under preview/src stays free to change.
 *
 * Order matters: the shared modules are evaluated before SystemJS and its AMD extra (see
 * host/sharedDependencies.ts), so importing this module first evaluates them first.
 */
import './host/sharedDependencies';

export { initSystemJS } from './host/systemjs';
export { fillStandardRegistries } from './host/registries';
export { setRuntimeTheme, startRuntime } from './host/runtimeSetup';
export { initHostI18n } from '@preview/host-specific';
export { importPanelPlugin } from './host/pluginImporter';
export { findPanel } from './dashboard/dashboardModel';
export type { DashboardJSON, PanelJSON } from './dashboard/dashboardModel';
export { loadPanelState } from './dashboard/panelState';
export { toBackendDataResponse } from './datasource/promBackend';
export type { BackendDataResponse, PromTarget } from './datasource/promBackend';
export { transformPromFrames } from './datasource/promFrontend';
