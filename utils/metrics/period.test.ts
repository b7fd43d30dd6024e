import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, dayOf, daySpan, dayStart, elapsedShare, within } from './period';

const iso = (ms: number) => new Date(ms).toISOString();
const hours = (span: { start: number; end: number }) => (span.end - span.start) / 3_600_000;

describe('calendar days', () => {
  it('numbers days like Date.UTC does, leap days included', () => {
    for (const day of ['1970-01-01', '2000-02-29', '2024-02-29', '2026-03-29', '2100-03-01', '1969-12-31', '1900-02-28']) {
      const utc = Date.parse(`${day}T00:00:00Z`) / 86_400_000;
      expect(dayNumber(day)).toBe(utc);
      expect(dayOf(utc)).toBe(day);
    }
  });

  it('round-trips every day of four centuries and steps over month and year ends', () => {
    const first = dayNumber('1800-01-01');
    for (let n = first; n < first + 146_097; n += 7) expect(dayNumber(dayOf(n))).toBe(n);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('0001-01-01', -1)).toBe('0000-12-31');
    expect(addDays('9999-12-31', 1)).toBe('10000-01-01');
  });
});

describe('days in a time zone', () => {
  it('starts a day at local midnight', () => {
    expect(iso(dayStart('2026-03-31', 'UTC'))).toBe('2026-03-31T00:00:00.000Z');
    expect(iso(dayStart('2026-03-31', 'America/Los_Angeles'))).toBe('2026-03-31T07:00:00.000Z');
    expect(iso(dayStart('2026-03-31', 'Asia/Tokyo'))).toBe('2026-03-30T15:00:00.000Z');
    expect(iso(dayStart('2026-01-01', 'Asia/Kathmandu'))).toBe('2025-12-31T18:15:00.000Z');
  });

  it('gives Europe/Berlin 23 hours on 2026-03-29 and 25 on 2026-10-25', () => {
    expect(hours(daySpan('2026-03-29', '2026-03-29', 'Europe/Berlin'))).toBe(23);
    expect(hours(daySpan('2026-10-25', '2026-10-25', 'Europe/Berlin'))).toBe(25);
    expect(hours(daySpan('2026-03-28', '2026-03-30', 'Europe/Berlin'))).toBe(71);
    expect(iso(dayStart('2026-03-30', 'Europe/Berlin'))).toBe('2026-03-29T22:00:00.000Z');
  });

  it('starts a day whose midnight is skipped at its first instant (America/Santiago, 2026-09-06)', () => {
    expect(iso(dayStart('2026-09-06', 'America/Santiago'))).toBe('2026-09-06T04:00:00.000Z');
    expect(hours(daySpan('2026-09-06', '2026-09-06', 'America/Santiago'))).toBe(23);
  });

  it('reads years before 100 as those years, not as 19xx', () => {
    expect(iso(dayStart('0050-06-15', 'UTC'))).toBe('0050-06-15T00:00:00.000Z');
    expect(hours(daySpan('0099-12-31', '0100-01-01', 'UTC'))).toBe(48);
  });

  it('holds an instant from the first moment of the period up to, not including, the next day', () => {
    const span = daySpan('2026-03-01', '2026-03-31', 'UTC');
    expect(within(span, '2026-03-01T00:00:00Z')).toBe(true);
    expect(within(span, '2026-03-31T23:59:59.999Z')).toBe(true);
    expect(within(span, '2026-04-01T00:00:00Z')).toBe(false);
    expect(within(span, '2026-02-28T23:59:59.999Z')).toBe(false);
    expect(within(span, '2026-04-01T01:00:00+02:00')).toBe(true); // 23:00 UTC on the 31st
  });

  it('says how much of a span has passed, a past one fully and a future one not at all', () => {
    const span = daySpan('2026-03-01', '2026-03-10', 'UTC');
    expect(elapsedShare(span, Date.parse('2026-02-01T00:00:00Z'))).toBe(0);
    expect(elapsedShare(span, Date.parse('2026-03-06T00:00:00Z'))).toBe(0.5);
    expect(elapsedShare(span, Date.parse('2026-03-11T00:00:00Z'))).toBe(1);
    expect(elapsedShare(span, Date.parse('2027-01-01T00:00:00Z'))).toBe(1);
  });
});
