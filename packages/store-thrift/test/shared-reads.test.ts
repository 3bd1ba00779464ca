import { afterEach, expect, it } from '@jest/globals';
import { FeatureFlagClient, MemoryFeatureFlagStore } from '@flipper-client/core';
import type { FeatureFlagStoreItem } from '@flipper-client/core/store';
import type { ThriftRPCFeatureFlagStore } from '../src/index.js';
import { connectStore, startServer, type RunningServer } from './support/loopback.js';

/** The server's store: counts the reads that reach it, and can hold them until released. */
class CountingStore extends MemoryFeatureFlagStore {
  gets = 0;
  private held: Promise<void> | undefined;
  private release: (() => void) | undefined;

  hold(): void {
    this.held = new Promise((resolve) => (this.release = resolve));
  }

  letGo(): void {
    this.release?.();
    this.held = undefined;
  }

  override async get(featureName: string): Promise<FeatureFlagStoreItem | undefined> {
    this.gets++;
    // Read before waiting: a held read answers what was there when it arrived.
    const item = await super.get(featureName);
    await this.held;
    return item;
  }
}

let served: RunningServer | undefined;
let store: ThriftRPCFeatureFlagStore | undefined;

afterEach(async () => {
  await store?.close();
  await served?.close();
});

async function setUp(): Promise<{ backing: CountingStore; features: FeatureFlagClient }> {
  const backing = new CountingStore();
  await backing.create('SHARED', { isEnabled: true });
  served = await startServer(backing);
  store = await connectStore(served.port);
  return { backing, features: new FeatureFlagClient(store) };
}

it('sends one Get for many concurrent checks of one flag, and answers each of them', async () => {
  const { backing, features } = await setUp();
  const answers = await Promise.all(Array.from({ length: 64 }, () => features.isEnabled('SHARED')));
  expect(answers).toEqual(Array(64).fill(true));
  expect(backing.gets).toBe(1);
});

it('sends a Get per flag when the checks are of different flags', async () => {
  const { backing, features } = await setUp();
  await backing.create('OTHER');
  const answers = await Promise.all([features.isEnabled('SHARED'), features.isEnabled('OTHER'), features.isEnabled('SHARED')]);
  expect(answers).toEqual([true, false, true]);
  expect(backing.gets).toBe(2);
});

it('does not answer a read started after a write with a read sent before it', async () => {
  const { backing, features } = await setUp();
  backing.hold();
  const before = features.isEnabled('SHARED');
  // The held read has reached the server (it counted it) before the write is sent.
  while (backing.gets === 0) await new Promise((resolve) => setImmediate(resolve));
  // The store's own write (the client's disable() would first wait on the held read).
  await store!.set('SHARED', false);
  const after = features.isEnabled('SHARED');
  backing.letGo();
  expect(await before).toBe(true);
  expect(await after).toBe(false);
  expect(backing.gets).toBe(2);
});

it('asks again after a read ends, so the next check sees a change made by another client', async () => {
  const { backing, features } = await setUp();
  expect(await features.isEnabled('SHARED')).toBe(true);
  await backing.set('SHARED', false);
  expect(await features.isEnabled('SHARED')).toBe(false);
  expect(backing.gets).toBe(2);
});
