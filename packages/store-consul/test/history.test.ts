import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FeatureFlagClient } from '@flipper-client/core';
import { FeatureFlagStoreItem, hasHistory } from '@flipper-client/core/store';
import { describeHistoryConformance } from '@flipper-client/test-suite';
import { ConsulFeatureFlagStore } from '../src/index.js';
import { deleteTree, kvCall, ON_ENDPOINT, putRaw, startConsulTarget, uniqueBaseKey, type ConsulTarget } from './support/consul-target.js';
import { peerOf } from './support/peer.js';

let target: ConsulTarget;
beforeAll(async () => {
  target = await startConsulTarget();
});
afterAll(async () => {
  await target.stop();
});

async function keysUnder(prefix: string): Promise<string[]> {
  const raw = target.client();
  const found = (await kvCall(raw, 'get', { key: prefix, recurse: true, token: target.token })) as Array<{ Key: string }> | undefined;
  return (found ?? []).map((pair) => pair.Key);
}

// The history suite over Consul: peers are stores on clients of their own, so the 24 writers
// and 20 creates race through separate connections, each write one `/v1/txn`.
describeHistoryConformance('consul', {
  createStore: (retention) => {
    const baseKey = uniqueBaseKey('history');
    const options = { baseKey, token: target.token, minWatchIntervalMs: 0, history: retention };
    const raw = target.client();
    const store = new ConsulFeatureFlagStore(target.client(), options);
    return {
      store,
      connect: async () => peerOf(new ConsulFeatureFlagStore(target.client(), options), store),
      writeRaw: async (featureName, text) => {
        await putRaw(raw, `${baseKey}/${featureName}`, text, target.token);
        await store.refresh();
      },
      readRaw: async (featureName) => {
        const stored = (await kvCall(raw, 'get', { key: `${baseKey}/${featureName}`, token: target.token })) as { Value?: string } | undefined;
        return stored?.Value ?? undefined;
      },
      cleanup: async () => {
        await deleteTree(raw, baseKey, target.token);
        await deleteTree(raw, `${baseKey}.history`, target.token);
      },
    };
  },
  concurrentWriters: 24,
  concurrentCreates: 20,
});

describe('consul history layout', () => {
  it('keeps entries under the sibling prefix <baseKey>.history/, so a recursive read of <baseKey>/ finds flags only', async () => {
    const baseKey = uniqueBaseKey('layout');
    const store = new ConsulFeatureFlagStore(target.client(), { baseKey, token: target.token });
    try {
      const client = new FeatureFlagClient(store, { actor: 'user:ann' });
      await client.create('LAYOUT');
      await client.enable('LAYOUT');
      await client.create('a/b');
      expect(await keysUnder(`${baseKey}/`)).toEqual([`${baseKey}/LAYOUT`, `${baseKey}/a/b`]);
      const history = await keysUnder(`${baseKey}.history/`);
      expect(history).toHaveLength(3);
      expect(history.every((key) => /^.*\.history\/(LAYOUT|a\/b)\/\d{16}-\d{15}$/.test(key))).toBe(true);
      // Entry ids are the transaction's index: the flag and its newest entry carry the same one.
      const flag = (await kvCall(target.client(), 'get', { key: `${baseKey}/LAYOUT`, token: target.token })) as { ModifyIndex: number };
      expect((await store.history!('LAYOUT'))[0]!.id).toBe(String(flag.ModifyIndex));
      expect((await store.history!('a')).length).toBe(0);
    } finally {
      await store.close();
      await deleteTree(target.client(), baseKey, target.token);
      await deleteTree(target.client(), `${baseKey}.history`, target.token);
    }
  });

  it('has createIfAbsent but no history with history: false, and writes no history key', async () => {
    const baseKey = uniqueBaseKey('off');
    const store = new ConsulFeatureFlagStore(target.client(), { baseKey, token: target.token, history: false });
    try {
      await store.createIfAbsent('OFF');
      await expect(store.createIfAbsent('OFF')).rejects.toMatchObject({ code: 'FLAG_EXISTS', featureName: 'OFF' });
      expect(hasHistory(store)).toBe(false);
      expect(await keysUnder(`${baseKey}.history/`)).toEqual([]);
    } finally {
      await store.close();
      await deleteTree(target.client(), baseKey, target.token);
    }
  });
});

// Counting requests needs the test endpoint; against a real Consul this group is not registered.
if (ON_ENDPOINT) describe('consul history on the wire', () => {
  it('writes a flag, its entry and its trimming in one /v1/txn, after one read of the flag and of its entry keys', async () => {
    const endpoint = target.endpoint!;
    const baseKey = uniqueBaseKey('wire');
    const store = new ConsulFeatureFlagStore(target.client(), { baseKey, token: target.token, history: { limit: 1 } });
    try {
      await store.create('WIRE');
      endpoint.clearRequests();
      await store.put(new FeatureFlagStoreItem('WIRE', true));
      const mine = endpoint.requests.filter((request) => request.key !== `${baseKey}/` && request.query['index'] === undefined);
      expect(mine.map((request) => [request.method, request.path.startsWith('/v1/txn') ? 'txn' : request.key, request.query['keys'] === undefined ? '' : 'keys'])).toEqual(
        expect.arrayContaining([
          ['GET', `${baseKey}/WIRE`, ''],
          ['GET', `${baseKey}.history/WIRE/`, 'keys'],
          ['PUT', 'txn', ''],
        ]),
      );
      expect(mine).toHaveLength(3);
      expect(await keysUnder(`${baseKey}.history/`)).toHaveLength(1);
    } finally {
      await store.close();
      await deleteTree(target.client(), baseKey, target.token);
      await deleteTree(target.client(), `${baseKey}.history`, target.token);
    }
  });
});
