import { FeatureFlagClient, InvalidDocumentError, type FlipperError } from '@flipper-client/core';
import { FaultyStore, thrown } from '@flipper-client/test-suite';
import { writtenAndAnnounced } from '@flipper-client/test-suite/cached';
import { describe, expect, it } from '@jest/globals';
import { CachedFeatureFlagStore, type CacheErrorContext } from '../src/index.js';
import { LateFeedStore } from './support/late-feed-store.js';
import { SharedFlags } from './support/shared-flags.js';

// Corrupt documents met by preload() itself, in the listing or in the re-reads of flags that
// changed while it ran (the behaviour kit covers one written later, over any backend).

const NOT_JSON = '{"feature_name": "BAD", "is_enabled": tr';

function setup(shared: SharedFlags, changeFeed = true) {
  const reported: [FlipperError, CacheErrorContext][] = [];
  const inner = new FaultyStore(new LateFeedStore(shared), { changeFeed });
  const cache = new CachedFeatureFlagStore(inner, { onError: (...args) => reported.push(args) });
  return { cache, inner, reported };
}

describe('a preloaded mirror and corrupt documents', () => {
  it("keeps a corrupt document of the listing as the flag's decode error, until a good one replaces it", async () => {
    const shared = new SharedFlags();
    await shared.memory.create('GOOD', { isEnabled: true });
    shared.writeRaw('BAD', NOT_JSON);
    const { cache, inner, reported } = setup(shared);
    await cache.preload();

    const error = thrown(() => cache.getSync('BAD'));
    expect(error).toBeInstanceOf(InvalidDocumentError);
    expect((error as InvalidDocumentError).featureName).toBe('BAD');
    await expect(cache.get('BAD')).rejects.toBe(error);
    expect(reported).toEqual([[error, { operation: 'preload', featureName: 'BAD', servedStale: false }]]);
    const features = new FeatureFlagClient(cache);
    const clientErrors: FlipperError[] = [];
    features.events.on('error', (event) => clientErrors.push(event.error));
    expect(features.isEnabledSync('BAD', {}, { default: true })).toBe(true);
    expect(clientErrors).toEqual([error]);
    expect(features.isEnabledSync('GOOD')).toBe(true);
    expect(inner.calls.get).toBe(0);

    const other = new LateFeedStore(shared);
    await writtenAndAnnounced(cache, 'BAD', () => other.create('BAD', { isEnabled: true }));
    expect(cache.getSync('BAD')?.enabled).toBe(true);
    shared.writeRaw('BAD', NOT_JSON);
    await writtenAndAnnounced(cache, 'BAD', () => other.delete('BAD'));
    expect(cache.getSync('BAD')).toBeUndefined();
    expect(inner.calls.list).toBe(1);
  });

  it('keeps a flag that turned corrupt while the listing ran as its decode error', async () => {
    const shared = new SharedFlags();
    await shared.memory.create('TURNING', { isEnabled: true });
    const { cache, inner, reported } = setup(shared);
    const gate = inner.holdList();
    const preloading = cache.preload();
    await gate.reached; // the listing holds TURNING as it was, enabled
    shared.writeRaw('TURNING', NOT_JSON);
    await new Promise((resolve) => setTimeout(resolve, 30)); // the feed reports it meanwhile
    gate.release();
    await preloading;
    const error = thrown(() => cache.getSync('TURNING'));
    expect(error).toBeInstanceOf(InvalidDocumentError);
    expect(reported).toEqual([[error, { operation: 'preload', featureName: 'TURNING', servedStale: false }]]);
  });

  it('keeps it through a full reload', async () => {
    const shared = new SharedFlags();
    await shared.memory.create('RELOADED');
    const { cache, inner } = setup(shared);
    await cache.preload();
    inner.muteFeed();
    shared.writeRaw('RELOADED', NOT_JSON);
    inner.muteFeed(false);
    await writtenAndAnnounced(cache, 'RELOADED', () => inner.emit({ kind: 'all' }));
    expect(thrown(() => cache.getSync('RELOADED'))).toBeInstanceOf(InvalidDocumentError);
    expect(inner.calls.list).toBe(2);
  });

  it('without a change feed, warms the LRU with the good flags only: the corrupt one is read, and rejects', async () => {
    const shared = new SharedFlags();
    await shared.memory.create('GOOD', { isEnabled: true });
    shared.writeRaw('BAD', NOT_JSON);
    const { cache, inner } = setup(shared, false);
    await cache.preload();
    expect((await cache.get('GOOD'))?.enabled).toBe(true);
    expect(inner.calls.get).toBe(0);
    await expect(cache.get('BAD')).rejects.toBeInstanceOf(InvalidDocumentError);
    expect(inner.calls.get).toBe(1);
  });
});
