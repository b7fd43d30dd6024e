/**
 * Percentiles by linear interpolation between closest ranks (Hyndman & Fan type 7: what
 * numpy, R and spreadsheets' PERCENTILE.INC give by default). At p = 0.5 it is the usual
 * median: the middle value, or the mean of the two middle ones.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const a = sorted[lower]!;
  const b = sorted[upper]!;
  return a + (b - a) * (rank - lower);
}

export const median = (values: readonly number[]): number | null => percentile(values, 0.5);

/** `part / whole`, or null when there is nothing to divide by. */
export const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** A number for a sentence: whole when it is, else one decimal. */
export function formatNumber(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}
