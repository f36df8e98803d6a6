import { css } from '@emotion/css';
import React, { useId, useMemo, useState } from 'react';
import { GrafanaTheme2 } from '@grafana/data';
import {
  ClipboardButton,
  Field,
  FieldValidationMessage,
  Input,
  RadioButtonGroup,
  Tab,
  TabsBar,
  TextArea,
  useStyles2,
} from '@grafana/ui';

import { APP_TEST_IDS } from '../constants';
import { t } from '../i18n/t';
import { problemText } from './problemText';
import { buildOutputs, Output, OUTPUT_KINDS, OutputKind } from './targetOutputs';
import { MODULE_NAMES, ModuleName, Problem } from './targets/types';
import { defaultJobName } from './targets/defaultJobName';
import { parseTargets } from './targets/parseTargets';
import { exporterAddressProblems, jobNameProblems } from './targets/scrapeJobYaml';
import { PROBE_JOB } from './checks/checkQueries';

const EXAMPLE = 'db-1.example.com:5432 service_name=orders env=prod team=payments';

function outputLabel(kind: OutputKind): string {
  switch (kind) {
    case 'job':
      return t('targets.output.job', 'Scrape job');
    case 'file_sd':
      return t('targets.output.file-sd', 'file_sd YAML');
    case 'http_sd':
      return t('targets.output.http-sd', 'http_sd JSON');
    case 'module':
      return t('targets.output.module', 'Blackbox module');
  }
}

/** A line's or a field's problems, as one sentence. */
function problemsText(problems: readonly Problem[]): string {
  return problems.map(problemText).join(t('targets.problem-separator', '; '));
}

const NO_PROBLEMS: readonly Problem[] = [];

interface TextFieldProps {
  label: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
  /** Marked on the input and said under it; none for a field that takes any text. */
  problems?: readonly Problem[];
  /** A word of advice under the input that blocks nothing (a job name the dashboards do not read). */
  advice?: string;
  className: string;
}

/**
 * One of the settings of the scrape job: a labelled text input, its problems and advice under it.
 * The messages are the input's description on every Grafana line: Grafana 12.0's Field ties no
 * message to its input ("names the problem of a field" in TargetBuilderPage.test.tsx).
 */
function TextField({ label, description, value, onChange, problems = NO_PROBLEMS, advice, className }: TextFieldProps) {
  const styles = useStyles2(getStyles);
  const id = useId();
  const errorId = useId();
  const adviceId = useId();
  const invalid = problems.length > 0;
  const describedBy = [invalid ? errorId : '', advice ? adviceId : ''].filter((part) => part !== '').join(' ');
  return (
    <div className={className}>
      <Field label={label} description={description} htmlFor={id} invalid={invalid} className={styles.fieldBody}>
        <Input
          id={id}
          aria-invalid={invalid}
          aria-describedby={describedBy || undefined}
          value={value}
          onChange={(event) => onChange(event.currentTarget.value)}
          width={30}
        />
      </Field>
      <div id={errorId}>{invalid && <FieldValidationMessage>{problemsText(problems)}</FieldValidationMessage>}</div>
      {advice && (
        <p id={adviceId} className={styles.advice}>
          {advice}
        </p>
      )}
    </div>
  );
}

/**
 * What a job name means to the dashboards and the alert rules, when that is not what the module
 * wants: they read a host's ping from the job probe_icmp alone, and the other probes from jobs
 * named probe_* ("advises on a ... job named ..." in TargetBuilderPage.test.tsx).
 */
function jobNameAdvice(jobName: string, module: ModuleName): string | undefined {
  if (module === 'icmp' && jobName !== defaultJobName('icmp')) {
    return t(
      'targets.advice-icmp-job',
      'The dashboards and the PortwatchHostDown alert read a host’s ping from the job probe_icmp only: under another name these hosts mark no port unreachable.'
    );
  }
  if (module !== 'icmp' && jobName === defaultJobName('icmp')) {
    return t(
      'targets.advice-not-icmp-job',
      'probe_icmp is read as hosts’ ping: these targets would count as hosts, and PortwatchTargetDown leaves that job out.'
    );
  }
  if (!PROBE_JOB.test(jobName)) {
    return t(
      'targets.advice-probe-job',
      'The dashboards and the alert rules look for jobs named probe_*: under another name no Portwatch alert fires for these targets.'
    );
  }
  return undefined;
}

/**
 * Writes the Prometheus configuration for the ports to watch: a probe job like the stack's own, the
 * same targets for file_sd and http_sd, and the blackbox module where the exporter lacks it. Lines
 * that cannot work say why; only valid targets are ever written (targets/parseTargets.ts).
 */
export function TargetBuilderPage(): React.JSX.Element {
  const styles = useStyles2(getStyles);
  const inputId = useId();
  const problemsId = useId();
  const problemsHeadingId = useId();
  const outputId = useId();
  const [text, setText] = useState('');
  const [module, setModule] = useState<ModuleName>('tcp_connect');
  const [jobName, setJobName] = useState(defaultJobName('tcp_connect'));
  const [exporter, setExporter] = useState('127.0.0.1:9115');
  const [dnsQueryName, setDnsQueryName] = useState('example.com');
  const [shown, setShown] = useState<OutputKind>('job');

  const parsed = useMemo(() => parseTargets(text, module), [text, module]);
  const jobProblems = useMemo(() => jobNameProblems(jobName), [jobName]);
  const exporterProblems = useMemo(() => exporterAddressProblems(exporter), [exporter]);
  const outputs = useMemo(
    () => buildOutputs(parsed.targets, { jobName, module, exporterAddress: exporter }, { queryName: dnsQueryName }),
    [parsed.targets, jobName, module, exporter, dnsQueryName]
  );
  const badLines = parsed.lines.filter((line) => line.problems.length > 0);
  const output = outputs[shown];
  // The scrape job needs both fields; the lines alone being valid does not make it ready.
  const jobBlocked = jobProblems.length > 0 || exporterProblems.length > 0;

  return (
    <div data-testid={APP_TEST_IDS.targetBuilder} className={styles.page}>
      <p className={styles.intro}>
        {t(
          'targets.intro',
          'One target per line: an address (host:port, a URL or a host name) and, after it, labels as name=value. The configuration below follows as you type.'
        )}
      </p>
      {/* A fieldset of its own: Grafana 12.0's Field leaves a radio group without a name. */}
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t('targets.module', 'Module')}</legend>
        <RadioButtonGroup
          options={MODULE_NAMES.map((name) => ({ value: name, label: name }))}
          value={module}
          onChange={(value) => {
            setModule(value);
            // Only a job name left as the module's default follows the module; one typed in stays.
            setJobName((name) => (name === defaultJobName(module) ? defaultJobName(value) : name));
          }}
        />
      </fieldset>
      <Field label={t('targets.addresses', 'Addresses and labels')} htmlFor={inputId}>
        <TextArea
          id={inputId}
          data-testid={APP_TEST_IDS.targetInput}
          rows={8}
          className={styles.code}
          value={text}
          placeholder={EXAMPLE}
          onChange={(event) => setText(event.currentTarget.value)}
          // The lines that cannot be written are listed below; a screen reader reads them with the field.
          // The list has no name of its own: a description takes a name in place of the text.
          aria-invalid={badLines.length > 0}
          aria-describedby={badLines.length > 0 ? `${problemsHeadingId} ${problemsId}` : undefined}
        />
      </Field>
      {badLines.length > 0 && (
        <>
          <p id={problemsHeadingId} className={styles.problemsHeading}>
            {t('targets.problems', 'Lines that cannot be written')}
          </p>
          <ul id={problemsId} className={styles.problems}>
            {badLines.map((line) => (
              <li
                key={line.line}
                data-testid={APP_TEST_IDS.lineProblem}
                data-line={line.line}
                data-codes={line.problems.map((problem) => problem.code).join(' ')}
              >
                {t('targets.line', 'Line {{line}}: {{problems}}', {
                  line: line.line,
                  problems: problemsText(line.problems),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      <div className={styles.row}>
        <TextField
          label={t('targets.job-name', 'Job name')}
          description={t('targets.job-name-description', 'probe_*, as the dashboards and alert rules select')}
          value={jobName}
          onChange={setJobName}
          problems={jobProblems}
          advice={jobProblems.length > 0 ? undefined : jobNameAdvice(jobName, module)}
          className={styles.field}
        />
        <TextField
          label={t('targets.exporter', 'blackbox_exporter address')}
          description={t('targets.exporter-description', 'As Prometheus reaches it, host:port')}
          value={exporter}
          onChange={setExporter}
          problems={exporterProblems}
          className={styles.field}
        />
        {module === 'dns' && (
          <TextField
            label={t('targets.dns-query', 'DNS name to ask for')}
            description={t('targets.dns-query-description', 'The dns module asks each server for this name')}
            value={dnsQueryName}
            onChange={setDnsQueryName}
            className={styles.field}
          />
        )}
      </div>
      {/* A status region: how many lines are ready is read out as the lines are typed. */}
      <p className={styles.intro} role="status">
        {jobBlocked
          ? t(
              'targets.summary-blocked',
              '{{valid}} of {{lines}} lines valid; the scrape job needs the fields marked above first',
              { valid: parsed.targets.length, lines: parsed.lines.length }
            )
          : t('targets.summary', '{{valid}} of {{lines}} lines ready to write', {
              valid: parsed.targets.length,
              lines: parsed.lines.length,
            })}
      </p>
      <TabsBar>
        {OUTPUT_KINDS.map((kind) => (
          <Tab
            key={kind}
            id={`${outputId}-${kind}`}
            aria-controls={outputId}
            label={outputLabel(kind)}
            active={shown === kind}
            onChangeTab={() => setShown(kind)}
          />
        ))}
      </TabsBar>
      <div
        id={outputId}
        role="tabpanel"
        aria-labelledby={`${outputId}-${shown}`}
        data-testid={APP_TEST_IDS.output}
        data-kind={shown}
        data-ready={output.text !== undefined}
      >
        {output.text !== undefined ? (
          <>
            <div className={styles.row}>
              <ClipboardButton icon="copy" variant="secondary" size="sm" getText={() => output.text ?? ''}>
                {t('targets.copy', 'Copy')}
              </ClipboardButton>
              <a
                className={styles.download}
                download={output.fileName}
                href={`data:text/plain;charset=utf-8,${encodeURIComponent(output.text)}`}
              >
                {t('targets.download', 'Download {{file}}', { file: output.fileName })}
              </a>
            </div>
            <pre className={styles.output}>{output.text}</pre>
          </>
        ) : (
          <p className={styles.intro}>{outputNote(output.note, badLines.length > 0)}</p>
        )}
      </div>
    </div>
  );
}

function outputNote(note: Output['note'], badLines: boolean): string {
  switch (note) {
    case 'standard-module':
      return t('targets.note.standard-module', 'Every blackbox_exporter has this module already: nothing to add.');
    case 'dns-query-name':
      return t('targets.note.dns-query-name', 'Give the DNS name to ask for, such as example.com.');
    case 'job-name':
      return t('targets.note.job-name', 'Give the job a valid name first.');
    case 'exporter-address':
      return t('targets.note.exporter-address', 'Correct blackbox_exporter’s address above first.');
    default:
      // Lines there but none valid: adding another is not what is missing ("every line invalid", TargetBuilderPage.test.tsx).
      return badLines
        ? t('targets.note.fix-lines', 'No target to write yet: fix the lines listed above.')
        : t('targets.note.no-targets', 'No target to write yet: add a line above.');
  }
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), maxWidth: theme.spacing(140) }),
  intro: css({ color: theme.colors.text.secondary, margin: 0 }),
  code: css({ fontFamily: theme.typography.fontFamilyMonospace }),
  problems: css({
    margin: 0,
    paddingLeft: theme.spacing(2),
    color: theme.colors.error.text,
    fontFamily: theme.typography.fontFamilyMonospace,
    // A long address or label has no space to break at; the page must not scroll sideways for it.
    overflowWrap: 'anywhere',
  }),
  problemsHeading: css({ margin: 0, color: theme.colors.error.text }),
  // The fields' error messages wrap within the field too.
  field: css({ minWidth: 0, maxWidth: '100%', overflowWrap: 'anywhere' }),
  fieldBody: css({ marginBottom: theme.spacing(0.5) }),
  advice: css({
    margin: 0,
    maxWidth: theme.spacing(40),
    color: theme.colors.warning.text,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  fieldset: css({ border: 0, padding: 0, margin: 0, minWidth: 0 }),
  // Grafana's field label, on the legend of a fieldset.
  legend: css({
    padding: 0,
    marginBottom: theme.spacing(0.5),
    fontSize: theme.typography.bodySmall.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    color: theme.colors.text.primary,
  }),
  // Every field has a label and a description line, so their inputs line up from the top; the
  // messages under an input push nothing beside it.
  row: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(2), alignItems: 'flex-start' }),
  download: css({ color: theme.colors.text.link, alignSelf: 'center' }),
  output: css({
    margin: 0,
    padding: theme.spacing(1),
    maxHeight: theme.spacing(60),
    overflow: 'auto',
    fontFamily: theme.typography.fontFamilyMonospace,
    background: theme.colors.background.secondary,
  }),
});
