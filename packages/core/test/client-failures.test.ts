import { describe, expect, it } from '@jest/globals';
import {
  ConsistentHashPercentageBucketer,
  EvaluationError,
  FeatureFlagClient,
  FlagDoesNotExistError,
  InvalidDocumentError,
  MemoryFeatureFlagStore,
  Percentage,
  StoreError,
} from '../src/index.js';
import { decodeDocument } from '../src/store-entry.js';
import { listen } from './support/error-events.js';
import { FailingStore, storeDown, withoutLocalCopy } from './support/failing-store.js';

describe('isEnabled never rejects', () => {
  it('answers the default when the store fails, and reports the failure', async () => {
    const store = new FailingStore();
    const features = new FeatureFlagClient(withoutLocalCopy(store));
    await features.create('F', { isEnabled: true });
    const errors = listen(features);
    store.failure = storeDown();
    await expect(features.isEnabled('F')).resolves.toBe(false);
    await expect(features.isEnabled('F', {}, { default: true })).resolves.toBe(true);
    expect(errors.map((event) => [event.featureName, event.error.code])).toEqual([
      ['F', 'STORE_FAILURE'],
      ['F', 'STORE_FAILURE'],
    ]);
    store.failure = undefined;
    await expect(features.isEnabled('F')).resolves.toBe(true);
  });

  it('wraps a foreign failure in a StoreError naming the flag and store', async () => {
    const store = new FailingStore();
    const features = new FeatureFlagClient(withoutLocalCopy(store));
    const errors = listen(features);
    store.failure = new Error('ECONNRESET');
    await expect(features.isEnabled('F')).resolves.toBe(false);
    expect(errors[0]!.error).toBeInstanceOf(StoreError);
    expect(errors[0]!.error.message).toBe('flipper: flag "F": remote store: get failed: ECONNRESET');
    expect(errors[0]!.error.cause).toBeInstanceOf(Error);
  });

  it('survives a store whose get throws synchronously', async () => {
    const store = withoutLocalCopy(new MemoryFeatureFlagStore());
    store.get = () => {
      throw new Error('not even a promise');
    };
    const features = new FeatureFlagClient(store);
    const errors = listen(features);
    await expect(features.isEnabled('F', undefined, { default: true })).resolves.toBe(true);
    expect(errors).toHaveLength(1);
  });

  it('answers the default for a corrupt document and reports it', async () => {
    const store = new FailingStore();
    const features = new FeatureFlagClient(withoutLocalCopy(store));
    const errors = listen(features);
    store.failure = (() => {
      try {
        decodeDocument('F', '{"feature_name": "F", "is_enab');
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    await expect(features.isEnabled('F', {}, { default: true })).resolves.toBe(true);
    expect(errors[0]!.error).toBeInstanceOf(InvalidDocumentError);
  });

  it('answers the default when checks cannot be hashed, and reports it', async () => {
    const features = new FeatureFlagClient(new MemoryFeatureFlagStore());
    await features.create('HASHED', { isEnabled: true });
    await features.setBucketer('HASHED', new ConsistentHashPercentageBucketer({ percentage: new Percentage(0.5) }));
    const errors = listen(features);
    await expect(features.isEnabled('HASHED', { user: () => 1 })).resolves.toBe(false);
    expect(features.isEnabledSync('HASHED', { user: Symbol('x') }, { default: true })).toBe(true);
    expect(errors.map((event) => event.error)).toEqual([expect.any(EvaluationError), expect.any(EvaluationError)]);
    expect(errors[0]!.error.message).toMatch(/flag "HASHED": checks could not be evaluated: a function cannot be serialized/);
  });

  it('answers the default for an invalid name instead of throwing', async () => {
    const features = new FeatureFlagClient(withoutLocalCopy(new MemoryFeatureFlagStore()));
    const errors = listen(features);
    await expect(features.isEnabled('' as string, {}, { default: true })).resolves.toBe(true);
    expect(errors[0]!.error.code).toBe('INVALID_ARGUMENT');
  });
});

describe('management calls reject with typed errors', () => {
  it('rejects reads of metadata of a missing flag', async () => {
    const features = new FeatureFlagClient(new MemoryFeatureFlagStore());
    await expect(features.getClientData('MISSING')).rejects.toBeInstanceOf(FlagDoesNotExistError);
    await expect(features.getMeta('MISSING')).rejects.toThrow('flipper: flag "MISSING": does not exist');
    await expect(features.disable('MISSING')).rejects.toBeInstanceOf(FlagDoesNotExistError);
    await expect(features.setBucketer('MISSING', new ConsistentHashPercentageBucketer({ percentage: new Percentage(1) }))).rejects.toBeInstanceOf(
      FlagDoesNotExistError,
    );
    await expect(features.setConditions('MISSING', [])).rejects.toBeInstanceOf(FlagDoesNotExistError);
  });

  it('destroys a flag whose stored document is corrupt', async () => {
    const store = new FailingStore();
    const features = new FeatureFlagClient(store);
    await features.create('CORRUPT');
    store.failure = (() => {
      try {
        decodeDocument('CORRUPT', '{"feature_name": "CORRUPT", "is_en');
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    await expect(features.getMeta('CORRUPT')).rejects.toBeInstanceOf(InvalidDocumentError);
    await features.destroy('CORRUPT');
    store.failure = undefined;
    expect(await features.exists('CORRUPT')).toBe(false);
  });

  it('rejects exists with a StoreError when the store fails', async () => {
    const store = new FailingStore();
    const features = new FeatureFlagClient(store);
    store.failure = new Error('down');
    await expect(features.exists('F')).rejects.toBeInstanceOf(StoreError);
    await expect(features.getMeta('F')).rejects.toThrow(/flag "F": memory store: get failed: down/);
  });
});
