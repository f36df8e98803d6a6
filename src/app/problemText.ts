import { t } from '../panel/i18n/t';
import { Problem } from './targets/types';

function param(problem: Problem, name: string): string {
  return String(problem.params?.[name] ?? '');
}

/** Why a line of the target builder cannot be written, in the user's language. */
export function problemText(problem: Problem): string {
  switch (problem.code) {
    case 'invalid-address':
      return t('problem.invalid-address', '"{{address}}" is not a host name, an IP address or a URL', {
        address: param(problem, 'address'),
      });
    case 'missing-port':
      return t('problem.missing-port', '{{module}} needs a port: host:port', { module: param(problem, 'module') });
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
      return problem.params?.suggestion
        ? t('problem.unexpected-url-suggestion', '{{module}} takes host:port, not a URL: write {{suggestion}}', {
            module: param(problem, 'module'),
            suggestion: param(problem, 'suggestion'),
          })
        : t('problem.unexpected-url', '{{module}} takes a host, not a URL', { module: param(problem, 'module') });
    case 'unsupported-scheme':
      return t('problem.unsupported-scheme', '{{scheme}}:// cannot be probed: http_2xx takes http:// and https://', {
        scheme: param(problem, 'scheme'),
      });
    case 'url-credentials':
      return t('problem.url-credentials', 'a user or password in the URL would show in every label: leave it out');
    case 'ipv6-without-brackets':
      return t('problem.ipv6-without-brackets', 'an IPv6 address with a port needs brackets: [{{address}}]', {
        address: param(problem, 'address'),
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
  }
}
