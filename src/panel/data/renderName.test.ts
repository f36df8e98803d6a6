import { isDefaultNameTemplate, renderName } from './renderName';

describe('renderName', () => {
  const labels = { instance: '10.0.0.5:8080', job: 'blackbox', module: 'http_2xx', empty: '' };

  it.each<[string, string]>([
    ['{{instance}}', '10.0.0.5:8080'],
    ['{{ instance }}', '10.0.0.5:8080'],
    ['{{job}} / {{instance}}', 'blackbox / 10.0.0.5:8080'],
    ['{{missing}} {{instance}}', '10.0.0.5:8080'],
    ['  {{module}}\t\n{{empty}}  x ', 'http_2xx x'],
    ['{{missing}}', ''],
    ['plain', 'plain'],
    ['{{constructor}}', ''],
    ['{instance}', '{instance}'],
  ])('%j -> %j', (template, name) => {
    expect(renderName(template, labels)).toBe(name);
  });

  it('inserts label values as they are, markup included', () => {
    expect(renderName('{{owner}}', { owner: '<b onclick="x()">&lt;</b>' })).toBe('<b onclick="x()">&lt;</b>');
  });

  it('does not expand placeholders found inside label values', () => {
    expect(renderName('{{a}}', { a: '{{b}}', b: 'no' })).toBe('{{b}}');
  });

  it.each<[string, boolean]>([
    ['{{instance}}', true],
    [' {{instance}} ', true],
    ['', true],
    ['{{ instance }} up', false],
    ['{{job}}', false],
  ])('%j is the default template: %s', (template, expected) => {
    expect(isDefaultNameTemplate(template)).toBe(expected);
  });
});
