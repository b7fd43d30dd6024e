import { describe, expect, it } from 'vitest';
import { formatNumber, median, percentile, share } from './stats';

describe('percentiles (linear interpolation between closest ranks)', () => {
  it('gives the usual median', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
  });

  it('interpolates the 90th percentile', () => {
    expect(percentile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
    expect(percentile([5], 0.9)).toBe(5);
    expect(percentile([], 0.9)).toBeNull();
    expect(percentile([2, 8], 0)).toBe(2);
    expect(percentile([2, 8], 1)).toBe(8);
  });

  it('divides only when there is something to divide by', () => {
    expect(share(1, 4)).toBe(0.25);
    expect(share(0, 0)).toBeNull();
  });

  it('writes numbers for sentences', () => {
    expect(formatNumber(60)).toBe('60');
    expect(formatNumber(66.666)).toBe('66.7');
    expect(formatNumber(0.04)).toBe('0');
  });
});
