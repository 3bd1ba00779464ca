import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FlipperError } from '@flipper-client/core';
import type { StoreChange } from '@flipper-client/core/store';
import { waitFor } from '@flipper-client/test-suite';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { Redis } from 'ioredis';
import { RedisFeatureFlagStore } from '../src/index.js';
import { uniqueBaseKey } from './support/namespaces.js';

let server: RedisServer;
let redis: Redis;

beforeAll(async () => {
  // Redis drops a subscriber whose output buffer passes 1 MB, as it drops one past 32 MB by default.
  server = await startRedis({ args: ['--client-output-buffer-limit', 'pubsub 1mb 1mb 0'] });
  redis = new Redis(server.port, server.host);
});

afterAll(async () => {
  await redis?.quit();
  await server?.stop();
});

describe('a change feed whose subscription Redis drops', () => {
  it('reports the loss on onError and as "all", and "all" again once resubscribed', async () => {
    const errors: FlipperError[] = [];
    const client = new Redis(server.port, server.host);
    const store = new RedisFeatureFlagStore(client, { baseKey: uniqueBaseKey('loss'), onError: (error) => errors.push(error) });
    const changes: StoreChange[] = [];
    store.watch((change) => changes.push(change));
    const source = await store.changeFeedReady();
    // A message too large for the subscriber's output buffer: Redis closes its connection.
    await redis.publish(`${store.keyOf('').slice(0, -1)}:changes`, 'x'.repeat(4 * 1024 * 1024));
    await waitFor(() => errors.some((error) => error.message.includes('change feed')), 5000, 'the loss reported');
    const lost = errors.find((error) => error.message.includes('change feed'))!;
    expect(lost.message).toContain('changes may have been missed');
    await waitFor(() => changes.filter((change) => change.kind === 'all').length >= 2, 5000, 'all on loss and on resubscription');
    // Subscribed again: a write of another connection is heard.
    await new RedisFeatureFlagStore(redis, { baseKey: store.keyOf('').slice(0, -1) }).create('AFTER');
    await waitFor(() => changes.some((change) => change.kind === 'flag' && change.featureName === 'AFTER'), 5000, 'a change after');
    expect(source).toBe('keyspace');
    await store.close();
    await client.quit();
  });
});
