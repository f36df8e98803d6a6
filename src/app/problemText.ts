import { t } from '../i18n/t';
import { MAX_HOST_LABEL, MAX_HOST_NAME } from './targets/parseAddress';
import { Problem } from './targets/types';

/**
 * The most characters of the input a message repeats: a pasted 200,000-character line would
 * otherwise come back whole in its own message.
 */
export const MAX_QUOTED = 60;

/** `text` cut to MAX_QUOTED characters with an ellipsis, never between the halves of a surrogate pair. */
export function shortened(text: string): string {
  if (text.length <= MAX_QUOTED) {
    return text;
  }
  const end = /[\ud800-\udbff]/.test(text[MAX_QUOTED - 2]) ? MAX_QUOTED - 2 : MAX_QUOTED - 1;
  return `${text.slice(0, end)}…`;
}

function param(problem: Problem, name: string): string {
  return shortened(String(problem.params?.[name] ?? ''));
}

/** Why a line of the target builder cannot be written, in the user's language. */
export function problemText(problem: Problem): string {
  switch (problem.code) {
    case 'invalid-address':
      return t('problem.invalid-address', '"{{address}}" is not a host name, an IP address or a URL', {
        address: param(problem, 'address'),
      });
    case 'host-label-too-long':
      return t(
        'problem.host-label-too-long',
        '"{{label}}" is {{length}} characters long, but a part of a host name between dots may have at most {{limit}}',
        { label: param(problem, 'label'), length: param(problem, 'length'), limit: MAX_HOST_LABEL }
      );
    case 'non-ascii-host':
      return t('problem.non-ascii-host', 'write the host name {{host}} in its ASCII form: {{ascii}}', {
        host: param(problem, 'host'),
        ascii: param(problem, 'ascii'),
      });
    case 'host-name-too-long':
      return t(
        'problem.host-name-too-long',
        'the host name is {{length}} characters long, but a host name may have at most {{limit}}',
        {
          length: param(problem, 'length'),
          limit: MAX_HOST_NAME,
        }
      );
    case 'missing-port':
      return problem.params?.address
        ? t(
            'problem.missing-port-ipv6',
            '{{module}} needs a port, after the bracketed IPv6 address: {{address}}:port',
            {
              module: param(problem, 'module'),
              address: param(problem, 'address'),
            }
          )
        : t('problem.missing-port', '{{module}} needs a port: host:port', { module: param(problem, 'module') });
    case 'invalid-port':
      return t('problem.invalid-port', 'port {{port}} is not a number from 1 to 65535', {
        port: param(problem, 'port'),
      });
    case 'unexpected-port':
      return t('problem.unexpected-port', '{{module}} probes a host, not port {{port}}: leave the port out', {
        module: param(problem, 'module'),
        port: param(problem, 'port'),
      });
    case 'unexpected-url':
      return unexpectedUrlText(problem);
    case 'unsupported-scheme':
      return t('problem.unsupported-scheme', '{{scheme}}:// cannot be probed: http_2xx takes http:// and https://', {
        scheme: param(problem, 'scheme'),
      });
    case 'url-credentials':
      return t('problem.url-credentials', 'a user or password in the URL would show in every label: leave it out');
    case 'ipv6-without-brackets':
      if (problem.params?.whole !== undefined) {
        return t(
          'problem.ipv6-port-or-address',
          'an IPv6 address needs brackets here: write {{suggestion}} for port {{port}}, or {{whole}} for the address {{address}}',
          {
            suggestion: param(problem, 'suggestion'),
            port: param(problem, 'port'),
            whole: param(problem, 'whole'),
            address: param(problem, 'address'),
          }
        );
      }
      return problem.params?.port !== undefined
        ? t('problem.ipv6-without-brackets', 'an IPv6 address with a port needs brackets: write {{suggestion}}', {
            suggestion: param(problem, 'suggestion'),
          })
        : t('problem.ipv6-in-url', 'an IPv6 address in a URL needs brackets: write {{suggestion}}', {
            suggestion: param(problem, 'suggestion'),
          });
    case 'unterminated-quote':
      return t('problem.unterminated-quote', 'a quote is not closed');
    case 'not-a-label':
      return t('problem.not-a-label', '"{{text}}" is not a label: write name=value', { text: param(problem, 'text') });
    case 'invalid-label-name':
      return t(
        'problem.invalid-label-name',
        'Prometheus does not accept the label name "{{name}}": letters, digits and _, not starting with a digit',
        { name: param(problem, 'name') }
      );
    case 'reserved-label':
      return t('problem.reserved-label', 'the job sets the label {{name}} itself', { name: param(problem, 'name') });
    case 'internal-label':
      return t(
        'problem.internal-label',
        'labels starting with __ are Prometheus’ own and are dropped after relabelling: {{name}}',
        {
          name: param(problem, 'name'),
        }
      );
    case 'duplicate-label':
      return t('problem.duplicate-label', 'the label {{name}} is given twice', { name: param(problem, 'name') });
    case 'empty-label-value':
      return t('problem.empty-label-value', 'the label {{name}} has no value, and Prometheus would drop it', {
        name: param(problem, 'name'),
      });
    case 'invalid-label-value':
      return t('problem.invalid-label-value', 'the value of {{name}} is not valid text', {
        name: param(problem, 'name'),
      });
    case 'duplicate-target':
      return t('problem.duplicate-target', 'the same target is already on line {{line}}', {
        line: param(problem, 'line'),
      });
    case 'empty-job-name':
      return t('problem.empty-job-name', 'the job needs a name');
    case 'invalid-job-name':
      return t(
        'problem.invalid-job-name',
        '"{{name}}" cannot be a job name: no spaces around it, no control characters',
        {
          name: param(problem, 'name'),
        }
      );
    case 'empty-exporter-address':
      return t(
        'problem.empty-exporter-address',
        'give blackbox_exporter’s address as host:port, such as 127.0.0.1:9115'
      );
    case 'invalid-exporter-address':
      return problem.params?.suggestion
        ? t('problem.invalid-exporter-address-suggestion', '"{{address}}" is not host:port: write {{suggestion}}', {
            address: param(problem, 'address'),
            suggestion: param(problem, 'suggestion'),
          })
        : t('problem.invalid-exporter-address', '"{{address}}" is not host:port, such as 127.0.0.1:9115', {
            address: param(problem, 'address'),
          });
  }
}

/** A URL where the module takes something else, worded for what that module takes. */
function unexpectedUrlText(problem: Problem): string {
  const values = { module: param(problem, 'module'), suggestion: param(problem, 'suggestion') };
  if (!problem.params?.suggestion) {
    // A URL of a scheme without a known port: where the port goes is all there is to show.
    return problem.params?.module === 'tcp_connect'
      ? t(
          'problem.unexpected-url-tcp-port',
          '{{module}} takes host:port, not a URL: write the host and its port',
          values
        )
      : t('problem.unexpected-url', '{{module}} takes a host, not a URL', values);
  }
  switch (problem.params.module) {
    case 'tcp_connect':
      return t('problem.unexpected-url-tcp', '{{module}} takes host:port, not a URL: write {{suggestion}}', values);
    case 'dns':
      return t(
        'problem.unexpected-url-dns',
        '{{module}} takes a DNS server, host or host:port, not a URL: write {{suggestion}}',
        values
      );
    default:
      return t('problem.unexpected-url-host', '{{module}} takes a host only, not a URL: write {{suggestion}}', values);
  }
}
