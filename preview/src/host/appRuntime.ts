/**
 * The @grafana/runtime services and settings Grafana's app fills before an app's pages draw: the
 * backend service, the data source service and `config.datasources`, `config.apps[id]` (frontend
 * settings for apps) and the signed-in user in `config.bootData.user`.
 */
import { AppPluginMeta } from '@grafana/data';
import { config } from '@grafana/runtime';

import { startBackendSrv } from './backendSrv';
import { DataSourceListEntry, startDataSourceSrv } from './dataSourceSrv';

let started = false;

export function startAppRuntime(datasources: DataSourceListEntry[], appMeta: AppPluginMeta | undefined): void {
  if (started) {
    return;
  }
  started = true;
  startBackendSrv();
  startDataSourceSrv(datasources);
  if (appMeta) {
    (config.apps as Record<string, unknown>)[appMeta.id] = appMeta;
  }
  // The user Grafana's boot data describes: the preview's viewer is the org's admin, signed in.
  Object.assign(config.bootData.user, {
    isSignedIn: true,
    id: 1,
    uid: 'preview-admin',
    login: 'admin',
    email: 'admin@localhost',
    name: 'admin',
    orgCount: 1,
    orgId: 1,
    orgName: 'Main Org.',
    orgRole: 'Admin',
    isGrafanaAdmin: true,
    timezone: 'browser',
    weekStart: '',
    helpFlags1: 0,
    hasEditPermissionInFolders: true,
    permissions: {},
    authenticatedBy: 'password',
  });
}
