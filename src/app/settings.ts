import { lastValueFrom } from 'rxjs';
import { PluginMeta } from '@grafana/data';
import { getBackendSrv } from '@grafana/runtime';

import { APP_ID } from '../constants';

/** What the app keeps in its settings (`jsonData`). */
export interface AppSettings {
  /** The Prometheus-compatible data source the setup check reads. */
  datasourceUid?: string;
}

/** Saves the app's settings as Grafana's own app configuration pages do. */
export async function saveAppSettings(meta: PluginMeta<AppSettings>, jsonData: AppSettings): Promise<void> {
  await lastValueFrom(
    getBackendSrv().fetch({
      url: `/api/plugins/${APP_ID}/settings`,
      method: 'POST',
      data: { enabled: meta.enabled ?? true, pinned: meta.pinned ?? true, jsonData },
    })
  );
}
