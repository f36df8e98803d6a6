import { t } from '../i18n/t';
import { spanText } from '../panel/components/spanText';
import { CheckId, CheckResult, IntervalParams, NOT_PROMETHEUS_ANSWER } from './checks/types';

/** A module's name; '' stands for targets without a `module` label, probed with the job's own. */
export function moduleName(name: string): string {
  return name === '' ? t('checks.own-module', '(the job’s own)') : name;
}

/** Job, module or rule names as one list, as the sentences and the rows write them. */
export function nameList(items: readonly string[] = []): string {
  return items.map(moduleName).join(', ');
}

/** Sentences of one finding, each translated whole. */
function sentences(...texts: string[]): string {
  return texts.join(' ');
}

/**
 * When the panel turns a silent target STALE: at the data source's shortest step, and on the Port
 * Status dashboard as it opens, whose longer range queries a longer step (checks/panelStaleness.ts).
 */
function stalenessText(p: IntervalParams): string {
  const values = {
    step: spanText(p.timeIntervalMs),
    stale: spanText(p.staleAtMs),
    range: spanText(p.dashboardRangeMs),
    dashboardStep: spanText(p.dashboardStepMs),
    dashboardStale: spanText(p.dashboardStaleAtMs),
  };
  return p.dashboardStepMs === p.timeIntervalMs
    ? t(
        'checks.staleness-same-step',
        'At the data source’s shortest step, {{step}}, which the Port Status dashboard’s default range (the last {{range}}) uses too, the panel marks a target stale about {{stale}} after its last sample.',
        values
      )
    : t(
        'checks.staleness',
        'At the data source’s shortest step, {{step}}, the panel marks a target stale about {{stale}} after its last sample. Longer time ranges use longer steps: on the Port Status dashboard’s default range, the last {{range}}, the step is {{dashboardStep}} and a target turns stale after about {{dashboardStale}}.',
        values
      );
}

/**
 * One data source interval cannot suit jobs scraped at different intervals: the shortest is the one
 * to set, and the panel's Stale after option keeps the slower jobs' tiles from reading stale between
 * their samples ("mixed intervals" in checkText.test.ts).
 */
function intervalFix(p: IntervalParams): string {
  const values = {
    shortest: spanText(p.shortestScrapeIntervalMs),
    jobs: nameList(p.slowerJobs),
    staleAfter: spanText(p.slowerStaleAfterMs),
  };
  const setShortest = t(
    'checks.interval-differs-fix',
    'Set the data source’s Scrape interval (Connections > Data sources > Prometheus) to {{shortest}}, the shortest scrape interval of the probe jobs.',
    values
  );
  const { advice } = p;
  return sentences(
    ...(advice.includes('time-interval') ? [setShortest] : []),
    ...(advice.includes('stale-after')
      ? [
          t(
            'checks.interval-differs-fix-slower',
            'The jobs {{jobs}} are scraped less often: set the Port Status panel’s Stale after option to {{staleAfter}} or more, or their targets read stale between samples.',
            values
          ),
        ]
      : [])
  );
}

/** The check's name, as the page lists it. */
export function checkTitle(id: CheckId): string {
  switch (id) {
    case 'probes':
      return t('checks.title.probes', 'Probe results');
    case 'exporter':
      return t('checks.title.exporter', 'blackbox_exporter reachable');
    case 'interval':
      return t('checks.title.interval', 'Scrape interval');
    case 'version':
      return t('checks.title.version', 'blackbox_exporter version');
    case 'modules':
      return t('checks.title.modules', 'Modules');
    case 'rules':
      return t('checks.title.rules', 'Alert rules');
  }
}

/** What the check found, and what to do where there is something to do. */
export function checkText(result: CheckResult): { found: string; fix?: string } {
  // Destructured, so that each case narrows the params to its own check's (ProbesParams, ...).
  const { code, params: p } = result;
  switch (code) {
    case 'query_failed':
      return {
        found: t('checks.query-failed', 'The data source did not answer {{query}}: {{error}}', {
          query: p.query,
          error:
            p.error === NOT_PROMETHEUS_ANSWER
              ? t(
                  'checks.not-prometheus-answer',
                  'its answer is not from a Prometheus API (is its URL Prometheus’ own?)'
                )
              : p.error,
        }),
        fix: t('checks.query-failed-fix', 'Check that the data source works (Connections > Data sources > Test).'),
      };
    case 'query_timed_out':
      return {
        found: t('checks.query-timed-out', 'The data source did not answer {{query}} within {{span}}.', {
          query: p.query,
          span: spanText(p.timeoutMs),
        }),
        fix: t(
          'checks.query-timed-out-fix',
          'Check that the data source is up and not overloaded, then run the check again.'
        ),
      };
    case 'probes_found':
      // Two lists, each under its own name: job and module names look alike (probe_http, http_2xx).
      return {
        found: t('checks.probes-found', '', {
          count: p.targets,
          jobs: nameList(p.jobs),
          modules: nameList(p.modules),
          defaultValue_one: '{{count, number}} target. Jobs: {{jobs}}. Modules: {{modules}}.',
          defaultValue_other: '{{count, number}} targets. Jobs: {{jobs}}. Modules: {{modules}}.',
        }),
      };
    case 'no_probes':
      return {
        found: t('checks.no-probes', 'No probe_success series: nothing probes through blackbox_exporter yet.'),
        fix: t(
          'checks.no-probes-fix',
          'Add a probe job to Prometheus: the Target builder writes one for the addresses you give it.'
        ),
      };
    case 'no_probe_results':
      return {
        found: t('checks.no-probe-results', 'The probe jobs {{jobs}} are scraped but give no probe results.', {
          jobs: nameList(p.silentJobs),
        }),
        fix: t(
          'checks.no-probe-results-fix',
          'Most often blackbox_exporter cannot be reached (see the next check); otherwise check that their metrics_path is /probe and that each target has a target parameter.'
        ),
      };
    case 'jobs_without_results':
      return {
        found: t('checks.jobs-without-results', 'Probe results from {{jobs}}, but none from {{silent}}.', {
          jobs: nameList(p.jobs),
          silent: nameList(p.silentJobs),
        }),
        fix: t('checks.jobs-without-results-fix', 'Look at those jobs on Prometheus’ Targets page.'),
      };
    case 'targets_share_instance':
      // The panel tells targets apart by their key labels (instance by default): targets under one
      // instance become one tile, and a down one hides in "2/3 up".
      return {
        found: t(
          'checks.targets-share-instance',
          'In {{jobs}}, several targets share one instance label (or it is blackbox_exporter’s own address), so the panel draws them as one tile and a down target can hide in it.',
          { jobs: nameList(p.sharedJobs) }
        ),
        fix: t(
          'checks.targets-share-instance-fix',
          'In the job’s relabelling, set instance from __param_target (source_labels: [__param_target], target_label: instance), or set the panel’s key labels to tell the targets apart, such as "{{keys}}".',
          {
            keys: ['instance', ...(p.sharedLabels.length > 0 ? p.sharedLabels : ['target'])].join(', '),
          }
        ),
      };
    case 'icmp_outside_probe_icmp':
      return {
        found: t(
          'checks.icmp-outside-probe-icmp',
          'The jobs {{jobs}} ping hosts, but only the job probe_icmp is read as a host’s ping.',
          {
            jobs: nameList(p.icmpJobs),
          }
        ),
        fix: t(
          'checks.icmp-outside-probe-icmp-fix',
          'The Port Status dashboard’s host query and the PortwatchHostDown alert read job="probe_icmp": a host pinged by another job never marks its ports unreachable, and a dead one pages as a target down. Move the hosts to ping into the probe_icmp job (the target builder writes it for the icmp module).'
        ),
      };
    case 'jobs_not_named_probe':
      return {
        found: t('checks.jobs-not-named-probe', 'The jobs {{jobs}} probe, but their names do not start with probe_.', {
          jobs: nameList(p.unnamedJobs),
        }),
        fix: t(
          'checks.jobs-not-named-probe-fix',
          'The dashboards’ prober query and the alert rules look for jobs named probe_*: for these jobs a stopped blackbox_exporter shows as stale only once the staleness limit passes, not as unknown at once, and no Portwatch alert fires. Rename the jobs (probe_<module>), or adjust the prober query and the rules’ job matchers.'
        ),
      };
    case 'exporter_reachable':
      return {
        found: t('checks.exporter-reachable', 'Every probe job reaches blackbox_exporter: {{jobs}}.', {
          jobs: nameList(p.probeJobs),
        }),
      };
    case 'exporter_unreachable':
      // up == 0 for a whole job has three causes Prometheus cannot tell apart: blackbox_exporter also
      // answers 400 to a module it does not know, so "cannot reach" alone would send the reader wrong.
      return {
        found: t('checks.exporter-unreachable', '', {
          count: p.unprobedTargets,
          jobs: nameList(p.jobs),
          defaultValue_one:
            'blackbox_exporter cannot be reached for {{jobs}}: {{count, number}} target is not probed (up is 0).',
          defaultValue_other:
            'blackbox_exporter cannot be reached for {{jobs}}: {{count, number}} targets are not probed (up is 0).',
        }),
        fix: t(
          'checks.exporter-unreachable-fix',
          'up is 0: the exporter is down or at a wrong address (the __address__ replacement of the job’s relabelling), or the module name is unknown to it. Start blackbox_exporter, or correct the address or the module; Prometheus’ Targets page shows each scrape’s error. Until then these targets show as unknown, not down.'
        ),
      };
    case 'exporter_failing_some':
      return {
        found: t('checks.exporter-failing-some', 'blackbox_exporter refuses some probes of {{jobs}}.', {
          jobs: nameList(p.jobs),
        }),
        fix: t(
          'checks.exporter-failing-some-fix',
          'Look on Prometheus’ Targets page for an unknown module name or a probe slower than the scrape timeout, or, where several exporters serve the job, for one of them being unreachable.'
        ),
      };
    case 'no_up_series':
      return {
        found: t('checks.no-up-series', 'The jobs {{jobs}} have probe results but no up series in this data source.', {
          jobs: nameList(p.jobs),
        }),
        fix: t(
          'checks.no-up-series-fix',
          'Without up, a stopped exporter cannot be told from a silent target: keep up with the probe results (federation or remote write).'
        ),
      };
    case 'no_probe_jobs':
      return {
        found: t('checks.no-probe-jobs', 'No probe job to check.'),
        fix: t('checks.no-probe-jobs-fix', 'Add a probe job; the Target builder writes one.'),
      };
    case 'interval_matches':
      return {
        found: sentences(
          t('checks.interval-matches', 'The probe jobs are scraped every {{scrape}}, as the data source expects.', {
            scrape: spanText(p.scrapeIntervalMs),
          }),
          stalenessText(p)
        ),
      };
    case 'time_interval_below_scrape':
    case 'time_interval_above_scrape':
      return {
        found: sentences(
          t(
            'checks.interval-differs',
            'The jobs {{jobs}} are scraped every {{scrape}}, but the data source’s scrape interval is {{setting}}.',
            {
              jobs: nameList(p.jobs),
              scrape: spanText(p.scrapeIntervalMs),
              setting: spanText(p.timeIntervalMs),
            }
          ),
          stalenessText(p)
        ),
        fix: intervalFix(p),
      };
    case 'time_interval_invalid':
      return {
        found: t('checks.time-interval-invalid', 'The data source’s scrape interval "{{value}}" is not a duration.', {
          value: p.timeInterval,
        }),
        fix: t('checks.time-interval-invalid-fix', 'Write it as 15s or 1m in the data source’s settings.'),
      };
    case 'scrape_interval_no_results':
      return {
        found: t(
          'checks.scrape-interval-no-results',
          'No probe results now, so the scrape interval cannot be measured: the checks of probe results and of blackbox_exporter say why.'
        ),
        fix: t('checks.scrape-interval-no-results-fix', 'Run the check again once probe results come in.'),
      };
    case 'query_latency_offset':
      return {
        found: t(
          'checks.query-latency-offset',
          'This data source answers as of {{span}} ago: its newest samples reach the tiles that much later, and an outage shows that much late.',
          { span: spanText(p.latencyMs) }
        ),
        fix: t(
          'checks.query-latency-offset-fix',
          'VictoriaMetrics holds back its newest samples by default: start it with -search.latencyOffset=0, as the Portwatch stack does.'
        ),
      };
    case 'scrape_interval_unmeasured':
      return {
        found:
          nameList(p.unmeasuredJobs) === ''
            ? t('checks.scrape-interval-unmeasured', 'Not enough samples yet to measure the scrape interval.')
            : t(
                'checks.scrape-interval-unmeasured-jobs',
                'Fewer than two samples in the last 10 minutes from {{jobs}}: their scrape interval cannot be measured yet.',
                { jobs: nameList(p.unmeasuredJobs) }
              ),
        fix: t('checks.scrape-interval-unmeasured-fix', 'Run the check again in a few minutes.'),
      };
    case 'version_found':
      return {
        found: t('checks.version-found', 'blackbox_exporter {{versions}}.', { versions: nameList(p.versions) }),
      };
    case 'versions_differ':
      return {
        found: t('checks.versions-differ', 'Several blackbox_exporter versions run: {{versions}}.', {
          versions: nameList(p.versions),
        }),
        fix: t('checks.versions-differ-fix', 'Run one version everywhere, so that the modules behave alike.'),
      };
    case 'exporter_metrics_down':
      return {
        found: t(
          'checks.exporter-metrics-down',
          'The scrape of blackbox_exporter’s own metrics fails (job {{jobs}}).',
          {
            jobs: nameList(p.downJobs),
          }
        ),
        fix: t(
          'checks.exporter-metrics-down-fix',
          'Check that blackbox_exporter runs and that the job’s address is right.'
        ),
      };
    case 'exporter_metrics_unseen':
      return {
        found: t(
          'checks.exporter-metrics-unseen',
          'blackbox_exporter’s own metrics have not been seen in the last hour, and the scrapes of {{jobs}} fail.',
          { jobs: nameList(p.failingJobs) }
        ),
        fix: t(
          'checks.exporter-metrics-unseen-fix',
          'If one of these jobs scrapes blackbox_exporter’s /metrics, the exporter is down or the job’s address is wrong. If none does, add a job that scrapes it (without the /probe relabelling).'
        ),
      };
    case 'exporter_metrics_not_scraped':
      return {
        found: t(
          'checks.exporter-metrics-not-scraped',
          'blackbox_exporter’s own metrics are not scraped, so its version is not known.'
        ),
        fix: t(
          'checks.exporter-metrics-not-scraped-fix',
          'Add a job that scrapes blackbox_exporter’s /metrics (without the /probe relabelling).'
        ),
      };
    case 'modules_no_results':
      return {
        found: t('checks.modules-no-results', 'No probe results in the last hour, so no module can be judged.'),
        fix: t('checks.modules-no-results-fix', 'The first check says why there are no probe results.'),
      };
    case 'modules_ok':
      // A module with one target that always fails may be a down target or a wrong module: named, not warned of.
      return nameList(p.loneModules) === ''
        ? { found: t('checks.modules-ok', 'No module fails every probe.') }
        : {
            found: t('checks.modules-ok-lone', '', {
              count: p.loneModules.length,
              modules: nameList(p.loneModules),
              jobs: nameList(p.loneJobs),
              defaultValue_one:
                'No module with two or more targets fails every probe. The one target of the module {{modules}} ({{jobs}}) failed every probe in the last hour: that target may be down, or the module set up wrong.',
              defaultValue_other:
                'No module with two or more targets fails every probe. The modules {{modules}} ({{jobs}}) have one target each, and each failed every probe in the last hour: those targets may be down, or the modules set up wrong.',
            }),
          };
    case 'modules_always_fail':
      return {
        found: t('checks.modules-always-fail', 'Every probe of the modules {{modules}} fails ({{jobs}}).', {
          modules: nameList(p.modules),
          jobs: nameList(p.jobs),
        }),
        fix: t(
          'checks.modules-always-fail-fix',
          'A module that fails for every target is usually set up wrong (name, protocol, expected status): try one target with blackbox_exporter’s /probe?debug=true.'
        ),
      };
    case 'alert_rules_loaded':
      return {
        found: t('checks.alert-rules-loaded', 'The Portwatch alert rules are loaded: {{rules}}.', {
          rules: nameList(p.loaded),
        }),
      };
    case 'alert_rules_missing':
      return {
        found: t('checks.alert-rules-missing', 'No Portwatch alert rule is loaded.'),
        fix: t(
          'checks.alert-rules-missing-fix',
          'Add the rule files of the Portwatch stack (rules/*.yml) to rule_files in prometheus.yml and reload Prometheus.'
        ),
      };
    case 'alert_rules_partly_missing':
      return {
        found: t('checks.alert-rules-partly-missing', 'Some Portwatch alert rules are missing: {{rules}}.', {
          rules: nameList(p.missing),
        }),
        fix: t('checks.alert-rules-partly-missing-fix', 'Load every rule file of the Portwatch stack.'),
      };
    case 'alert_rules_failing':
      return {
        found: t('checks.alert-rules-failing', 'These alert rules fail to evaluate: {{rules}}.', {
          rules: nameList(p.failing),
        }),
        fix: t('checks.alert-rules-failing-fix', 'Prometheus’ Alerts page shows each rule’s error.'),
      };
    case 'alerts_go_nowhere':
      return {
        found: t(
          'checks.alerts-go-nowhere',
          'The alert rules are loaded, but Prometheus sends their alerts to no Alertmanager.'
        ),
        fix: t(
          'checks.alerts-go-nowhere-fix',
          'Add your Alertmanager under alerting: alertmanagers: in prometheus.yml (the Portwatch stack’s file has one) and reload Prometheus. Until then no alert reaches anyone.'
        ),
      };
    case 'alerts_not_delivered':
      return {
        found: t('checks.alerts-not-delivered', '', {
          count: p.notificationErrors ?? 0,
          defaultValue_one:
            'The alert rules are loaded, but Prometheus failed to send {{count, number}} notification to Alertmanager in the last 10 minutes.',
          defaultValue_other:
            'The alert rules are loaded, but Prometheus failed to send {{count, number}} notifications to Alertmanager in the last 10 minutes.',
        }),
        fix: t(
          'checks.alerts-not-delivered-fix',
          'Alertmanager is down, or Prometheus reaches it at a wrong address (alerting: in prometheus.yml). Until it answers, no alert reaches anyone; Prometheus’ log names the error.'
        ),
      };
    case 'watchdog_firing':
      return {
        found: t('checks.watchdog-firing', 'The PortwatchWatchdog alert fires, so the alert rules are evaluated.'),
      };
    case 'rules_not_seen':
      if (p.rulesApi === 'empty') {
        return {
          found: t(
            'checks.rules-empty',
            'This data source lists no rule groups and no Portwatch alert is active: Prometheus has no rule files loaded, or this is VictoriaMetrics without vmalert, which lists none.'
          ),
          fix: t(
            'checks.rules-empty-fix',
            'On Prometheus, add the Portwatch rule files (rules/*.yml) to rule_files in prometheus.yml and reload it; with VictoriaMetrics, load them into vmalert. PortwatchWatchdog always fires, which shows here once they are loaded.'
          ),
        };
      }
      return {
        found: t(
          'checks.rules-not-seen',
          'This data source shows no rules, and no Portwatch alert is active, so whether the rules are loaded cannot be told.'
        ),
        fix: t(
          'checks.rules-not-seen-fix',
          'Load the Portwatch rule files; PortwatchWatchdog always fires, which shows here once they are loaded.'
        ),
      };
  }
}

/** The word for a status; the page shows it with an icon, never by colour alone. */
export function statusWord(status: CheckResult['status']): string {
  switch (status) {
    case 'ok':
      return t('checks.status.ok', 'OK');
    case 'warning':
      return t('checks.status.warning', 'Warning');
    case 'error':
      return t('checks.status.error', 'Problem');
    case 'unknown':
      return t('checks.status.unknown', 'Cannot tell');
  }
}
