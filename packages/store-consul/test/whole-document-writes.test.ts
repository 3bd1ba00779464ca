import { describe, expect, it } from '@jest/globals';
import { Condition } from '@flipper-client/core';
import { encodeDocument, FeatureFlagMeta, FeatureFlagStoreItem } from '@flipper-client/core/store';
import { kvCall, ON_ENDPOINT } from './support/consul-target.js';
import { timeUntil, useConsul } from './support/fixture.js';

// What `put` sends and what the local copy makes of it; the conformance suite checks the rest.
const { target, newStore } = useConsul();

const item = (name: string, enabled = true): FeatureFlagStoreItem =>
  new FeatureFlagStoreItem(name, enabled, new FeatureFlagMeta({ createdDate: 1_650_000_000, conditions: [new Condition({ is_admin: true })] }));

// Counting requests needs the test endpoint; against a real Consul this group is not registered.
if (ON_ENDPOINT) describe('put on the endpoint', () => {
  // Without history; with it, a put reads the flag for its entry's `before` (see history.test.ts).
  it('is one PUT without ?cas and no read, for a new flag and over an existing one', async () => {
    const { store, baseKey } = newStore({ history: false });
    await store.ready();
    await store.create('OVER', { clientData: { stale: true } });
    const endpoint = target().endpoint!;
    endpoint.clearRequests();
    await store.put(item('NEW'));
    await store.put(item('OVER'));
    const mine = endpoint.requests.filter((request) => request.key !== `${baseKey}/`);
    expect(mine.map((request) => [request.method, request.key, request.query['cas']])).toEqual([
      ['PUT', `${baseKey}/NEW`, undefined],
      ['PUT', `${baseKey}/OVER`, undefined],
    ]);
  });
});

describe('put and the local copy', () => {
  it('shows the put at once, and keeps showing it when the watch brings the same document', async () => {
    const { store, raw, baseKey, changes } = newStore();
    await store.ready();
    await store.put(item('SEEN', false));
    expect(store.getSync('SEEN') && encodeDocument(store.getSync('SEEN')!)).toBe(encodeDocument(item('SEEN', false)));
    expect(changes).toContainEqual({ kind: 'flag', featureName: 'SEEN' });
    await store.refresh();
    expect(store.getSync('SEEN') && encodeDocument(store.getSync('SEEN')!)).toBe(encodeDocument(item('SEEN', false)));
    const stored = (await kvCall(raw, 'get', { key: `${baseKey}/SEEN`, token: target().token })) as { Value: string };
    expect(stored.Value).toBe(encodeDocument(item('SEEN', false)));
  });

  it('is replaced in the copy by a later write of another program', async () => {
    const { store, writeText } = newStore();
    await store.ready();
    await store.put(item('LATER'));
    await writeText('LATER', encodeDocument(item('LATER', false)));
    await timeUntil(() => store.getSync('LATER')?.enabled === false, 2000, 'the other write');
  });
});
