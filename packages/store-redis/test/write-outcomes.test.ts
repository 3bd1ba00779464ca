import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FeatureFlagMeta, FeatureFlagStoreItem, WriteNotAppliedError, WriteOutcomeUnknownError, encodeDocument } from '@flipper-client/core/store';
import { waitFor } from '@flipper-client/test-suite';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { Redis } from 'ioredis';
import { RedisFeatureFlagStore } from '../src/index.js';
import { DeadlinePassedError } from '../src/write-errors.js';
import { runWriteScript } from '../src/write-script.js';
import { CommandRunner } from '../src/command-runner.js';
import { ServerClock } from '../src/server-clock.js';
import { uniqueBaseKey } from './support/namespaces.js';

let server: RedisServer;
let redis: Redis;

beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.port, server.host);
});

afterAll(async () => {
  await redis?.quit();
  await server?.stop();
});

function documentOf(featureName: string, isEnabled: boolean, data: Record<string, number> = {}): string {
  return encodeDocument(new FeatureFlagStoreItem(featureName, isEnabled, new FeatureFlagMeta({ clientData: data })));
}

describe('the write script', () => {
  it('refuses a write whose deadline has passed on the server clock, changing nothing', async () => {
    const key = `${uniqueBaseKey('late')}/F`;
    await redis.set(key, documentOf('F', false));
    const late = runWriteScript(redis, {
      key, mode: 'always', document: documentOf('F', true), channel: 'c', featureName: 'F', deadlineMicros: 1,
    });
    await expect(late).rejects.toBeInstanceOf(DeadlinePassedError);
    expect(await redis.get(key)).toBe(documentOf('F', false));
  });

  it('reports a conditional write that already landed as written, so a re-send is never applied twice', async () => {
    const key = `${uniqueBaseKey('resend')}/F`;
    const before = documentOf('F', false);
    const after = documentOf('F', false, { added: 1 });
    await redis.set(key, before);
    const write = {
      key, mode: 'if-equal' as const, expected: before, document: after, channel: 'c', featureName: 'F',
      deadlineMicros: Number.MAX_SAFE_INTEGER,
    };
    expect(await runWriteScript(redis, write)).toBe(true);
    expect(await runWriteScript(redis, write)).toBe(true);
    expect(await redis.get(key)).toBe(after);
    // Another writer's text still fails the comparison.
    await redis.set(key, documentOf('F', true));
    expect(await runWriteScript(redis, write)).toBe(false);
  });
});

describe('the server clock', () => {
  it('gives a deadline no later than the server time when the timer fires, and still ahead of the server', async () => {
    const timeoutMs = 500;
    const clock = new ServerClock(redis, new CommandRunner('redis', redis, timeoutMs, []));
    await clock.deadlineMicros('set', 'F'); // the first call reads TIME
    const [seconds, micros] = await redis.time();
    const before = Number(seconds) * 1e6 + Number(micros);
    const deadline = await clock.deadlineMicros('set', 'F');
    const [seconds2, micros2] = await redis.time();
    const after = Number(seconds2) * 1e6 + Number(micros2);
    // The timer starts after `before`: the deadline must not pass later than `after + timeout`.
    expect(deadline).toBeLessThanOrEqual(after + timeoutMs * 1000);
    // And it is still ahead: the bound costs a round trip of the timeout, not all of it.
    expect(deadline).toBeGreaterThan(before);
  });
});

describe('a write Redis does not answer', () => {
  it('rejects with WRITE_OUTCOME_UNKNOWN, and the bytes Redis reads after its deadline change nothing', async () => {
    const client = new Redis(server.port, server.host);
    const store = new RedisFeatureFlagStore(client, { baseKey: uniqueBaseKey('hung'), commandTimeoutMs: 300 });
    try {
      await store.create('F', { isEnabled: false });
      const before = await redis.get(store.keyOf('F'));
      server.pause();
      // The script is in the socket when Redis stops: it runs when Redis goes on, after its deadline.
      const error = await store.put(new FeatureFlagStoreItem('F', true)).then(() => undefined, (reason: unknown) => reason);
      expect(error).toBeInstanceOf(WriteOutcomeUnknownError);
      expect((error as WriteOutcomeUnknownError).code).toBe('WRITE_OUTCOME_UNKNOWN');
      expect((error as Error).message).toContain('may or may not have been applied');
      server.resume();
      await waitFor(() => client.ping().then(() => true), 5000, 'Redis to answer again');
      expect(await redis.get(store.keyOf('F'))).toBe(before);
    } finally {
      server.resume();
      client.disconnect();
    }
  });
});

describe('a write while Redis is down', () => {
  it('rejects with WRITE_NOT_APPLIED when the write was never sent, and a read-modify-write whose read failed too', async () => {
    const client = new Redis(server.port, server.host, { maxRetriesPerRequest: null });
    const store = new RedisFeatureFlagStore(client, { baseKey: uniqueBaseKey('down'), commandTimeoutMs: 300 });
    try {
      await store.create('F', { isEnabled: false });
      await server.kill();
      await waitFor(() => client.status !== 'ready', 5000, 'the client to notice');
      const create = await store.create('G').then(() => undefined, (reason: unknown) => reason);
      const update = await store.set('F', true).then(() => undefined, (reason: unknown) => reason);
      for (const error of [create, update]) {
        expect(error).toBeInstanceOf(WriteNotAppliedError);
        expect((error as WriteNotAppliedError).code).toBe('WRITE_NOT_APPLIED');
        expect((error as Error).message).toContain('the write was not applied');
      }
    } finally {
      if (!server.running) await server.restart();
      client.disconnect();
    }
  });
});
