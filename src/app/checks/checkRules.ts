import { CHECK_QUERIES, notificationErrorsTo, PORTWATCH_ALERTS, WATCHDOG_ALERT } from './checkQueries';
import { QueryError, type CheckContext } from './queryContext';
import type { PromRuleGroup, RulesParams, RulesRow } from './types';
import { sortedUnique, valueOf, type Verdict } from './verdict';

/**
 * Whether the Portwatch alert rules are loaded: from the rules API where the data source has one,
 * else from ALERTS, as where the rules API fails or lists no group at all. ALERTS only holds alerts
 * that are pending or firing, so its silence proves nothing; only the shipped PortwatchWatchdog, which always fires, shows the rules are evaluated.
 * Without it the verdict is `unknown`, never `error`. Loaded rules are then held to whether their
 * alerts reach an Alertmanager (withDelivery).
 */
export async function checkRules(ctx: CheckContext): Promise<Verdict<'rules'>> {
  const [loaded, delivery] = await Promise.all([rulesVerdict(ctx), alertDelivery(ctx)]);
  return withDelivery(loaded, delivery);
}

/** Where the data source's own alerts go; undefined where it cannot tell (no Alertmanagers API). */
interface Delivery {
  alertmanagers?: number;
  notificationErrors?: number;
}

/**
 * The Alertmanagers the data source itself sends to (Prometheus' /api/v1/alertmanagers), and the
 * notifications that failed to reach them. VictoriaMetrics, Thanos and Mimir have no such API: their
 * rules may be evaluated and sent elsewhere (vmalert, a ruler), so nothing is judged there, rather
 * than a Prometheus agent without Alertmanagers read as "alerts go nowhere".
 */
async function alertDelivery(ctx: CheckContext): Promise<Delivery> {
  if (ctx.alertmanagers === undefined) {
    return {};
  }
  let urls: string[];
  try {
    urls = (await ctx.alertmanagers()).activeAlertmanagers.map((am) => am.url);
  } catch {
    return {};
  }
  if (urls.length === 0) {
    return { alertmanagers: 0 };
  }
  const errors = await ctx.instant(notificationErrorsTo(urls)).catch(() => []);
  return {
    alertmanagers: urls.length,
    // increase() extrapolates: whole notifications, as the message counts them.
    notificationErrors: errors.length > 0 ? Math.round(valueOf(errors[0])) : undefined,
  };
}

/**
 * Loaded rules whose alerts reach nobody are no working alerting: Prometheus with no Alertmanager to
 * send to, or failing to send (it is down or its address wrong), warns, where the rules alone would
 * pass ("alerts that reach no Alertmanager" in checkRules.test.ts). Any other verdict stands, the
 * missing rules' list included.
 */
function withDelivery(verdict: Verdict<'rules'>, delivery: Delivery): Verdict<'rules'> {
  const params: RulesParams = { ...verdict.params };
  if (delivery.alertmanagers !== undefined) {
    params.alertmanagers = delivery.alertmanagers;
  }
  if (delivery.notificationErrors !== undefined) {
    params.notificationErrors = delivery.notificationErrors;
  }
  if (verdict.code === 'rules_not_seen' && params.rulesApi === 'empty' && delivery.alertmanagers !== undefined) {
    // An empty rules API could be VictoriaMetrics without vmalert; one that also answers the
    // Alertmanagers API is Prometheus, which evaluates its rules itself and has none loaded
    // ("a Prometheus with no rule files" in checkRules.test.ts).
    return {
      status: 'error',
      code: 'alert_rules_missing',
      params: { ...params, loaded: [], missing: PORTWATCH_ALERTS },
    };
  }
  if (verdict.status !== 'ok') {
    return { ...verdict, params };
  }
  if (delivery.alertmanagers === 0) {
    return { ...verdict, status: 'warning', code: 'alerts_go_nowhere', params };
  }
  if (delivery.notificationErrors !== undefined && delivery.notificationErrors > 0) {
    return { ...verdict, status: 'warning', code: 'alerts_not_delivered', params };
  }
  return { ...verdict, params };
}

/** Whether the Portwatch rules are loaded and evaluated (see checkRules). */
async function rulesVerdict(ctx: CheckContext): Promise<Verdict<'rules'>> {
  let rulesError: QueryError | undefined;
  let rulesApi: RulesParams['rulesApi'] = ctx.rules === undefined ? 'absent' : 'failed';
  if (ctx.rules !== undefined) {
    try {
      const groups = await ctx.rules();
      // VictoriaMetrics without vmalert answers with no groups at all, as a Prometheus without rule
      // files does: neither proves the rules missing, ALERTS may show vmalert's Watchdog ("an empty
      // rules API", checkRules.test.ts).
      if (groups.length > 0) {
        return fromRules(groups);
      }
      rulesApi = 'empty';
    } catch (error) {
      // VictoriaMetrics answers the rules API only with vmalert behind it: fall back to ALERTS,
      // unless ALERTS fails too, which then reports this error.
      rulesError = error instanceof QueryError ? error : new QueryError('rules', String(error));
    }
  }
  let alerts;
  try {
    alerts = await ctx.instant(CHECK_QUERIES.alerts);
  } catch (error) {
    throw rulesError ?? error;
  }
  const active = sortedUnique(alerts.map((sample) => sample.metric.alertname ?? ''));
  const params: RulesParams = {
    alerts: active,
    rulesApi,
    rulesError: rulesError?.reason ?? '',
  };
  if (active.includes(WATCHDOG_ALERT)) {
    return { status: 'ok', code: 'watchdog_firing', params };
  }
  return { status: 'unknown', code: 'rules_not_seen', params };
}

function fromRules(groups: PromRuleGroup[]): Verdict<'rules'> {
  const alerting = groups.flatMap((group) =>
    group.rules.filter((rule) => rule.type === 'alerting').map((rule) => ({ group: group.name, rule }))
  );
  const loaded = new Set(alerting.map(({ rule }) => rule.name));
  const missing = PORTWATCH_ALERTS.filter((name) => !loaded.has(name));
  const failing = alerting.filter(({ rule }) => rule.name.startsWith('Portwatch') && rule.health === 'err');
  const details: RulesRow[] = failing.map(({ group, rule }) => ({
    group,
    rule: rule.name,
    error: rule.lastError ?? '',
  }));
  const params: RulesParams = {
    loaded: PORTWATCH_ALERTS.filter((name) => loaded.has(name)),
    missing,
    failing: sortedUnique(failing.map(({ rule }) => rule.name)),
    groups: groups.length,
  };
  if (missing.length === PORTWATCH_ALERTS.length) {
    return { status: 'error', code: 'alert_rules_missing', params, details };
  }
  if (failing.length > 0) {
    return { status: 'error', code: 'alert_rules_failing', params, details };
  }
  if (missing.length > 0) {
    return { status: 'warning', code: 'alert_rules_partly_missing', params, details };
  }
  return { status: 'ok', code: 'alert_rules_loaded', params, details };
}
