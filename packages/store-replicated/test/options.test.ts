import { FeatureFlagClient, InvalidArgumentError, MemoryFeatureFlagStore } from '@flipper-client/core';
import type { FeatureFlagStore } from '@flipper-client/core/store';
import { FaultyStore } from '@flipper-client/test-suite';
import { describe, expect, it } from '@jest/globals';
import { ReplicatedFeatureFlagStore, type ReplicatedStoreOptions } from '../src/index.js';

describe('replicated store construction', () => {
  it.each<[string, ReplicatedStoreOptions, RegExp]>([
    ['a non-boolean asynch', { asynch: 'yes' as never }, /asynch must be a boolean/],
    ['a zero timeout', { replicationTimeoutMs: 0 }, /replicationTimeoutMs must be a positive number/],
    ['an infinite timeout', { replicationTimeoutMs: Number.POSITIVE_INFINITY }, /replicationTimeoutMs/],
    ['a hook that is no function', { onReplicationError: 42 as never }, /onReplicationError must be a function/],
  ])('refuses %s with an InvalidArgumentError', (_label, options, message) => {
    const build = (): ReplicatedFeatureFlagStore => new ReplicatedFeatureFlagStore(new MemoryFeatureFlagStore(), [], options);
    expect(build).toThrow(InvalidArgumentError);
    expect(build).toThrow(message);
  });

  it('refuses replicas that are not an array of stores, and a primary that replicates to itself', () => {
    const primary = new MemoryFeatureFlagStore();
    expect(() => new ReplicatedFeatureFlagStore(primary, primary as never)).toThrow(/replicas must be an array/);
    expect(() => new ReplicatedFeatureFlagStore(primary, [{} as FeatureFlagStore])).toThrow(/replicas must be an array/);
    expect(() => new ReplicatedFeatureFlagStore(undefined as never, [])).toThrow(/primary must be a FeatureFlagStore/);
    expect(() => new ReplicatedFeatureFlagStore(primary, [primary])).toThrow(/its own replica/);
  });

  it("offers exactly the primary's capabilities", async () => {
    const memory = new ReplicatedFeatureFlagStore(new MemoryFeatureFlagStore(), [new MemoryFeatureFlagStore()]);
    expect(memory.storeName).toBe('replicated(memory)');
    expect(typeof memory.watch).toBe('function');
    expect(memory.syncReady).toBe(true);
    await new FeatureFlagClient(memory).create('SYNC', { isEnabled: true });
    expect(new FeatureFlagClient(memory).isEnabledSync('SYNC')).toBe(true);

    const plain = new ReplicatedFeatureFlagStore(new FaultyStore(new MemoryFeatureFlagStore(), { changeFeed: false }), []);
    expect(plain.watch).toBeUndefined();
    expect(plain.getSync).toBeUndefined();
    expect(plain.ready).toBeUndefined();
    expect(plain.syncReady).toBe(false);
  });

  it('works with no replica at all', async () => {
    const store = new ReplicatedFeatureFlagStore(new MemoryFeatureFlagStore(), [], { asynch: false });
    await store.create('ALONE', { isEnabled: true });
    expect((await store.get('ALONE'))?.enabled).toBe(true);
    await store.flush();
  });
});
