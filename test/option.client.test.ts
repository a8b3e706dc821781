/**
 * --client on fixtures/reports/errors-basic.log (14 records; record n is line n + 4).
 * Clients in 192.0.2.*: records 1, 2, 4, 6, 9, 10, 12, 14; 198.51.100.7: records 3, 5.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, compileFilter, fileSource, type FilterSpec } from '../src/index.js';

const basic = join(import.meta.dirname, '..', 'fixtures', 'reports', 'errors-basic.log');
const kept = async (spec: FilterSpec): Promise<number> => {
  const report = await analyse([fileSource(basic)], { filter: compileFilter(spec) });
  return report.input.records - report.input.filteredOut;
};

describe('--client', () => {
  it('keeps records from the named addresses or globs', async () => {
    expect(await kept({ client: ['192.0.2.*'] })).toBe(8);
    expect(await kept({ client: ['198.51.100.7'] })).toBe(2);
    expect(await kept({ client: ['198.51.100.7', '10.1.1.1'] })).toBe(3);
  });
});

describe('--client CIDR ranges', () => {
  it('keeps records whose client is inside an IPv4 range', async () => {
    expect(await kept({ client: ['192.0.2.0/24'] })).toBe(8);
    expect(await kept({ client: ['198.51.100.0/29'] })).toBe(2);
    expect(await kept({ client: ['198.51.100.8/32'] })).toBe(1);
    expect(await kept({ client: ['10.0.0.0/8', '198.51.100.7'] })).toBe(3);
    expect(await kept({ client: ['0.0.0.0/0'] })).toBe(14);
  });

  it('matches IPv6 ranges, zone ids, ports, and IPv4-mapped addresses against IPv4 ranges', () => {
    const test = (client: string, range: string): boolean => compileFilter({ client: [range] })!.test({ 'c-ip': client });
    expect(test('2001:db8:85a3::8a2e:370:7334', '2001:db8::/32')).toBe(true);
    expect(test('2001:db9::1', '2001:db8::/32')).toBe(false);
    expect(test('fe80::1%12', 'fe80::/10')).toBe(true);
    expect(test('[2001:db8::5]:443', '2001:db8::/64')).toBe(true);
    expect(test('::ffff:10.1.2.3', '10.0.0.0/8')).toBe(true);
    expect(test('10.1.2.3:51234', '10.1.0.0/16')).toBe(true);
    expect(test('10.1.2.3', '2001:db8::/32')).toBe(false);
    expect(test('not-an-ip', '10.0.0.0/8')).toBe(false);
  });

  it('a malformed range is a usage error, not a glob that matches nothing', () => {
    for (const bad of ['10.0.0.0/33', '10.1.2.0/24x', '300.0.0.0/8', '/8'])
      expect(() => compileFilter({ client: [bad] })).toThrow(/--client takes addresses, globs or CIDR ranges/);
  });
});
