import { hostOf, hostOfAddress } from './hostOfAddress';

describe('hostOfAddress', () => {
  it.each([
    ['targets:8080', 'targets'],
    ['http://targets:5000/health', 'targets'],
    ['https://user:secret@shop.example/cart?x=1', 'shop.example'],
    ['http://127.0.0.1:8081?notify=ops@10.0.0.9', '127.0.0.1'],
    ['https://shop.example#ops@other.example', 'shop.example'],
    ['https://shop.example', 'shop.example'],
    ['10.0.0.5:443', '10.0.0.5'],
    ['[::1]:80', '::1'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['2001:db8::1', '2001:db8::1'],
    ['db.example', 'db.example'],
    ['  web:80 ', 'web'],
  ])('%s -> %s', (address, host) => {
    expect(hostOfAddress(address)).toBe(host);
  });
});

describe('hostOf', () => {
  it('prefers the host label, else takes the instance apart', () => {
    expect(hostOf({ instance: 'web:80', host: 'web-1' })).toBe('web-1');
    expect(hostOf({ instance: 'web:80', host: '' })).toBe('web');
    expect(hostOf({ job: 'x' })).toBeUndefined();
  });

  it('gives the spellings of one host one name: case and a trailing dot', () => {
    expect(hostOf({ instance: 'DB.Example.com.:5432' })).toBe('db.example.com');
    expect(hostOf({ instance: 'x:1', host: 'Web-1.' })).toBe('web-1');
    expect(hostOf({ instance: '[2001:DB8::1]:443' })).toBe('2001:db8::1');
  });
});
