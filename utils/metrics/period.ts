import { TZDateMini } from '@date-fns/tz';

/**
 * Days and instants. A period is whole calendar days in a time zone; an instant belongs to it
 * when it falls between 00:00 of the first day and 00:00 of the day after the last one, local
 * time. The zone arithmetic (which instant is local midnight, DST included) is @date-fns/tz's;
 * the calendar arithmetic on `YYYY-MM-DD` days is plain proleptic-Gregorian day numbers.
 */

/** Half-open `[start, end)` in epoch milliseconds. */
export interface Span {
  start: number;
  end: number;
}

const msPerDay = 86_400_000;
/** 400 Gregorian years: the calendar repeats after this many days. */
const daysPer400Years = 146_097;

/** Days since 1970-01-01 of a `YYYY-MM-DD` day (H. Hinnant's days_from_civil). */
export function dayNumber(date: string): number {
  const [y0, m, d] = date.split('-').map(Number) as [number, number, number];
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * daysPer400Years + doe - 719_468;
}

/** The `YYYY-MM-DD` day of a day number (civil_from_days). */
export function dayOf(n: number): string {
  const z = n + 719_468;
  const era = Math.floor(z / daysPer400Years);
  const doe = z - era * daysPer400Years;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const pad = (v: number, width: number) => String(v).padStart(width, '0');
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

export const addDays = (date: string, days: number): string => dayOf(dayNumber(date) + days);

/**
 * The instant local midnight begins `date` in `tz` (or, where the zone skips midnight, the
 * first instant of that day).
 */
export function dayStart(date: string, tz: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // Date's constructors read years 0-99 as 1900-1999: build four centuries later, where
  // zones keep the same (local mean time) offset, and step back.
  if (y < 100) return new TZDateMini(y + 400, m - 1, d, tz).getTime() - daysPer400Years * msPerDay;
  return new TZDateMini(y, m - 1, d, tz).getTime();
}

/** From 00:00 of `from` to the end of `to`, local time in `tz`. */
export function daySpan(from: string, to: string, tz: string): Span {
  return { start: dayStart(from, tz), end: dayStart(addDays(to, 1), tz) };
}

/** Whether an ISO timestamp (or epoch ms) falls in the span. */
export function within(span: Span, at: string | number): boolean {
  const t = typeof at === 'number' ? at : Date.parse(at);
  return t >= span.start && t < span.end;
}

/**
 * How much of the span has passed at `now`, from 0 to 1: a span in the past counts fully
 * elapsed, one in the future not at all.
 */
export function elapsedShare(span: Span, now: number): number {
  if (now >= span.end) return 1;
  if (now <= span.start) return 0;
  return (now - span.start) / (span.end - span.start);
}

export const hoursBetween = (from: number, to: number): number => (to - from) / 3_600_000;
