import { MAX_QUOTED, problemText, shortened } from './problemText';
import { parseTargets } from './targets/parseTargets';
import { exporterAddressProblems } from './targets/scrapeJobYaml';
import { ModuleName } from './targets/types';

/** The words of the first problem of a one-line input. */
function wordsFor(line: string, module: ModuleName): string {
  return problemText(parseTargets(line, module).lines[0].problems[0]);
}

describe('problemText', () => {
  it.each<[ModuleName, string, string]>([
    ['tcp_connect', '::1:80', 'an IPv6 address with a port needs brackets: write [::1]:80'],
    ['tcp_connect', '한국.kr:443', 'write the host name 한국.kr in its ASCII form: xn--3e0b707e.kr'],
    ['http_2xx', 'https://한국.kr/', 'write the host name 한국.kr in its ASCII form: xn--3e0b707e.kr'],
    [
      'dns',
      '::1:53',
      'an IPv6 address needs brackets here: write [::1]:53 for port 53, or [::1:53] for the address ::1:53',
    ],
    ['tcp_connect', 'fe80::1', 'tcp_connect needs a port, after the bracketed IPv6 address: [fe80::1]:port'],
    ['tcp_connect', '[::1]', 'tcp_connect needs a port, after the bracketed IPv6 address: [::1]:port'],
    ['http_2xx', 'http://fe80::1/x', 'an IPv6 address in a URL needs brackets: write http://[fe80::1]/x'],
    ['tcp_connect', 'https://x.com/a', 'tcp_connect takes host:port, not a URL: write x.com:443'],
    ['icmp', 'https://x.com/a', 'icmp takes a host only, not a URL: write x.com'],
    // The module the line is for is named, with the scheme's port, not http_2xx's schemes.
    ['tcp_connect', 'ftp://x.example', 'tcp_connect takes host:port, not a URL: write x.example:21'],
    ['tcp_connect', 'gopher://x.example', 'tcp_connect takes host:port, not a URL: write the host and its port'],
    ['http_2xx', 'ftp://x.example', 'ftp:// cannot be probed: http_2xx takes http:// and https://'],
    ['dns', 'http://ns1:5053', 'dns takes a DNS server, host or host:port, not a URL: write ns1'],
    [
      'tcp_connect',
      `db.${'a'.repeat(70)}.example:5432`,
      `"${'a'.repeat(59)}…" is 70 characters long, but a part of a host name between dots may have at most 63`,
    ],
  ])('%s: %s', (module, line, words) => {
    expect(wordsFor(line, module)).toBe(words);
  });

  it('repeats at most MAX_QUOTED characters of a long input', () => {
    const huge = `${'a'.repeat(200_000)}!`;
    const words = wordsFor(huge, 'icmp');
    expect(words).toBe(`"${'a'.repeat(MAX_QUOTED - 1)}…" is not a host name, an IP address or a URL`);
  });

  it('says how long a host name is and what the most is, without repeating it', () => {
    const name = Array.from({ length: 5 }, () => 'a'.repeat(60)).join('.');
    expect(wordsFor(name, 'icmp')).toBe('the host name is 304 characters long, but a host name may have at most 253');
  });

  it.each([
    ['', 'give blackbox_exporter’s address as host:port, such as 127.0.0.1:9115'],
    ['http://bb:9115/probe', '"http://bb:9115/probe" is not host:port: write bb:9115'],
    ['bb', '"bb" is not host:port: write bb:9115'],
    ['bb:99999', 'port 99999 is not a number from 1 to 65535'],
    ['::1:9115', 'an IPv6 address with a port needs brackets: write [::1]:9115'],
    ['bb 9115', '"bb 9115" is not host:port, such as 127.0.0.1:9115'],
  ])('words the exporter address %j', (address, words) => {
    expect(exporterAddressProblems(address).map(problemText)).toEqual([words]);
  });

  it.each([
    ['short', 'short'],
    ['x'.repeat(MAX_QUOTED), 'x'.repeat(MAX_QUOTED)],
    ['x'.repeat(MAX_QUOTED + 1), `${'x'.repeat(MAX_QUOTED - 1)}…`],
    // A cut between the two halves of 😀 would leave half a character.
    [`${'x'.repeat(MAX_QUOTED - 2)}😀😀`, `${'x'.repeat(MAX_QUOTED - 2)}…`],
  ])('shortens %j', (text, expected) => {
    expect(shortened(text)).toBe(expected);
  });
});
