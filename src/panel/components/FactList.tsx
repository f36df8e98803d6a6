import React from 'react';
import { dateTimeFormat, formattedValueToString, getValueFormat } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';

import { certDaysLeft } from '../data/facts';
import { ActiveAlert, TargetState, TileFacts } from '../data/types';
import { t } from '../../i18n/t';
import { spanText } from './spanText';
import { shownText } from './shownText';
import { stateWord } from './stateLooks';

interface Props {
  facts: TileFacts;
  /** The target answered its own probe (answersItself), so a host whose ICMP fails is not unreachable. */
  answers: boolean;
  now: number;
  timeZone: TimeZone;
  /** Class of the secondary text (the sample times). */
  secondary: string;
}

function seconds(value: number): string {
  return formattedValueToString(getValueFormat('s')(value));
}

function hostStateText(state: TargetState, answers: boolean, answering: boolean): string {
  if (state !== 'down') {
    return stateWord(state);
  }
  if (answers) {
    return t('facts.no-ping-reply', 'no ping reply, while the target answers');
  }
  return answering
    ? t('facts.no-ping-reply-other', 'no ping reply, while another target of the host answers')
    : t('facts.host-unreachable', 'unreachable');
}

/**
 * Every fact the other blackbox metrics gave about a target, each with its value and the time of
 * its sample, as rows of the details' description list.
 */
export function FactList({ facts, answers, now, timeZone, secondary }: Props): React.JSX.Element {
  const at = (time: number | undefined): React.ReactNode =>
    time === undefined ? null : <span className={secondary}> · {dateTimeFormat(time, { timeZone })}</span>;
  const { httpStatus, certExpiry, contentCheck, dnsLookup, httpPhases, host, alerts } = facts;
  return (
    <>
      {httpStatus && (
        <>
          <dt>{t('facts.http-status', 'HTTP status')}</dt>
          <dd>
            {httpStatus.value === 0 ? t('badge.no-response', 'no response') : httpStatus.value}
            {at(httpStatus.time)}
          </dd>
        </>
      )}
      {certExpiry && (
        <>
          <dt>{t('facts.certificate', 'Certificate')}</dt>
          <dd>
            {certDaysLeft(certExpiry, now) < 0
              ? t('facts.cert-expired', 'expired {{span}} ago ({{date}})', {
                  span: spanText(now - certExpiry.value * 1000),
                  date: dateTimeFormat(certExpiry.value * 1000, { timeZone }),
                })
              : t('facts.cert-expires', 'expires in {{span}} ({{date}})', {
                  span: spanText(certExpiry.value * 1000 - now),
                  date: dateTimeFormat(certExpiry.value * 1000, { timeZone }),
                })}
            {at(certExpiry.time)}
          </dd>
        </>
      )}
      {/* blackbox_exporter writes 0 for every HTTP and TCP probe whose body no regex failed: also for
          modules without a check and for probes that never got a body. So only a 1 says anything. */}
      {contentCheck?.value === 1 && (
        <>
          <dt>{t('facts.content-check', 'Content check')}</dt>
          <dd>
            {t('facts.check-failed', 'failed')}
            {at(contentCheck.time)}
          </dd>
        </>
      )}
      {dnsLookup && (
        <>
          <dt>{t('facts.dns-lookup', 'DNS lookup')}</dt>
          <dd>
            {seconds(dnsLookup.value)}
            {at(dnsLookup.time)}
          </dd>
        </>
      )}
      {httpPhases && httpPhases.length > 0 && (
        <>
          <dt>{t('facts.http-phases', 'HTTP phases')}</dt>
          <dd>
            {httpPhases.map((phase) => `${shownText(phase.phase)} ${seconds(phase.value)}`).join(' · ')}
            {at(Math.max(...httpPhases.map((phase) => phase.time)))}
          </dd>
        </>
      )}
      {host && (
        <>
          <dt>{t('facts.host', 'Host')}</dt>
          <dd>
            {t('facts.host-state', '{{host}}: {{state}} (ICMP)', {
              host: shownText(host.name),
              state: hostStateText(host.state, answers, host.answering === true),
            })}
            {at(host.time)}
          </dd>
        </>
      )}
      {alerts && alerts.length > 0 && (
        <>
          <dt>{t('facts.alerts', 'Alerts')}</dt>
          <dd>
            {alerts.map((alert, i) => (
              <div key={i}>
                {alert.severity
                  ? t('facts.alert-with-severity', '{{name}}: {{state}}, {{severity}}', {
                      name: shownText(alert.name),
                      state: alertStateWord(alert.state),
                      severity: shownText(alert.severity),
                    })
                  : t('facts.alert', '{{name}}: {{state}}', {
                      name: shownText(alert.name),
                      state: alertStateWord(alert.state),
                    })}
                {at(alert.time)}
              </div>
            ))}
          </dd>
        </>
      )}
    </>
  );
}

function alertStateWord(state: ActiveAlert['state']): string {
  return state === 'firing' ? t('facts.alert-firing', 'firing') : t('facts.alert-pending', 'pending');
}
