/**
 * The singletons Grafana's app sets in @grafana/runtime at start-up, so that a plugin calling
 * getTemplateSrv(), getAppEvents(), reportInteraction() or reading config.theme2 finds them.
 */
import { EventBusSrv, GrafanaTheme2, TimeRange, TypedVariableModel } from '@grafana/data';
import { config, FakeEchoSrv, setAppEvents, setEchoSrv, setTemplateSrv } from '@grafana/runtime';

import type { TemplateVariables } from '../dashboard/templating';

let started = false;

export function setRuntimeTheme(theme: GrafanaTheme2): void {
  config.theme2 = theme;
  config.theme = theme.v1;
  config.bootData.user.lightTheme = theme.isLight;
}

export function setRuntimeTemplateSrv(variables: TemplateVariables): void {
  setTemplateSrv({
    getVariables: () => variables.variables as unknown as TypedVariableModel[],
    replace: (target, scopedVars, format) => variables.replace(target, scopedVars, format as never),
    containsTemplate: (target) => variables.containsTemplate(target),
    updateTimeRange: (range: TimeRange) => variables.updateTimeRange(range),
  });
}

export function startRuntime(hostVersion: string, language: string): void {
  if (started) {
    return;
  }
  started = true;
  config.buildInfo = { ...config.buildInfo, version: hostVersion };
  config.bootData.user.language = language;
  setEchoSrv(new FakeEchoSrv());
  setAppEvents(new EventBusSrv());
}
