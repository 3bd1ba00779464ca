import { describe, expect, it } from '@jest/globals';
import { parseCliOptions } from '../src/cli-options.js';

describe('parseCliOptions', () => {
  it('defaults to a full, unfiltered run', () => {
    expect(parseCliOptions([])).toEqual({ filter: undefined, quick: false, help: false });
  });

  it('reads --quick and --filter in both spellings, after a -- separator too', () => {
    expect(parseCliOptions(['--quick', '--filter', 'hash'])).toEqual({ filter: 'hash', quick: true, help: false });
    expect(parseCliOptions(['--', '--filter=unleash'])).toEqual({ filter: 'unleash', quick: false, help: false });
  });

  it('refuses a missing or empty filter and unknown arguments, showing the usage', () => {
    expect(() => parseCliOptions(['--filter'])).toThrow(/--filter needs a value[\s\S]*Usage/);
    expect(() => parseCliOptions(['--filter', '--quick'])).toThrow(/--filter needs a value/);
    expect(() => parseCliOptions(['--filter='])).toThrow(/non-empty/);
    expect(() => parseCliOptions(['--fast'])).toThrow(/unknown argument "--fast"/);
  });
});
