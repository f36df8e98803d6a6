import React from 'react';
import { dateTimeFormat, formattedValueToString, getValueFormat } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';

import { certDaysLeft } from '../data/facts';
import { formatSpan } from '../data/formatSpan';
import { TileFacts } from '../data/types';
import { STATE_LOOKS } from './stateLooks';

interface Props {
  facts: TileFacts;
  now: number;
  timeZone: TimeZone;
  /** Class of the secondary text (the sample times). */
  secondary: string;
}

function seconds(value: number): string {
  return formattedValueToString(getValueFormat('s')(value));
}

/**
 * Every fact the other blackbox metrics gave about a target, each with its value and the time of
 * its sample, as rows of the details' description list.
 */
export function FactList({ facts, now, timeZone, secondary }: Props): React.JSX.Element {
  const at = (time: number | undefined): React.ReactNode =>
    time === undefined ? null : <span className={secondary}> · {dateTimeFormat(time, { timeZone })}</span>;
  const { httpStatus, certExpiry, contentCheck, dnsLookup, httpPhases, host, alerts } = facts;
  return (
    <>
      {httpStatus && (
        <>
          <dt>HTTP status</dt>
          <dd>
            {httpStatus.value === 0 ? 'no response' : httpStatus.value}
            {at(httpStatus.time)}
          </dd>
        </>
      )}
      {certExpiry && (
        <>
          <dt>Certificate</dt>
          <dd>
            {certDaysLeft(certExpiry, now) < 0
              ? `expired ${formatSpan(now - certExpiry.value * 1000)} ago`
              : `expires in ${formatSpan(certExpiry.value * 1000 - now)}`}{' '}
            ({dateTimeFormat(certExpiry.value * 1000, { timeZone })}){at(certExpiry.time)}
          </dd>
        </>
      )}
      {contentCheck && (
        <>
          <dt>Content check</dt>
          <dd>
            {contentCheck.value === 1 ? 'failed' : 'passed'}
            {at(contentCheck.time)}
          </dd>
        </>
      )}
      {dnsLookup && (
        <>
          <dt>DNS lookup</dt>
          <dd>
            {seconds(dnsLookup.value)}
            {at(dnsLookup.time)}
          </dd>
        </>
      )}
      {httpPhases && httpPhases.length > 0 && (
        <>
          <dt>HTTP phases</dt>
          <dd>
            {httpPhases.map((phase) => `${phase.phase} ${seconds(phase.value)}`).join(' · ')}
            {at(Math.max(...httpPhases.map((phase) => phase.time)))}
          </dd>
        </>
      )}
      {host && (
        <>
          <dt>Host</dt>
          <dd>
            {host.name}: {host.state === 'down' ? 'unreachable' : STATE_LOOKS[host.state].word} (ICMP)
            {at(host.time)}
          </dd>
        </>
      )}
      {alerts && alerts.length > 0 && (
        <>
          <dt>Alerts</dt>
          <dd>
            {alerts.map((alert, i) => (
              <div key={i}>
                {alert.name}: {alert.state}
                {alert.severity ? `, ${alert.severity}` : ''}
                {at(alert.time)}
              </div>
            ))}
          </dd>
        </>
      )}
    </>
  );
}
