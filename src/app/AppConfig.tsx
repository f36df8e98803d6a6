import React, { useState } from 'react';
import { AppPluginMeta, PluginConfigPageProps } from '@grafana/data';
import { DataSourcePicker } from '@grafana/runtime';
import { Button, Field, LoadingPlaceholder } from '@grafana/ui';

import { APP_TEST_IDS } from '../constants';
import { t } from '../i18n/t';
import { AppSettings, saveAppSettings } from './settings';
import { useTranslations } from './useTranslations';

/** The app's configuration tab: the data source its setup check reads. */
export function AppConfig({ plugin }: PluginConfigPageProps<AppPluginMeta<AppSettings>>): React.JSX.Element {
  const ready = useTranslations();
  const [datasourceUid, setDatasourceUid] = useState(plugin.meta.jsonData?.datasourceUid);
  const [state, setState] = useState<'saved' | 'failed'>();
  if (!ready) {
    return <LoadingPlaceholder text="" />;
  }
  const save = async () => {
    try {
      await saveAppSettings(plugin.meta, { ...plugin.meta.jsonData, datasourceUid });
      setState('saved');
    } catch {
      setState('failed');
    }
  };
  return (
    <div data-testid={APP_TEST_IDS.config} data-datasource={datasourceUid ?? ''}>
      <Field
        label={t('config.datasource', 'Data source')}
        description={t('config.datasource-description', 'The Prometheus-compatible data source the setup check reads')}
      >
        <DataSourcePicker
          type="prometheus"
          current={datasourceUid ?? null}
          noDefault
          width={40}
          onChange={(ds) => setDatasourceUid(ds.uid)}
        />
      </Field>
      <Button onClick={() => void save()} disabled={!datasourceUid}>
        {t('config.save', 'Save')}
      </Button>{' '}
      {state && (
        <span role="status">
          {state === 'saved' ? t('config.saved', 'Saved.') : t('config.save-failed', 'Could not save the settings.')}
        </span>
      )}
    </div>
  );
}
