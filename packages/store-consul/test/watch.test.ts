import { describe, expect, it } from '@jest/globals';
import { collect } from '@flipper-client/test-suite';
import { FeatureFlagClient, StoreError } from '@flipper-client/core';
import { ON_ENDPOINT, sleep } from './support/consul-target.js';
import { timeUntil, useConsul } from './support/fixture.js';

const { target, newStore } = useConsul();
/** Tests that restart the server or count its requests: only against the test endpoint. */
function onEndpoint(name: string, tests: () => void): void {
  if (ON_ENDPOINT) describe(name, tests);
}

describe('the local copy follows Consul', () => {
  it('shows a write by another client within 100 ms, each of five times', async () => {
    const { store, writeFlag, changes } = newStore();
    await store.ready();
    for (let i = 0; i < 5; i++) {
      await writeFlag(`REMOTE_${i}`, true);
      const elapsed = await timeUntil(() => store.getSync(`REMOTE_${i}`)?.enabled === true, 2000, `REMOTE_${i}`);
      expect(elapsed).toBeLessThan(100);
      expect(changes).toContainEqual({ kind: 'flag', featureName: `REMOTE_${i}` });
    }
  });

  it('shows an update and removes a delete by another client within 100 ms', async () => {
    const { store, writeFlag, deleteFlag, changes } = newStore();
    await writeFlag('REMOTE', false);
    await store.ready();
    expect(store.getSync('REMOTE')?.enabled).toBe(false);
    await writeFlag('REMOTE', true);
    expect(await timeUntil(() => store.getSync('REMOTE')?.enabled === true, 2000, 'the update')).toBeLessThan(100);
    changes.length = 0;
    await deleteFlag('REMOTE');
    expect(await timeUntil(() => store.getSync('REMOTE') === undefined, 2000, 'the delete')).toBeLessThan(100);
    expect(changes).toEqual([{ kind: 'flag', featureName: 'REMOTE' }]);
    await expect(store.get('REMOTE')).resolves.toBeUndefined();
    expect(await collect(store.list())).toEqual([]);
  });

  it('reads a key with slashes under the prefix as one flag', async () => {
    const { store, writeFlag } = newStore();
    await writeFlag('team/checkout/NEW_FLOW', true);
    await store.ready();
    expect(store.getSync('team/checkout/NEW_FLOW')?.featureName).toBe('team/checkout/NEW_FLOW');
    expect((await collect(store.list())).map((item) => item.featureName)).toEqual(['team/checkout/NEW_FLOW']);
  });

  it('answers from Consul before the first sync and from the copy after ready()', async () => {
    const { store, writeFlag } = newStore({ waitTimeMs: 30_000 });
    expect(store.syncReady).toBe(false);
    await writeFlag('EARLY', true);
    expect((await store.get('EARLY'))?.enabled).toBe(true);
    await store.ready();
    expect(store.syncReady).toBe(true);
    expect(store.getSync('EARLY')?.enabled).toBe(true);
    expect(new FeatureFlagClient(store).isEnabledSync('EARLY')).toBe(true);
  });

  it('refresh() brings in a change at once, even in the middle of a long poll', async () => {
    const { store, writeFlag } = newStore({ waitTimeMs: 30_000 });
    await store.ready();
    await writeFlag('R', true);
    await store.refresh();
    expect(store.getSync('R')?.enabled).toBe(true);
  });
});

onEndpoint('against the test endpoint', () => {
  it('makes about one long poll per wait period while idle', async () => {
    const { store, baseKey } = newStore({ waitTimeMs: 400 });
    await store.ready();
    await sleep(50);
    const endpoint = target().endpoint!;
    endpoint.clearRequests();
    await sleep(2100);
    const polls = endpoint.requests.filter((request) => request.key === `${baseKey}/`);
    // 2,100 ms of 400–425 ms polls: five, give or take one at either end.
    expect(polls.length).toBeGreaterThanOrEqual(4);
    expect(polls.length).toBeLessThanOrEqual(6);
    for (const poll of polls) {
      expect(poll.method).toBe('GET');
      expect(poll.query).toEqual(expect.objectContaining({ recurse: 'true', wait: '400ms', index: expect.stringMatching(/^\d+$/) }));
    }
    expect(endpoint.requests.length).toBe(polls.length);
  });

  it('keeps watching across an endpoint restart that keeps the data, serving the copy meanwhile', async () => {
    const { store, writeFlag, errors } = newStore({ waitTimeMs: 30_000 });
    await writeFlag('KEPT', true);
    await store.ready();
    const endpoint = target().endpoint!;
    await endpoint.stop();
    await timeUntil(() => errors.length > 0, 2000, 'the watch to notice');
    expect(errors[0]).toBeInstanceOf(StoreError);
    expect((errors[0] as StoreError).operation).toBe('watch');
    expect(store.syncReady).toBe(true);
    expect(await new FeatureFlagClient(store).isEnabled('KEPT')).toBe(true);
    await endpoint.restart();
    await writeFlag('AFTER_RESTART', true);
    await timeUntil(() => store.getSync('AFTER_RESTART') !== undefined, 3000, 'the write after the restart');
    expect(store.watchStatus.healthy).toBe(true);
  });

  it('resets the copy when the endpoint comes back empty with a lower index, and keeps watching', async () => {
    const { store, writeFlag, changes } = newStore({ waitTimeMs: 30_000 });
    for (let i = 0; i < 10; i++) await writeFlag(`OLD_${i}`, true);
    await store.ready();
    const indexBefore = store.watchStatus.index;
    await target().endpoint!.restart({ keepData: false });
    await timeUntil(() => store.getSync('OLD_0') === undefined, 3000, 'the reset to show');
    expect(changes).toContainEqual({ kind: 'all' });
    expect(store.watchStatus.index).toBeLessThan(indexBefore);
    expect(await collect(store.list())).toEqual([]);
    // A watch still blocking on the old, higher index would sit out its 30 s wait here.
    await writeFlag('NEW', true);
    expect(await timeUntil(() => store.getSync('NEW') !== undefined, 3000, 'a write after the reset')).toBeLessThan(1000);
  });

  it('stops requesting when closed, cutting the long poll short', async () => {
    const { store, writeFlag, baseKey } = newStore({ waitTimeMs: 30_000 });
    await store.ready();
    await sleep(20);
    const endpoint = target().endpoint!;
    const started = Date.now();
    await store.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(store.syncReady).toBe(false);
    endpoint.clearRequests();
    await writeFlag('AFTER_CLOSE', true);
    await sleep(300);
    expect(endpoint.requests.filter((request) => request.key === `${baseKey}/`)).toEqual([]);
    await expect(store.refresh()).rejects.toBeInstanceOf(StoreError);
  });

  it('backs off while Consul is gone instead of spinning, and reports each failure', async () => {
    const endpoint = target().endpoint!;
    await endpoint.stop();
    const { store, errors } = newStore({ retry: { initialDelayMs: 50, maxDelayMs: 400 } });
    await sleep(1500);
    // Delays of 25–50, 50–100, 100–200, then 200–400 ms: 6 to 10 attempts in 1.5 s, not hundreds.
    expect(errors.length).toBeGreaterThanOrEqual(5);
    expect(errors.length).toBeLessThanOrEqual(11);
    expect(errors.every((error) => error instanceof StoreError && error.operation === 'watch')).toBe(true);
    expect(store.syncReady).toBe(false);
    const ready = store.ready();
    await store.close();
    await expect(ready).rejects.toBeInstanceOf(StoreError);
  });

  it('stops serving the copy once stale past maxStalenessMs, and serves it again when Consul is back', async () => {
    const { store, writeFlag } = newStore({ maxStalenessMs: 200, waitTimeMs: 30_000 });
    await writeFlag('STALE', true);
    await store.ready();
    const endpoint = target().endpoint!;
    await endpoint.stop();
    await timeUntil(() => !store.syncReady, 2000, 'syncReady to fall');
    await expect(store.get('STALE')).rejects.toBeInstanceOf(StoreError);
    expect(await new FeatureFlagClient(store).isEnabled('STALE', {}, { default: false })).toBe(false);
    await endpoint.restart();
    await timeUntil(() => store.syncReady, 3000, 'syncReady to come back');
    expect((await store.get('STALE'))?.enabled).toBe(true);
  });
});
