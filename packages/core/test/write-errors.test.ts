import { describe, expect, it } from '@jest/globals';
import { StoreError, WriteNotAppliedError, WriteOutcomeUnknownError } from '../src/index.js';

describe('write failure errors', () => {
  it('tell a write that did not happen from one whose outcome is unknown, both as StoreErrors', () => {
    const notApplied = new WriteNotAppliedError('redis', 'set', 'connection refused', { featureName: 'F' });
    const unknown = new WriteOutcomeUnknownError('redis', 'set', 'timed out after 1000 ms', { featureName: 'F' });
    expect(notApplied).toBeInstanceOf(StoreError);
    expect(unknown).toBeInstanceOf(StoreError);
    expect(notApplied.code).toBe('WRITE_NOT_APPLIED');
    expect(unknown.code).toBe('WRITE_OUTCOME_UNKNOWN');
    expect(notApplied.message).toBe('flipper: flag "F": redis store: set failed: connection refused; the write was not applied');
    expect(unknown.message).toContain('may or may not have been applied');
    expect([notApplied.store, notApplied.operation, notApplied.name]).toEqual(['redis', 'set', 'WriteNotAppliedError']);
    expect(unknown.name).toBe('WriteOutcomeUnknownError');
  });

  it('keeps STORE_FAILURE for a plain StoreError and takes a code for a store that classifies', () => {
    expect(new StoreError('s3', 'get', 'down').code).toBe('STORE_FAILURE');
    expect(new StoreError('s3', 'put', 'down', { code: 'WRITE_OUTCOME_UNKNOWN' }).code).toBe('WRITE_OUTCOME_UNKNOWN');
  });
});

describe('httpWriteFailureCode', () => {
  it('calls a refused request or a connection never made not applied, and anything after sending unknown', async () => {
    const { httpWriteFailureCode } = await import('../src/write-failure.js');
    expect(httpWriteFailureCode({ status: 403 })).toBe('WRITE_NOT_APPLIED');
    expect(httpWriteFailureCode({ status: 412 })).toBe('WRITE_NOT_APPLIED');
    expect(httpWriteFailureCode({ status: 500 })).toBe('WRITE_OUTCOME_UNKNOWN');
    expect(httpWriteFailureCode({ networkCode: 'ECONNREFUSED' })).toBe('WRITE_NOT_APPLIED');
    expect(httpWriteFailureCode({ networkCode: 'ECONNRESET' })).toBe('WRITE_OUTCOME_UNKNOWN');
    expect(httpWriteFailureCode({})).toBe('WRITE_OUTCOME_UNKNOWN');
  });
});
