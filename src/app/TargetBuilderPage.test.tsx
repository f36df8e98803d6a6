import { render, screen, within } from '@testing-library/react';
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
    expect(JSON.parse(within(output()).getByText(/targets/).textContent ?? '')).toEqual([
      { targets: ['10.0.0.5:8080'], labels: { env: 'prod', module: 'tcp_connect' } },
    ]);
    await userEvent.click(screen.getByRole('tab', { name: 'Blackbox module' }));
    expect(output()).toHaveTextContent('Every blackbox_exporter has this module already');
  });
});
