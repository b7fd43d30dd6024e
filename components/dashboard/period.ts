/**
 * The dashboard's period: whole days in the browser's time zone, chosen with From/To dates or
 * a preset. Days are `YYYY-MM-DD` strings; arithmetic on them is done in UTC so no time zone
 * or daylight-saving change can shift a day.
 */

export interface Period {
  from: string;
  to: string;
}

export type PresetKey = 'this-month' | 'last-30-days' | 'this-quarter';

export const presets: readonly { key: PresetKey; label: string }[] = [
  { key: 'this-month', label: 'This month' },
  { key: 'last-30-days', label: 'Last 30 days' },
  { key: 'this-quarter', label: 'This quarter' },
];

export const defaultPreset: PresetKey = 'last-30-days';

const msPerDay = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Days since 1970-01-01 of a `YYYY-MM-DD` day. */
export function dayIndex(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / msPerDay);
}

/** The `YYYY-MM-DD` day of a day index. */
export function dayFromIndex(index: number): string {
  const date = new Date(index * msPerDay);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

export const addDays = (day: string, days: number): string => dayFromIndex(dayIndex(day) + days);

/** The browser's IANA time zone (`Europe/Berlin`), or UTC when it has none. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The calendar day an instant falls on in `timeZone`. */
export function dayInZone(instant: Date | number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  // Some runtimes write the year of far dates with more digits; keep the last four for ours.
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/** The last day of a month (`month` 1-12). */
function lastOfMonth(year: number, month: number): string {
  return dayFromIndex(Math.round(Date.UTC(year, month, 1) / msPerDay) - 1);
}

/** The period a preset names, for `today` (a day in the browser's zone). */
export function presetPeriod(key: PresetKey, today: string): Period {
  const [y, m] = today.split('-').map(Number) as [number, number];
  switch (key) {
    case 'last-30-days':
      return { from: addDays(today, -29), to: today };
    case 'this-month':
      return { from: `${pad(y, 4)}-${pad(m)}-01`, to: lastOfMonth(y, m) };
    case 'this-quarter': {
      const first = Math.floor((m - 1) / 3) * 3 + 1;
      return { from: `${pad(y, 4)}-${pad(first)}-01`, to: lastOfMonth(y, first + 2) };
    }
  }
}

/** The preset whose period this is today, if any, so its button shows as chosen. */
export function matchingPreset(period: Period, today: string): PresetKey | undefined {
  return presets.find((p) => {
    const candidate = presetPeriod(p.key, today);
    return candidate.from === period.from && candidate.to === period.to;
  })?.key;
}

/** Is a typed date a real `YYYY-MM-DD` day? */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  return dayFromIndex(dayIndex(text)) === text;
}

/** Says what is wrong with a period in words, or null when it is usable. */
export function periodProblem(period: Period): string | null {
  if (!isDay(period.from)) return 'Give a From date.';
  if (!isDay(period.to)) return 'Give a To date.';
  if (period.from > period.to) return 'The period ends before it starts.';
  if (dayIndex(period.to) - dayIndex(period.from) > 366 * 5) return 'Choose a period of five years or less.';
  return null;
}

/** `tandem-feedback-2026-11-01-to-2026-11-30.csv` */
export function exportFileName(kind: 'leads' | 'feedback', period: Period): string {
  return `tandem-${kind}-${period.from}-to-${period.to}.csv`;
}
