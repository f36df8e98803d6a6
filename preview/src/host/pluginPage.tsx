/**
 * Grafana's PluginPage, which it puts into @grafana/runtime with `setPluginPage` when it starts: the
 * page's title from its nav, then the page's content. The published @grafana/runtime 12.0.2 has no
 * setter, so the host shares a @grafana/runtime whose PluginPage is this one (sharedDependencies.ts).
 */
import { css } from '@emotion/css';
import React, { createContext, ReactNode, useContext } from 'react';

import { AppPluginMeta, GrafanaTheme2, NavModel, NavModelItem, PluginIncludeType } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

/** What the app host knows of the page shown: the app's meta, the nav its root page set, the path. */
export interface PluginPageNav {
  meta?: AppPluginMeta;
  pluginNav?: NavModel | null;
  path: string;
}

export const PluginPageNavContext = createContext<PluginPageNav>({ path: '/' });

interface PreviewPluginPageProps {
  pageNav?: NavModelItem;
  subTitle?: ReactNode;
  actions?: ReactNode;
  info?: unknown;
  layout?: unknown;
  background?: unknown;
  renderTitle?: (title: string) => ReactNode;
  children?: ReactNode;
}

/** The nav's title as Grafana's Page shows it: the page's own, the root page's nav, the app's include. */
export function pluginPageTitle(nav: PluginPageNav, pageNav?: NavModelItem): string {
  if (pageNav?.text) {
    return pageNav.text;
  }
  if (nav.pluginNav?.node?.text) {
    return nav.pluginNav.node.text;
  }
  const pages = (nav.meta?.includes ?? []).filter((include) => include.type === PluginIncludeType.page);
  const current =
    pages.find((include) => include.path === nav.path) ??
    pages.find((include) => (include as { defaultNav?: boolean }).defaultNav);
  return current?.name ?? nav.meta?.name ?? '';
}

export function PreviewPluginPage({ pageNav, subTitle, actions, renderTitle, children }: PreviewPluginPageProps) {
  const nav = useContext(PluginPageNavContext);
  const styles = useStyles2(getStyles);
  const title = pluginPageTitle(nav, pageNav);
  return (
    <div className={styles.page} data-testid="preview-plugin-page">
      <div className={styles.header}>
        {renderTitle ? renderTitle(title) : <h1 className={styles.title}>{title}</h1>}
        {actions && <div className={styles.actions}>{actions}</div>}
      </div>
      {subTitle && <div className={styles.subTitle}>{subTitle}</div>}
      <div>{children}</div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2), padding: theme.spacing(2, 3) }),
  header: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(2) }),
  title: css({ margin: 0, flexGrow: 1, fontSize: theme.typography.h2.fontSize }),
  actions: css({ display: 'flex', gap: theme.spacing(1) }),
  subTitle: css({ color: theme.colors.text.secondary }),
});
