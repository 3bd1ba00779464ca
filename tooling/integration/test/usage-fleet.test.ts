import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { FeatureFlagClient } from '@flipper-client/core';
import { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import type { UsageEvaluatorArguments } from '../src/usage-evaluator.js';
import { uniqueBaseKey, useRedis } from './support/redis.js';

/*
 * Issue 25: counting is exact across a fleet. Eight Node processes, each with its own client on
 * one Redis, evaluate three flags (on, off, missing); the stored totals equal the evaluations,
 * after each process's flush and again after each one's close().
 */
const ENTRY = fileURLToPath(new URL('../dist/usage-evaluator.js', import.meta.url));
const PROCESSES = 8;
const HALF = 300;
const redis = useRedis();

interface Reply {
  type: 'flushed' | 'closed';
  failures: string[];
}

function nextReply(child: ChildProcess): Promise<Reply> {
  return once(child, 'message').then(([reply]) => reply as Reply);
}

describe('usage counting across processes over a real Redis', () => {
  it('stores exactly the evaluations of eight processes, after their flush and after close()', async () => {
    expect(existsSync(ENTRY)).toBe(true);
    const { server, shared } = redis();
    const baseKey = uniqueBaseKey('usage-fleet');
    const store = new RedisFeatureFlagStore(shared, { baseKey });
    const admin = new FeatureFlagClient(store, { usage: false });
    await admin.create('ON', { isEnabled: true });
    await admin.create('OFF');
    const args: UsageEvaluatorArguments = { host: server.host, port: server.port, baseKey, flags: ['ON', 'OFF', 'MISSING'], half: HALF };
    const children = Array.from({ length: PROCESSES }, () => fork(ENTRY, [JSON.stringify(args)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    const exits = children.map((child) => once(child, 'exit'));

    const flushed = await Promise.all(children.map(nextReply));
    expect(flushed.flatMap((reply) => reply.failures)).toEqual([]);
    const third = (PROCESSES * HALF) / 3;
    const totals = async (): Promise<Record<string, unknown>> =>
      Object.fromEntries((await store.readUsage()).map((flag) => [flag.featureName, flag.total]));
    expect(await totals()).toEqual({
      MISSING: { on: 0, off: 0, default: third },
      OFF: { on: 0, off: third, default: 0 },
      ON: { on: third, off: 0, default: 0 },
    });

    const closed = children.map(nextReply);
    for (const child of children) child.send('go');
    expect((await Promise.all(closed)).flatMap((reply) => reply.failures)).toEqual([]);
    await Promise.all(exits);
    expect(await totals()).toEqual({
      MISSING: { on: 0, off: 0, default: 2 * third },
      OFF: { on: 0, off: 2 * third, default: 0 },
      ON: { on: 2 * third, off: 0, default: 0 },
    });
    const [on] = await store.readUsage({ featureName: 'ON' });
    expect(on?.lastSeen).toBeGreaterThan(Date.now() / 1000 - 60);
    await store.close();
  });
});
