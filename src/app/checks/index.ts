export { runSetupChecks, QUERY_TIMEOUT_MS, type SetupCheckOptions } from './runSetupChecks';
export { CHECK_QUERIES, PORTWATCH_ALERTS } from './checkQueries';
export type * from './types';
