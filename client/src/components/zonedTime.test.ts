import { describe, expect, it } from 'vitest';
import { instantToZonedLocal, zonedLocalToInstant } from './zonedTime.ts';

describe('a wall-clock reading on the summit’s clock', () => {
  it.each([
    ['2027-03-15T10:00', 'Asia/Tokyo', '2027-03-15T01:00:00.000Z'],
    ['2027-03-15T00:30', 'Asia/Tokyo', '2027-03-14T15:30:00.000Z'],
    ['2027-02-10T09:00', 'Africa/Addis_Ababa', '2027-02-10T06:00:00.000Z'],
    ['2027-07-01T12:00', 'America/Lima', '2027-07-01T17:00:00.000Z'],
    ['2027-07-01T12:00', 'Asia/Kolkata', '2027-07-01T06:30:00.000Z'],
    ['2027-01-01T00:00', 'UTC', '2027-01-01T00:00:00.000Z'],
    // Summer and winter time in the same zone.
    ['2027-07-01T12:00', 'Europe/Paris', '2027-07-01T10:00:00.000Z'],
    ['2027-12-01T12:00', 'Europe/Paris', '2027-12-01T11:00:00.000Z'],
  ])('%s in %s is %s', (local, zone, iso) => {
    const instant = zonedLocalToInstant(local, zone);
    expect(instant?.toISOString()).toBe(iso);
    expect(instantToZonedLocal(instant as Date, zone)).toBe(local);
  });

  it('resolves a time skipped by the spring change to just after the gap', () => {
    // Paris clocks jump from 02:00 to 03:00 on 28 March 2027.
    expect(zonedLocalToInstant('2027-03-28T02:30', 'Europe/Paris')?.toISOString()).toBe(
      '2027-03-28T01:30:00.000Z',
    );
  });

  it('takes the first of the two readings in the autumn change', () => {
    // 02:30 happens twice in Paris on 31 October 2027; the first is summer time.
    expect(zonedLocalToInstant('2027-10-31T02:30', 'Europe/Paris')?.toISOString()).toBe(
      '2027-10-31T00:30:00.000Z',
    );
  });

  it.each(['', '2027-03-15', '2027-03-15 10:00', 'tomorrow'])('refuses %j', (text) => {
    expect(zonedLocalToInstant(text, 'Asia/Tokyo')).toBeUndefined();
  });
});
