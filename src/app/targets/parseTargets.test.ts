import { parseTargets } from './parseTargets';
import { ModuleName, Problem, PROBLEM_CODES } from './types';

const only = (text: string, module: ModuleName) => parseTargets(text, module).lines[0];

describe('parseTargets: what each module makes of an address', () => {
  it.each<[ModuleName, string, string, string]>([
    // [module, line, address written, host label]
    ['tcp_connect', 'db:5432', 'db:5432', 'db'],
    ['tcp_connect', 'DB.Example.com:5432', 'DB.Example.com:5432', 'db.example.com'],
    ['tcp_connect', '10.0.0.5:443', '10.0.0.5:443', '10.0.0.5'],
    ['tcp_connect', '[::1]:80', '[::1]:80', '::1'],
    ['tcp_connect', '[2001:db8::1]:65535', '[2001:db8::1]:65535', '2001:db8::1'],
    ['tcp_connect', 'my_host:1', 'my_host:1', 'my_host'],
    ['http_2xx', 'https://shop.example/cart?id=1&x=a,b', 'https://shop.example/cart?id=1&x=a,b', 'shop.example'],
    // blackbox_exporter never sends a #fragment: the instance shows what is probed.
    ['http_2xx', 'http://[::1]:8080/health#top', 'http://[::1]:8080/health', '::1'],
    ['http_2xx', 'https://shop.example/#/cart?x=1', 'https://shop.example/', 'shop.example'],
    // blackbox_exporter knows the scheme in lower case only: HTTP:// as written would fail every probe.
    ['http_2xx', 'HTTP://web:80', 'http://web:80', 'web'],
    ['http_2xx', 'HTTP://127.0.0.1:5000/status', 'http://127.0.0.1:5000/status', '127.0.0.1'],
    // The host label as the relabelling writes it: lower case, no trailing dot (Alertmanager's
    // inhibition matches it exactly).
    ['http_2xx', 'Https://Web.Example/Path', 'https://Web.Example/Path', 'web.example'],
    ['tcp_connect', 'DB.Example.com.:5432', 'DB.Example.com.:5432', 'db.example.com'],
    ['icmp', '2001:DB8::1', '2001:DB8::1', '2001:db8::1'],
    // No scheme: http:// is written in front, as blackbox_exporter would assume.
    ['http_2xx', 'web:8080', 'http://web:8080', 'web'],
    ['http_2xx', 'web/health?full=1', 'http://web/health?full=1', 'web'],
    ['http_2xx', '[::1]:80', 'http://[::1]:80', '::1'],
    ['icmp', 'gateway', 'gateway', 'gateway'],
    // 63 characters between dots is the most a host name allows, and allowed.
    ['icmp', `${'a'.repeat(63)}.example`, `${'a'.repeat(63)}.example`, `${'a'.repeat(63)}.example`],
    ['icmp', '192.168.0.1', '192.168.0.1', '192.168.0.1'],
    ['icmp', '2001:db8::1', '2001:db8::1', '2001:db8::1'],
    // The ICMP prober resolves its target as given: brackets would make it fail.
    ['icmp', '[2001:db8::1]', '2001:db8::1', '2001:db8::1'],
    ['dns', 'ns1.example:5053', 'ns1.example:5053', 'ns1.example'],
    // Always with a port: bare, a dns target has the instance of an icmp probe of the same host, and
    // the panel merges the two into one tile.
    ['dns', 'ns1.example', 'ns1.example:53', 'ns1.example'],
    ['dns', '8.8.8.8', '8.8.8.8:53', '8.8.8.8'],
    ['dns', '2001:4860:4860::8888', '[2001:4860:4860::8888]:53', '2001:4860:4860::8888'],
    ['dns', '[::1]', '[::1]:53', '::1'],
    ['dns', '[::1]:53', '[::1]:53', '::1'],
  ])('%s reads %s as %s (host %s)', (module, line, address, host) => {
    const result = only(line, module);
    expect(result.problems).toEqual([]);
    expect(result.target).toMatchObject({ line: 1, address, host, module, labels: {} });
  });
});

const problemRows: Array<[ModuleName, string, Problem[]]> = [
  ['tcp_connect', 'db', [{ code: 'missing-port', params: { module: 'tcp_connect' } }]],
  // An IPv6 address's port goes after its brackets: the problem shows where.
  ['tcp_connect', '[::1]', [{ code: 'missing-port', params: { module: 'tcp_connect', address: '[::1]' } }]],
  ['tcp_connect', 'fe80::1', [{ code: 'missing-port', params: { module: 'tcp_connect', address: '[fe80::1]' } }]],
  ['tcp_connect', 'db:0', [{ code: 'invalid-port', params: { port: '0' } }]],
  ['tcp_connect', 'db:65536', [{ code: 'invalid-port', params: { port: '65536' } }]],
  ['tcp_connect', 'db:http', [{ code: 'invalid-port', params: { port: 'http' } }]],
  ['tcp_connect', 'db:', [{ code: 'invalid-port', params: { port: '' } }]],
  ['http_2xx', 'http://web:99999/', [{ code: 'invalid-port', params: { port: '99999' } }]],
  [
    'tcp_connect',
    '2001:db8::1',
    [{ code: 'missing-port', params: { module: 'tcp_connect', address: '[2001:db8::1]' } }],
  ],
  // Eight groups leave no group over for a port.
  [
    'tcp_connect',
    '2001:db8:0:0:0:0:1:80',
    [{ code: 'missing-port', params: { module: 'tcp_connect', address: '[2001:db8:0:0:0:0:1:80]' } }],
  ],
  // Where a port may follow, the last group of ::1:80 reads as the port of ::1.
  [
    'tcp_connect',
    '::1:80',
    [{ code: 'ipv6-without-brackets', params: { address: '::1:80', suggestion: '[::1]:80', port: '80' } }],
  ],
  [
    'tcp_connect',
    '2001:db8::1:8080',
    [
      {
        code: 'ipv6-without-brackets',
        params: { address: '2001:db8::1:8080', suggestion: '[2001:db8::1]:8080', port: '8080' },
      },
    ],
  ],
  [
    'http_2xx',
    '2001:db8::1',
    [{ code: 'ipv6-without-brackets', params: { address: '2001:db8::1', suggestion: '[2001:db8::1]' } }],
  ],
  [
    'http_2xx',
    'http://2001:db8::1/x',
    [{ code: 'ipv6-without-brackets', params: { address: '2001:db8::1', suggestion: 'http://[2001:db8::1]/x' } }],
  ],
  [
    'http_2xx',
    'https://::1:8443/health',
    [
      {
        code: 'ipv6-without-brackets',
        params: { address: '::1:8443', suggestion: 'https://[::1]:8443/health', port: '8443' },
      },
    ],
  ],
  ['tcp_connect', '-web:80', [{ code: 'invalid-address', params: { address: '-web:80' } }]],
  ['tcp_connect', 'web..example:80', [{ code: 'invalid-address', params: { address: 'web..example:80' } }]],
  ['tcp_connect', '10.0.0.300:80', [{ code: 'invalid-address', params: { address: '10.0.0.300:80' } }]],
  ['tcp_connect', '[not:an:ip]:80', [{ code: 'invalid-address', params: { address: '[not:an:ip]:80' } }]],
  ['icmp', 'fe80::1%eth0', [{ code: 'invalid-address', params: { address: 'fe80::1%eth0' } }]],
  // An internationalised name is a host name, written in its ASCII form (punycode) for DNS.
  [
    'icmp',
    'caf\u00e9.example',
    [{ code: 'non-ascii-host', params: { host: 'caf\u00e9.example', ascii: 'xn--caf-dma.example' } }],
  ],
  ['icmp', 'caf\u00e9!.example', [{ code: 'invalid-address', params: { address: 'caf\u00e9!.example' } }]],
  ['tcp_connect', 'web/x:80', [{ code: 'invalid-address', params: { address: 'web/x:80' } }]],
  ['icmp', '"two words"', [{ code: 'invalid-address', params: { address: 'two words' } }]],
  [
    'tcp_connect',
    `svc.${'a'.repeat(70)}.example:80`,
    [{ code: 'host-label-too-long', params: { label: 'a'.repeat(70), length: 70 } }],
  ],
  [
    'icmp',
    Array.from({ length: 5 }, () => 'a'.repeat(60)).join('.'),
    [{ code: 'host-name-too-long', params: { length: 304 } }],
  ],
  ['icmp', 'gateway:22', [{ code: 'unexpected-port', params: { module: 'icmp', port: '22' } }]],
  [
    'tcp_connect',
    'http://web:8080/health',
    [{ code: 'unexpected-url', params: { module: 'tcp_connect', suggestion: 'web:8080' } }],
  ],
  [
    'tcp_connect',
    'https://web',
    [{ code: 'unexpected-url', params: { module: 'tcp_connect', suggestion: 'web:443' } }],
  ],
  ['icmp', 'http://[::1]:80/', [{ code: 'unexpected-url', params: { module: 'icmp', suggestion: '::1' } }]],
  ['dns', 'http://ns1:5053', [{ code: 'unexpected-url', params: { module: 'dns', suggestion: 'ns1' } }]],
  // An IPv6 address that ends like a port: ::1 on port 53, or the address ::1:53? Brackets say which.
  [
    'dns',
    '::1:53',
    [
      {
        code: 'ipv6-without-brackets',
        params: { address: '::1:53', suggestion: '[::1]:53', port: '53', whole: '[::1:53]' },
      },
    ],
  ],
  ['http_2xx', 'ftp://files.example/', [{ code: 'unsupported-scheme', params: { scheme: 'ftp' } }]],
  // Another module than http_2xx is told what to write, not that http_2xx takes http:// only.
  [
    'tcp_connect',
    'tcp://db:5432',
    [{ code: 'unexpected-url', params: { module: 'tcp_connect', suggestion: 'db:5432' } }],
  ],
  [
    'tcp_connect',
    'ftp://x.example',
    [{ code: 'unexpected-url', params: { module: 'tcp_connect', suggestion: 'x.example:21' } }],
  ],
  [
    'tcp_connect',
    'SSH://x.example/',
    [{ code: 'unexpected-url', params: { module: 'tcp_connect', suggestion: 'x.example:22' } }],
  ],
  [
    'tcp_connect',
    'smtp://[::1]',
    [{ code: 'unexpected-url', params: { module: 'tcp_connect', suggestion: '[::1]:25' } }],
  ],
  // No known port for the scheme: nothing to suggest but where the port goes.
  ['tcp_connect', 'gopher://x.example', [{ code: 'unexpected-url', params: { module: 'tcp_connect' } }]],
  ['icmp', 'ftp://x.example', [{ code: 'unexpected-url', params: { module: 'icmp', suggestion: 'x.example' } }]],
  ['http_2xx', 'https://admin:secret@shop.example/', [{ code: 'url-credentials' }]],
  ['http_2xx', 'admin@shop.example', [{ code: 'url-credentials' }]],
  ['tcp_connect', 'db:5432 team="storage', [{ code: 'unterminated-quote' }]],
  ['tcp_connect', 'db:5432 production', [{ code: 'not-a-label', params: { text: 'production' } }]],
  ['tcp_connect', 'db:5432 service-name=db', [{ code: 'invalid-label-name', params: { name: 'service-name' } }]],
  ['tcp_connect', 'db:5432 1st=db', [{ code: 'invalid-label-name', params: { name: '1st' } }]],
  ['tcp_connect', 'db:5432 =db', [{ code: 'invalid-label-name', params: { name: '' } }]],
  ['tcp_connect', 'db:5432 __meta_x=1', [{ code: 'internal-label', params: { name: '__meta_x' } }]],
  ['tcp_connect', 'db:5432 instance=db', [{ code: 'reserved-label', params: { name: 'instance' } }]],
  ['tcp_connect', 'db:5432 job=x', [{ code: 'reserved-label', params: { name: 'job' } }]],
  ['tcp_connect', 'db:5432 host=db-1', [{ code: 'reserved-label', params: { name: 'host' } }]],
  ['tcp_connect', 'db:5432 module=http_2xx', [{ code: 'reserved-label', params: { name: 'module' } }]],
  ['tcp_connect', 'db:5432 __proto__=x', [{ code: 'internal-label', params: { name: '__proto__' } }]],
  ['tcp_connect', 'db:5432 env=a env=b', [{ code: 'duplicate-label', params: { name: 'env' } }]],
  ['tcp_connect', 'db:5432 env=', [{ code: 'empty-label-value', params: { name: 'env' } }]],
  ['tcp_connect', 'db:5432 env=""', [{ code: 'empty-label-value', params: { name: 'env' } }]],
  ['tcp_connect', 'db:5432 env=\ud800', [{ code: 'invalid-label-value', params: { name: 'env' } }]],
  // Every problem of a line at once.
  [
    'tcp_connect',
    'db env= Team=x',
    [
      { code: 'missing-port', params: { module: 'tcp_connect' } },
      { code: 'empty-label-value', params: { name: 'env' } },
    ],
  ],
];

describe('parseTargets: problems, as codes with params', () => {
  it.each(problemRows)('%s: %s', (module, line, problems) => {
    expect(only(line, module)).toEqual({ line: 1, problems });
    expect(parseTargets(line, module).targets).toEqual([]);
  });

  it('has a row for every problem code a line can have', () => {
    const lineCodes = PROBLEM_CODES.filter(
      (c) => !c.includes('job-name') && !c.includes('exporter-address') && c !== 'duplicate-target'
    );
    const covered = new Set(problemRows.flatMap(([, , problems]) => problems.map((p) => p.code)));
    expect(lineCodes.filter((c) => !covered.has(c))).toEqual([]);
  });
});

describe('parseTargets: duplicates', () => {
  it.each<[ModuleName, string, string]>([
    ['tcp_connect', 'db:5432', 'db:5432'],
    ['tcp_connect', 'db:5432', 'DB:05432'],
    ['tcp_connect', '[::1]:80', '[0:0::1]:80'],
    ['http_2xx', 'http://web/', 'http://WEB:80'],
    ['http_2xx', 'web:8080', 'http://web:8080/'],
    ['icmp', 'gateway', 'gateway.'],
    ['dns', 'ns1', 'ns1:53'],
    ['dns', '::1', '[::1]:53'],
    ['http_2xx', 'http://web/a#top', 'http://web/a'],
    ['http_2xx', 'HTTP://web/a', 'http://web/a'],
  ])('%s: %s then %s', (module, first, second) => {
    const result = parseTargets(`${first} env=a\n\n${second} env=b`, module);
    expect(result.lines[1]).toEqual({ line: 3, problems: [{ code: 'duplicate-target', params: { line: 1 } }] });
    expect(result.targets.map((t) => t.line)).toEqual([1]);
  });

  it('takes a target again after a line of it that was rejected, since that line wrote nothing', () => {
    const result = parseTargets('10.0.0.5:22 job=x\n10.0.0.5:22', 'tcp_connect');
    expect(result.lines[0].problems).toEqual([{ code: 'reserved-label', params: { name: 'job' } }]);
    expect(result.lines[1]).toMatchObject({ line: 2, problems: [] });
    expect(result.targets.map((t) => t.line)).toEqual([2]);
  });

  it.each<[ModuleName, string, string]>([
    ['tcp_connect', 'db:5432', 'db:5433'],
    ['http_2xx', 'http://web/', 'https://web/'],
    ['http_2xx', 'http://web/a', 'http://web/b'],
    ['dns', 'ns1', 'ns1:5053'],
  ])('%s: %s and %s are two targets', (module, first, second) => {
    expect(parseTargets(`${first}\n${second}`, module).targets).toHaveLength(2);
  });
});

describe('parseTargets: lines and labels', () => {
  it.each<[string, string, Record<string, string>]>([
    ['spaces', 'db:5432 service_name=db env=prod', { service_name: 'db', env: 'prod' }],
    ['commas', 'db:5432,service_name=db, env=prod,', { service_name: 'db', env: 'prod' }],
    ['tabs', 'db:5432\tteam=storage', { team: 'storage' }],
    [
      'double quotes',
      'db:5432 service_name="main db, primary" note="a=b"',
      { service_name: 'main db, primary', note: 'a=b' },
    ],
    ['escapes', 'db:5432 note="say \\"hi\\" \\\\ bye"', { note: 'say "hi" \\ bye' }],
    ['single quotes', 'db:5432 note=\'it is "fine"\'', { note: 'it is "fine"' }],
    ['unicode', 'db:5432 team=스토리지', { team: '스토리지' }],
    ['a # inside a value', 'db:5432 ticket=#42', { ticket: '#42' }],
    ['a comment after the labels', 'db:5432 env=prod # old box', { env: 'prod' }],
    ['a quoted address', '"db:5432" env=prod', { env: 'prod' }],
  ])('%s', (_, line, labels) => {
    const [target] = parseTargets(line, 'tcp_connect').targets;
    expect(target.address).toBe('db:5432');
    expect(target.labels).toEqual(labels);
  });

  // Quotes were once read as quoting inside the URL too, and `up{job="x"}` became `up{job=x}`: a
  // probe of another URL, answered 400.
  it.each([
    [
      'http://prom:9090/api/v1/query?query=up{job="blackbox"}',
      'http://prom:9090/api/v1/query?query=up{job="blackbox"}',
    ],
    ["http://web/search?q='a'", "http://web/search?q='a'"],
    ['http://web/a"b"c', 'http://web/a"b"c'],
    // A quoted URL is still unquoted.
    ['"http://web/a?b=1"', 'http://web/a?b=1'],
    // Without the scheme, which http_2xx adds.
    ['prom:9090/api/v1/query?query=up{job="blackbox"}', 'http://prom:9090/api/v1/query?query=up{job="blackbox"}'],
  ])('keeps the quotes of an unquoted URL: %s', (line, address) => {
    const result = parseTargets(`${line} env=prod`, 'http_2xx');
    expect(result.lines[0].target?.address ?? result.lines[0].problems).toBe(address);
  });

  it('ends an unquoted URL at a space only, so commas stay in its query', () => {
    const [target] = parseTargets('http://web/?a=1,2, env=prod', 'http_2xx').targets;
    expect([target.address, target.labels]).toEqual(['http://web/?a=1,2', { env: 'prod' }]);
  });

  it('numbers lines as the text has them, whatever the line endings, skipping blanks and comments', () => {
    const text = '\ufeff# databases\r\ndb1:5432\r\n\r\n   \r\n  # db2:5432 retired\rdb3:5432\ndb4:5432\r\n';
    const result = parseTargets(text, 'tcp_connect');
    expect(result.lines.map((l) => [l.line, l.target?.address])).toEqual([
      [2, 'db1:5432'],
      [6, 'db3:5432'],
      [7, 'db4:5432'],
    ]);
  });

  it('merges default labels under the line’s own', () => {
    const result = parseTargets('db:5432 env=staging\ncache:6379', 'tcp_connect', {
      labels: { env: 'prod', team: 'storage' },
    });
    expect(result.targets.map((t) => t.labels)).toEqual([
      { env: 'staging', team: 'storage' },
      { env: 'prod', team: 'storage' },
    ]);
  });

  it('writes nothing while a default label is invalid, and says which', () => {
    const result = parseTargets('db:5432', 'tcp_connect', { labels: { 'team-name': 'x', env: 'prod', job: 'y' } });
    expect(result.defaultProblems).toEqual([
      { code: 'invalid-label-name', params: { name: 'team-name' } },
      { code: 'reserved-label', params: { name: 'job' } },
    ]);
    expect(result.targets).toEqual([]);
    // The line itself is fine, and its target holds only the valid defaults.
    expect(result.lines[0].target?.labels).toEqual({ env: 'prod' });
  });

  it('keeps a label named like an Object.prototype member as a plain label', () => {
    const [target] = parseTargets('db:5432 constructor=x toString=y', 'tcp_connect').targets;
    expect(Object.entries(target.labels)).toEqual([
      ['constructor', 'x'],
      ['toString', 'y'],
    ]);
  });
});
