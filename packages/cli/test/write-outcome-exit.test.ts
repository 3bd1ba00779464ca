import { describe, expect, it } from '@jest/globals';
import { WriteNotAppliedError, WriteOutcomeUnknownError } from '@flipper-client/core/store';
import { describeError, EXIT, exitCodeOf } from '../src/errors.js';

describe('a failed write on the command line', () => {
  it('ends with exit 3 and says the write may or may not have been applied when its outcome is unknown', () => {
    const error = new WriteOutcomeUnknownError('redis', 'set', 'timed out after 1000 ms', { featureName: 'F' });
    expect(exitCodeOf(error)).toBe(EXIT.unreachable);
    expect(EXIT.unreachable).toBe(3);
    expect(describeError(error)).toBe(
      'flipper: flag "F": redis store: set failed: timed out after 1000 ms; the write may or may not have been applied',
    );
  });

  it('ends with exit 3 and says it was not applied when the store refused it', () => {
    const error = new WriteNotAppliedError('redis', 'set', 'connection refused', { featureName: 'F' });
    expect(exitCodeOf(error)).toBe(3);
    expect(describeError(error)).toContain('the write was not applied');
  });
});
