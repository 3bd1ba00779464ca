import { describe, expect, it } from '@jest/globals';
import { formatBytes, formatMs, formatRate, formatRatio, renderTable } from '../src/format.js';

describe('format', () => {
  it('prints rates in M/s, k/s or /s', () => {
    expect(formatRate(12_345_678)).toBe('12.35 M/s');
    expect(formatRate(548_900)).toBe('548.9 k/s');
    expect(formatRate(950)).toBe('950 /s');
    expect(formatRate(Number.NaN)).toBe('—');
  });

  it('prints ratios, bytes and milliseconds', () => {
    expect(formatRatio(2.345)).toBe('2.35×');
    expect(formatRatio(15.24)).toBe('15.2×');
    expect(formatRatio(Number.POSITIVE_INFINITY)).toBe('—');
    expect(formatBytes(1234.4)).toBe('1,234 B');
    expect(formatMs(1.234)).toBe('1.23 ms');
    expect(formatMs(201.4)).toBe('201 ms');
  });

  it('pads columns to the widest cell, numbers to the right', () => {
    const lines = renderTable(
      [
        { header: 'library', align: 'left' },
        { header: 'best', align: 'right' },
      ],
      [
        ['flipper', '1.00 M/s'],
        ['unleash-client', '9 /s'],
      ],
      '',
    );
    expect(lines).toEqual([
      'library             best',
      '--------------  --------',
      'flipper         1.00 M/s',
      'unleash-client      9 /s',
    ]);
  });
});
