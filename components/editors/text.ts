import { formatDate } from '../format';

/** A date range in the person's locale: `1 Mar 2026 to 30 Apr 2026`, or `from 1 Mar 2026`. */
export function dates(startsOn: string, endsOn: string | undefined): string {
  return endsOn ? `${formatDate(startsOn)} to ${formatDate(endsOn)}` : `from ${formatDate(startsOn)}`;
}
