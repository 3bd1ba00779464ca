import { describe, expect, it } from '@jest/globals';
import { WriteNotAppliedError, WriteOutcomeUnknownError } from '@flipper-client/core/store';
import { toAdminError } from '../src/errors.js';

describe('a failed write in the admin API', () => {
  it('answers 503 WRITE_OUTCOME_UNKNOWN when the write may have landed, apart from an unreachable store', () => {
    const unknown = toAdminError(new WriteOutcomeUnknownError('redis', 'set', 'timed out after 1000 ms', { featureName: 'F' }), 'F');
    expect(unknown.status).toBe(503);
    expect(unknown.toBody()).toMatchObject({ code: 'WRITE_OUTCOME_UNKNOWN', flag: 'F', store: 'redis' });
    expect(unknown.toBody().cause).toContain('may or may not have been applied');

    const notApplied = toAdminError(new WriteNotAppliedError('redis', 'set', 'connection refused', { featureName: 'F' }), 'F');
    expect(notApplied.status).toBe(503);
    expect(notApplied.toBody()).toMatchObject({ code: 'STORE_UNAVAILABLE', storeCode: 'WRITE_NOT_APPLIED' });
  });
});
