import { describe, expect, it } from '@jest/globals';
import { median, percentile } from '../src/statistics.js';

describe('statistics', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('interpolates percentiles between closest ranks', () => {
    const oneToTwenty = Array.from({ length: 20 }, (_, i) => i + 1);
    // rank = 0.95 × 19 = 18.05: between the 19th (19) and 20th (20) values.
    expect(percentile(oneToTwenty, 0.95)).toBeCloseTo(19.05, 10);
    expect(percentile(oneToTwenty, 0)).toBe(1);
    expect(percentile(oneToTwenty, 1)).toBe(20);
  });

  it('does not reorder its input and gives NaN for no values', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
    expect(median([])).toBeNaN();
  });
});
