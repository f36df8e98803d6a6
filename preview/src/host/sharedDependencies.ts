/**
 * The modules Grafana hands to plugins instead of letting them bundle their own, under the same names
 * (Grafana: public/app/features/plugins/loader/sharedDependencies.ts). A plugin built with
 * @grafana/create-plugin declares these as AMD externals; SystemJS resolves them through the import map.
 *
 * Every module here is evaluated eagerly, before SystemJS's AMD extra installs a global `define`:
 * UMD builds (lodash, jquery, moment) prefer a global AMD `define` over `module.exports`, and would
 * otherwise register themselves with SystemJS and export nothing here. Grafana loads some of them
 * lazily; for a plugin the difference is only timing.
 */
import * as emotionCss from '@emotion/css';
import * as emotionReact from '@emotion/react';
import * as grafanaData from '@grafana/data';
import * as grafanaDataUnstable from '@grafana/data/unstable';
import * as grafanaRuntime from '@grafana/runtime';
import * as grafanaRuntimeUnstable from '@grafana/runtime/unstable';
import * as grafanaUIraw from '@grafana/ui';
import * as grafanaUIUnstable from '@grafana/ui/unstable';
import * as d3 from 'd3';
import jquery from 'jquery';
import * as lodash from 'lodash';
// Shared under its own name, like Grafana does; the host itself never uses it.
// eslint-disable-next-line no-restricted-imports
import * as moment from 'moment';
import * as prismjs from 'prismjs';
import * as react from 'react';
import * as reactDom from 'react-dom';
import * as reactInlineSvg from 'react-inlinesvg';
import * as reactRedux from 'react-redux';
import * as reactRouterDom from 'react-router-dom';
import * as reactRouterCompat from 'react-router-dom-v5-compat';
import * as jsxDevRuntime from 'react/jsx-dev-runtime';
import * as jsxRuntime from 'react/jsx-runtime';
import * as redux from 'redux';
import * as rxjs from 'rxjs';
import * as rxjsOperators from 'rxjs/operators';
import * as slate from 'slate';
import * as slatePlainSerializer from 'slate-plain-serializer';
import * as slateReact from 'slate-react';

import { PreviewPluginPage } from './pluginPage';

// Modules whose shared form differs between Grafana lines (i18next comes from @grafana/i18n in 13;
// react-dom/client and react-dom/server are shared from Grafana 12.4 on, not by 12.0).
import { hostSpecificDependencies } from '@preview/host-specific';

type SharedModule = Record<string, unknown>;

// Grafana sets @grafana/runtime's PluginPage to its own at start-up (setPluginPage); 12.0.2's package
// has no setter, so plugins get a copy of the module with the preview's (tests/e2e/app-host.test.ts).
const grafanaRuntimeShared: SharedModule = { ...grafanaRuntime, PluginPage: PreviewPluginPage };

// Help for plugins written before 6.5, when these classes lived in @grafana/ui (Grafana does the same).
const grafanaUI: SharedModule = { ...grafanaUIraw };
grafanaUI.PanelPlugin = grafanaData.PanelPlugin;
grafanaUI.DataSourcePlugin = grafanaData.DataSourcePlugin;
grafanaUI.AppPlugin = grafanaData.AppPlugin;
grafanaUI.DataSourceApi = grafanaData.DataSourceApi;

/** lodash's `move`, kept by Grafana for old plugins. */
function arrayMove<T>(array: T[], from: number, to: number): T[] {
  array.splice(to, 0, array.splice(from, 1)[0]);
  return array;
}

const flotDependencies = Object.fromEntries(
  [
    'jquery.flot.crosshair',
    'jquery.flot.events',
    'jquery.flot.fillbelow',
    'jquery.flot.gauge',
    'jquery.flot.pie',
    'jquery.flot.selection',
    'jquery.flot.stack',
    'jquery.flot.stackpercent',
    'jquery.flot.time',
    'jquery.flot',
  ].map((name) => [name, { fakeDep: 1 }])
);

export const sharedDependenciesMap: Record<string, SharedModule> = {
  '@emotion/css': emotionCss,
  '@emotion/react': emotionReact,
  '@grafana/data': grafanaData,
  '@grafana/data/unstable': grafanaDataUnstable,
  '@grafana/runtime': grafanaRuntimeShared,
  '@grafana/runtime/unstable': grafanaRuntimeUnstable,
  '@grafana/slate-react': slateReact,
  '@grafana/ui': grafanaUI,
  '@grafana/ui/unstable': grafanaUIUnstable,
  d3,
  emotion: emotionCss,
  jquery: { default: jquery, __useDefault: true },
  ...flotDependencies,
  lodash: { ...lodash, move: arrayMove, __useDefault: true },
  moment: { ...moment, __useDefault: true },
  prismjs,
  react,
  'react/jsx-runtime': jsxRuntime,
  'react/jsx-dev-runtime': jsxDevRuntime,
  'react-dom': reactDom,
  'react-inlinesvg': reactInlineSvg,
  'react-redux': reactRedux,
  'react-router-dom': reactRouterDom,
  'react-router': reactRouterCompat,
  redux,
  rxjs,
  'rxjs/operators': rxjsOperators,
  slate,
  'slate-plain-serializer': slatePlainSerializer,
  'slate-react': slateReact,
  ...hostSpecificDependencies,
};
