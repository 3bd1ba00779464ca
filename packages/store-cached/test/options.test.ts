import { InvalidArgumentError, MemoryFeatureFlagStore } from '@flipper-client/core';
import { FaultyStore } from '@flipper-client/test-suite';
import { describe, expect, it } from '@jest/globals';
import { CachedFeatureFlagStore, type CachedStoreOptions } from '../src/index.js';

describe('cached store options', () => {
  it.each<[string, CachedStoreOptions, RegExp]>([
    ['a size of zero', { size: 0 }, /size must be an integer >= 1, got 0/],
    ['a fractional size', { size: 2.5 }, /size must be an integer/],
    ['a negative missingSize', { missingSize: -1 }, /missingSize must be an integer >= 0/],
    ['a negative TTL', { ttlMs: -5 }, /ttlMs must be a positive number/],
    ['an infinite TTL', { ttlMs: Number.POSITIVE_INFINITY }, /ttlMs/],
    ['a NaN maxStaleMs', { maxStaleMs: Number.NaN }, /maxStaleMs/],
    ['an onError that is no function', { onError: 'log' as never }, /onError must be a function/],
  ])('refuses %s with an InvalidArgumentError', (_label, options, message) => {
    const build = (): CachedFeatureFlagStore => new CachedFeatureFlagStore(new MemoryFeatureFlagStore(), options);
    expect(build).toThrow(InvalidArgumentError);
    expect(build).toThrow(message);
  });

  it('names itself after the store it wraps', () => {
    expect(new CachedFeatureFlagStore(new MemoryFeatureFlagStore()).storeName).toBe('cached(memory)');
  });

  it('accepts missingSize 0: missing names are then read every time', async () => {
    const inner = new FaultyStore(new MemoryFeatureFlagStore());
    const cache = new CachedFeatureFlagStore(inner, { missingSize: 0 });
    await cache.get('NONE');
    await cache.get('NONE');
    expect(inner.calls.get).toBe(2);
    await cache.close();
  });
});
