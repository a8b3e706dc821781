/**
 * Local wall-clock times to UTC: fixed offsets, and named zones whose offset follows daylight
 * saving time, including the hour a change skips (spring) and the hour it repeats (autumn).
 */
import { describe, expect, it } from 'vitest';
import { fixedOffset, isTimeZone, localTimeOf, namedZone } from '../parsers/local-time.js';

const wall = (iso: string): number => Date.parse(`${iso}Z`);

describe('local time', () => {
  it('a fixed offset subtracts the same amount all year', () => {
    const berlinWinter = fixedOffset(60);
    expect(berlinWinter.toUtc(wall('2021-07-01T12:00:00'))).toBe(Date.parse('2021-07-01T11:00:00Z'));
    expect(berlinWinter.label).toBe('at UTC+01:00');
    expect(fixedOffset(-330).toUtc(wall('2021-01-01T00:00:00'))).toBe(Date.parse('2021-01-01T05:30:00Z'));
  });

  it('Europe/Berlin: UTC+1 in winter, UTC+2 in summer', () => {
    const berlin = namedZone('Europe/Berlin');
    expect(berlin.toUtc(wall('2021-01-15T12:00:00'))).toBe(Date.parse('2021-01-15T11:00:00Z'));
    expect(berlin.toUtc(wall('2021-07-15T12:00:00'))).toBe(Date.parse('2021-07-15T10:00:00Z'));
  });

  it('America/New_York around the March change (02:00 → 03:00 on 2021-03-14)', () => {
    const ny = namedZone('America/New_York');
    expect(ny.toUtc(wall('2021-03-14T01:59:59'))).toBe(Date.parse('2021-03-14T06:59:59Z'));
    expect(ny.toUtc(wall('2021-03-14T03:00:00'))).toBe(Date.parse('2021-03-14T07:00:00Z'));
    // 02:30 does not exist that day; it is read with one of the two offsets, never dropped.
    expect([Date.parse('2021-03-14T06:30:00Z'), Date.parse('2021-03-14T07:30:00Z')]).toContain(ny.toUtc(wall('2021-03-14T02:30:00')));
  });

  it('America/New_York around the November change (02:00 → 01:00 on 2021-11-07)', () => {
    const ny = namedZone('America/New_York');
    expect(ny.toUtc(wall('2021-11-07T00:59:59'))).toBe(Date.parse('2021-11-07T04:59:59Z'));
    expect(ny.toUtc(wall('2021-11-07T02:00:00'))).toBe(Date.parse('2021-11-07T07:00:00Z'));
    // 01:30 happens twice; either reading is a real instant of that wall time.
    expect([Date.parse('2021-11-07T05:30:00Z'), Date.parse('2021-11-07T06:30:00Z')]).toContain(ny.toUtc(wall('2021-11-07T01:30:00')));
  });

  it('a half-hour zone with its own daylight saving (Australia/Adelaide: +9:30 / +10:30)', () => {
    const adelaide = namedZone('Australia/Adelaide');
    expect(adelaide.toUtc(wall('2021-07-01T12:00:00'))).toBe(Date.parse('2021-07-01T02:30:00Z'));
    expect(adelaide.toUtc(wall('2021-01-01T12:00:00'))).toBe(Date.parse('2021-01-01T01:30:00Z'));
  });

  it('knows zone names, and picks fixed or named from plain options', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(localTimeOf({ localOffsetMinutes: 120 }).label).toBe('at UTC+02:00');
    expect(localTimeOf({ timeZone: 'Asia/Tokyo', localOffsetMinutes: 120 }).label).toBe('in Asia/Tokyo, daylight saving time applied');
    expect(localTimeOf({}).toUtc(5)).toBe(5);
  });
});
