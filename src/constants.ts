/** The app's id: its settings, its routes under /a/<id>/ and its i18next namespace. */
export const APP_ID = 'portwatch-app';

/** The app's pages, under /a/portwatch-app/ (plugin.json `includes`). */
export const APP_PAGES = {
  setup: 'setup',
  targets: 'targets',
} as const;

export type AppPage = (typeof APP_PAGES)[keyof typeof APP_PAGES];

/** The dashboards the app brings (src/dashboards/, made by npm run dashboards). */
export const APP_DASHBOARDS = {
  portStatus: 'portwatch-port-status',
  portDetail: 'portwatch-port-detail',
} as const;

/** Test ids shared by the app's unit and end-to-end tests. */
export const APP_TEST_IDS = {
  root: 'portwatch-app-root',
  nav: 'portwatch-app-nav',
  setupCheck: 'portwatch-setup-check',
  check: 'portwatch-check',
  /** The table of a check's rows (per job, module or rule), under its sentence. */
  checkRows: 'portwatch-check-rows',
  targetBuilder: 'portwatch-target-builder',
  targetInput: 'portwatch-target-input',
  lineProblem: 'portwatch-line-problem',
  output: 'portwatch-target-output',
  config: 'portwatch-app-config',
} as const;
