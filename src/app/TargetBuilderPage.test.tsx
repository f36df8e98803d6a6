import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';

import { APP_TEST_IDS } from '../constants';
import { TargetBuilderPage } from './TargetBuilderPage';

function type(text: string): Promise<void> {
  // userEvent reads { and [ as key descriptors; the lines here have neither.
  return userEvent.type(screen.getByTestId(APP_TEST_IDS.targetInput), text);
}

function output(): HTMLElement {
  return screen.getByTestId(APP_TEST_IDS.output);
}

describe('TargetBuilderPage', () => {
  it('writes a probe job for the valid lines and marks the others with their reasons', async () => {
    render(<TargetBuilderPage />);
    await type('db-1.example.com:5432 service_name=orders{enter}web-1.example.com{enter}db-1.example.com:5432');
    const problems = screen.getAllByTestId(APP_TEST_IDS.lineProblem);
    expect(problems.map((p) => [p.dataset.line, p.dataset.codes])).toEqual([
      ['2', 'missing-port'],
      ['3', 'duplicate-target'],
    ]);
    expect(problems[0]).toHaveTextContent('Line 2: tcp_connect needs a port: host:port');
    expect(problems[1]).toHaveTextContent('the same target is already on line 1');
    expect(output().dataset.ready).toBe('true');
    const yaml = within(output()).getByText(/job_name/).textContent ?? '';
    expect(yaml).toContain('db-1.example.com:5432');
    expect(yaml).toContain('service_name: "orders"');
    expect(yaml).toContain('replacement: "127.0.0.1:9115"');
    expect(yaml).not.toContain('web-1.example.com');
    expect(yaml).toContain('metrics_path: /probe');
  });

  it('marks the field invalid, described by the lines that cannot be written, and reports the count as a status', async () => {
    render(<TargetBuilderPage />);
    const field = screen.getByRole('textbox', { name: 'Addresses and labels' });
    await type('db-1.example.com:5432{enter}web-1.example.com');
    expect(field).toBeInvalid();
    expect(field).toHaveAccessibleDescription(/^Lines that cannot be written Line 2: tcp_connect needs a port/);
    expect(screen.getByRole('status')).toHaveTextContent('1 of 2 lines ready to write');
    await userEvent.clear(field);
    await type('db-1.example.com:5432');
    expect(field).toBeValid();
    expect(field).not.toHaveAttribute('aria-describedby');
  });

  it('with every line invalid asks to fix the lines listed, not to add one', async () => {
    render(<TargetBuilderPage />);
    expect(output()).toHaveTextContent('No target to write yet: add a line above.');
    await type('web-1.example.com{enter}ftp://files.example');
    expect(screen.getAllByTestId(APP_TEST_IDS.lineProblem)).toHaveLength(2);
    expect(output().dataset.ready).toBe('false');
    expect(output()).toHaveTextContent('No target to write yet: fix the lines listed above.');
  });

  it('suggests host:port with the scheme’s port for a URL under tcp_connect', async () => {
    render(<TargetBuilderPage />);
    await type('ftp://x.example');
    expect(screen.getByTestId(APP_TEST_IDS.lineProblem)).toHaveTextContent(
      'Line 1: tcp_connect takes host:port, not a URL: write x.example:21'
    );
  });

  it('writes nothing while the job name is invalid, and says why', async () => {
    render(<TargetBuilderPage />);
    await type('db-1.example.com:5432');
    const jobName = screen.getByDisplayValue('probe_tcp_ports');
    await userEvent.clear(jobName);
    expect(output().dataset.ready).toBe('false');
    expect(output()).toHaveTextContent('Give the job a valid name first.');
  });

  it('gives file_sd and http_sd forms of the same targets, and no module for a standard one', async () => {
    render(<TargetBuilderPage />);
    await type('10.0.0.5:8080 env=prod');
    await userEvent.click(screen.getByRole('tab', { name: 'http_sd JSON' }));
    // The output is the tab panel of the tab chosen, named by it.
    expect(screen.getByRole('tabpanel', { name: 'http_sd JSON' })).toBe(output());
    expect(screen.getByRole('tab', { name: 'http_sd JSON' })).toHaveAttribute('aria-controls', output().id);
    expect(JSON.parse(within(output()).getByText(/targets/).textContent ?? '')).toEqual([
      { targets: ['10.0.0.5:8080'], labels: { env: 'prod', module: 'tcp_connect' } },
    ]);
    await userEvent.click(screen.getByRole('tab', { name: 'Blackbox module' }));
    expect(output()).toHaveTextContent('Every blackbox_exporter has this module already');
  });
});

describe('TargetBuilderPage fields', () => {
  it('names its inputs by their labels', () => {
    render(<TargetBuilderPage />);
    expect(screen.getByRole('textbox', { name: /^Job name/ })).toHaveValue('probe_tcp_ports');
    expect(screen.getByRole('textbox', { name: /^blackbox_exporter address/ })).toHaveValue('127.0.0.1:9115');
  });

  // The Port Status dashboard's host query and PortwatchHostDown select job="probe_icmp" exactly.
  it.each([
    ['icmp', 'probe_icmp'],
    ['tcp_connect', 'probe_tcp_ports'],
    ['http_2xx', 'probe_http_ports'],
    ['dns', 'probe_dns_ports'],
  ])('names the %s job %s', async (module, jobName) => {
    render(<TargetBuilderPage />);
    await userEvent.click(screen.getByRole('radio', { name: module }));
    expect(screen.getByRole('textbox', { name: /^Job name/ })).toHaveValue(jobName);
  });

  // Grafana 12.0's Field names no radio group and ties no message to its input.
  it('names the module group', () => {
    render(<TargetBuilderPage />);
    expect(within(screen.getByRole('group', { name: 'Module' })).getAllByRole('radio')).toHaveLength(4);
  });

  it('names the problem of a field in its description', async () => {
    render(<TargetBuilderPage />);
    const exporter = screen.getByRole('textbox', { name: /^blackbox_exporter address/ });
    await userEvent.clear(exporter);
    await userEvent.type(exporter, 'nohostport');
    expect(exporter).toBeInvalid();
    expect(exporter).toHaveAccessibleDescription(/port/);
    await userEvent.clear(exporter);
    await userEvent.type(exporter, '127.0.0.1:9115');
    expect(exporter).toBeValid();
    expect(exporter).not.toHaveAttribute('aria-describedby');
  });

  // The dashboards and PortwatchHostDown read ping from probe_icmp alone, other probes from probe_*.
  it.each([
    ['icmp', 'probe_ping', /read a host’s ping from the job probe_icmp only/],
    ['tcp_connect', 'probe_icmp', /probe_icmp is read as hosts’ ping/],
    ['http_2xx', 'checkout', /look for jobs named probe_\*/],
  ])('advises on a %s job named %s', async (module, name, advice) => {
    render(<TargetBuilderPage />);
    await userEvent.click(screen.getByRole('radio', { name: module }));
    const jobName = screen.getByRole('textbox', { name: /^Job name/ });
    expect(jobName).not.toHaveAttribute('aria-describedby');
    await userEvent.clear(jobName);
    await userEvent.type(jobName, name);
    expect(jobName).toBeValid();
    expect(jobName).toHaveAccessibleDescription(advice);
  });

  it('keeps a job name typed in when the module changes; only the default follows the module', async () => {
    render(<TargetBuilderPage />);
    const jobName = screen.getByRole('textbox', { name: /^Job name/ });
    await userEvent.click(screen.getByRole('radio', { name: 'http_2xx' }));
    expect(jobName).toHaveValue('probe_http_ports');
    await userEvent.clear(jobName);
    await userEvent.type(jobName, 'checkout_ports');
    await userEvent.click(screen.getByRole('radio', { name: 'icmp' }));
    expect(jobName).toHaveValue('checkout_ports');
  });

  it('names the DNS name input by its label', async () => {
    render(<TargetBuilderPage />);
    await userEvent.click(screen.getByRole('radio', { name: 'dns' }));
    expect(screen.getByRole('textbox', { name: /^DNS name to ask for/ })).toHaveValue('example.com');
  });

  it.each([
    ['', 'give blackbox_exporter’s address as host:port, such as 127.0.0.1:9115'],
    ['http://bb:9115/probe', '"http://bb:9115/probe" is not host:port: write bb:9115'],
    ['bb:99999', 'port 99999 is not a number from 1 to 65535'],
  ])('marks the blackbox_exporter address %j invalid and claims no line ready', async (address, error) => {
    render(<TargetBuilderPage />);
    await type('db-1.example.com:5432');
    const field = screen.getByRole('textbox', { name: /^blackbox_exporter address/ });
    await userEvent.clear(field);
    if (address !== '') {
      await userEvent.type(field, address);
    }
    expect(field).toBeInvalid();
    expect(screen.getByRole('alert')).toHaveTextContent(error);
    expect(screen.queryByText(/ready to write/)).toBeNull();
    expect(screen.getByText('1 of 1 lines valid; the scrape job needs the fields marked above first')).toBeVisible();
    expect(output().dataset.ready).toBe('false');
    expect(output()).toHaveTextContent('Correct blackbox_exporter’s address above first.');
  });

  it('says the lines are ready once the address is valid again', async () => {
    render(<TargetBuilderPage />);
    await type('db-1.example.com:5432');
    const field = screen.getByRole('textbox', { name: /^blackbox_exporter address/ });
    await userEvent.clear(field);
    await userEvent.type(field, 'bb:9115');
    expect(field).toBeValid();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('1 of 1 lines ready to write')).toBeVisible();
    expect(output().dataset.ready).toBe('true');
  });

  it('repeats a pasted 200,000-character host name only in part', () => {
    render(<TargetBuilderPage />);
    fireEvent.change(screen.getByTestId(APP_TEST_IDS.targetInput), { target: { value: `${'h'.repeat(200_000)}:80` } });
    const [problem] = screen.getAllByTestId(APP_TEST_IDS.lineProblem);
    expect(problem).toHaveTextContent(/^Line 1: "h{59}…" is 200000 characters long, but a part of a host name/);
    expect((problem.textContent ?? '').length).toBeLessThan(200);
  });
});
