import { describe, expect, it } from '@jest/globals';
import { ErrorCode, StandardResolutionReasons } from '@openfeature/server-sdk';
import { resetOpenFeatureAfterEach, startProvider } from './support/harness.js';
import { SteerableStore } from './support/test-stores.js';

const { ERROR, STATIC } = StandardResolutionReasons;

resetOpenFeatureAfterEach();

describe('errors resolve to the caller default with a code', () => {
  it('FLAG_NOT_FOUND: a missing flag gives the default, true or false', async () => {
    const { flags } = await startProvider();

    for (const defaultValue of [true, false]) {
      const details = await flags.getBooleanDetails('NOT_THERE', defaultValue);
      expect(details).toMatchObject({ value: defaultValue, reason: ERROR, errorCode: ErrorCode.FLAG_NOT_FOUND, flagMetadata: {} });
      expect(details.errorMessage).toMatch(/flag "NOT_THERE": does not exist/);
    }
  });

  it('FLAG_NOT_FOUND: a name no store can hold names no flag', async () => {
    const { flags } = await startProvider();

    const details = await flags.getBooleanDetails('', true);
    expect(details).toMatchObject({ value: true, reason: ERROR, errorCode: ErrorCode.FLAG_NOT_FOUND });
    expect(details.errorMessage).toMatch(/must not be empty/);
  });

  it('PARSE_ERROR: a corrupt stored document gives the default and names the flag and the bad part', async () => {
    const store = new SteerableStore();
    const { features, flags } = await startProvider({ store });
    await features.create('BROKEN', { isEnabled: true });
    await features.create('FINE', { isEnabled: true });
    store.corruptDocument('BROKEN');

    const details = await flags.getBooleanDetails('BROKEN', false);
    expect(details).toMatchObject({ value: false, reason: ERROR, errorCode: ErrorCode.PARSE_ERROR });
    expect(details.errorMessage).toMatch(/flag "BROKEN".*meta\.bucketer\.type/);
    expect(await flags.getBooleanDetails('FINE', false)).toMatchObject({ value: true, reason: STATIC });
  });

  it('GENERAL: a failing store gives the default with its error', async () => {
    const store = new SteerableStore();
    const { features, flags } = await startProvider({ store });
    await features.create('UNREACHABLE', { isEnabled: true });
    store.failReads('UNREACHABLE');

    const details = await flags.getBooleanDetails('UNREACHABLE', true);
    expect(details).toMatchObject({ value: true, reason: ERROR, errorCode: ErrorCode.GENERAL });
    expect(details.errorMessage).toMatch(/steerable store: get failed: connection refused/);
  });

  it('TYPE_MISMATCH: string, number and object evaluations give the default, flags being boolean', async () => {
    const { features, flags } = await startProvider();
    await features.create('BOOLEAN_ONLY', { isEnabled: true });

    const asString = await flags.getStringDetails('BOOLEAN_ONLY', 'fallback');
    const asNumber = await flags.getNumberDetails('BOOLEAN_ONLY', 42);
    const asObject = await flags.getObjectDetails('BOOLEAN_ONLY', { theme: 'dark' });
    expect(asString).toMatchObject({ value: 'fallback', reason: ERROR, errorCode: ErrorCode.TYPE_MISMATCH });
    expect(asNumber).toMatchObject({ value: 42, reason: ERROR, errorCode: ErrorCode.TYPE_MISMATCH });
    expect(asObject).toMatchObject({ value: { theme: 'dark' }, reason: ERROR, errorCode: ErrorCode.TYPE_MISMATCH });
    expect(asString.errorMessage).toMatch(/flag "BOOLEAN_ONLY": flipper flags are boolean, a string evaluation/);
    expect(await flags.getBooleanValue('BOOLEAN_ONLY', false)).toBe(true);
  });
});
